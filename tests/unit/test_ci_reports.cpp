// CI report formats checked against what CI systems check: SARIF against the SARIF multitool's
// validation rules (microsoft/sarif-sdk, SARIF1001..SARIF2016) and the 2.1.0 schema's required
// properties; JUnit against Jenkins' junit-10.xsd with xmllint; baselines that need reasons for errors.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "helpers.hpp"
#include "lint/passes.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Run {
    int code;
    std::string out;
};

// Runs a shell command line (stderr joined to stdout when `both`).
Run sh(const std::string& cmd, bool both = false) {
    std::string full = cmd + (both ? " 2>&1" : " 2>/dev/null");
    FILE* p = popen(full.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    return {WEXITSTATUS(status), out};
}

std::string q(const std::string& s) { return "'" + s + "'"; }
std::string e911_cli() { return q(E911_CLI); }
std::string example(const char* name) { return std::string(E911_SOURCE_DIR "/examples/") + name; }

// A scratch directory whose name needs percent-encoding in a URI.
fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("e911 ci #" + name);
    fs::remove_all(d);
    fs::create_directories(d / "sub dir");
    return d;
}

bool has_scheme(const std::string& uri) { return std::regex_search(uri, std::regex("^[A-Za-z][A-Za-z0-9+.-]*:")); }

// SARIF1002: a URI reference per RFC 3986 (only its characters, every % followed by two hex digits);
// `file:` URIs without `..` segments.
void check_uri(const std::string& uri, const std::string& where, std::vector<std::string>& out) {
    static const std::regex valid("^([A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*$");
    if (!std::regex_match(uri, valid)) out.push_back("SARIF1002 " + where + ": not a URI reference: " + uri);
    if (uri.rfind("file:", 0) == 0 && (uri.find("/../") != std::string::npos || uri.find("/./") != std::string::npos))
        out.push_back("SARIF1002 " + where + ": file URI with a dot segment: " + uri);
}

void check_artifact(const json& a, const json& bases, const std::string& where, std::vector<std::string>& out) {
    if (!a.contains("uri")) return out.push_back("GH1001 " + where + ": no artifactLocation.uri");
    std::string uri = a["uri"];
    check_uri(uri, where, out);
    if (a.contains("uriBaseId")) {
        if (has_scheme(uri)) out.push_back("SARIF1004 " + where + ": uriBaseId with an absolute uri " + uri);
        if (!bases.contains(a["uriBaseId"].get<std::string>()))
            out.push_back("SARIF1004 " + where + ": uriBaseId not in originalUriBaseIds");
        if (uri.find("..") != std::string::npos) out.push_back("SARIF1002 " + where + ": `..` in " + uri);
    } else if (!has_scheme(uri)) {
        out.push_back("SARIF2016 " + where + ": relative uri without uriBaseId " + uri);
    }
}

void check_region(const json& r, const std::string& where, std::vector<std::string>& out) {
    if (!r.contains("startLine") || r["startLine"].get<int>() < 1) out.push_back("SARIF1007/GH1003 " + where);
    if (r.contains("startColumn") && r["startColumn"].get<int>() < 1) out.push_back("SARIF1007 " + where);
}

// The multitool's rules at warning and error level that apply to what e911 writes, plus the notes
// SARIF2012 and SARIF2016; and the schema's required properties along the paths e911 fills.
std::vector<std::string> sarif_problems(const json& log, const fs::path& root_if_any = {}) {
    std::vector<std::string> out;
    if (!log.contains("$schema")) out.push_back("SARIF2008 no $schema");
    std::string schema = log.value("$schema", "");
    for (const char* end : {"2.1.0", "2.1.0.json", "2.1.0-rtm.6", "2.1.0-rtm.6.json"})
        if (schema.size() >= std::string(end).size() && schema.compare(schema.size() - std::string(end).size(), std::string::npos, end) == 0)
            schema.clear();
    if (!schema.empty()) out.push_back("SARIF1011 $schema is not the final 2.1.0 schema");
    if (log.value("version", "") != "2.1.0" || !log["runs"].is_array()) out.push_back("schema: version, runs");
    for (const auto& run : log["runs"]) {
        const auto& driver = run["tool"]["driver"];
        std::string name = driver.value("name", "");
        if (name.empty()) out.push_back("schema: tool.driver.name");
        if (std::count(name.begin(), name.end(), ' ') > 2) out.push_back("SARIF2005 tool name longer than 3 words");
        if (!driver.contains("version") && !driver.contains("semanticVersion")) out.push_back("SARIF2005 no version");
        if (driver.contains("version") && !std::isdigit(static_cast<unsigned char>(driver["version"].get<std::string>()[0])))
            out.push_back("SARIF2005 version not numeric");
        for (const char* k : {"informationUri"})
            if (driver.contains(k) && !has_scheme(driver[k])) out.push_back("SARIF1005 informationUri");
        if (!run.contains("automationDetails") || run["automationDetails"].value("id", "").empty())
            out.push_back("automationDetails.id missing");
        json bases = run.value("originalUriBaseIds", json::object());
        for (auto it = bases.begin(); it != bases.end(); ++it) {
            std::string uri = it.value().value("uri", "");
            check_uri(uri, "originalUriBaseIds." + it.key(), out);
            if (!has_scheme(uri)) out.push_back("SARIF1004 top-level uriBaseId not absolute: " + uri);
            if (uri.empty() || uri.back() != '/') out.push_back("SARIF1004 uriBaseId not ending in /: " + uri);
            if (uri.find("/../") != std::string::npos) out.push_back("SARIF1004 uriBaseId with ..: " + uri);
            if (uri.find_first_of("?#") != std::string::npos) out.push_back("SARIF1004 query or fragment: " + uri);
        }
        const auto& rules = driver["rules"];
        for (const auto& r : rules) {
            std::string id = r.value("id", "");
            if (id.empty()) out.push_back("schema: rule id");
            if (r.contains("name") && r["name"] == id) out.push_back("SARIF1001 name equals id: " + id);
            if (!r.contains("name") || !std::regex_match(r["name"].get<std::string>(), std::regex("[A-Z][A-Za-z0-9]*")))
                out.push_back("SARIF2012 no Pascal-case friendly name: " + id);
            if (!r.contains("helpUri")) out.push_back("SARIF2012 no helpUri: " + id);
            else {
                check_uri(r["helpUri"], "helpUri " + id, out);
                if (!has_scheme(r["helpUri"])) out.push_back("SARIF1005 helpUri not absolute: " + id);
                if (r["helpUri"].get<std::string>().find("//" + id) != std::string::npos) out.push_back("helpUri //: " + id);
            }
        }
        for (const auto& res : run["results"]) {
            std::string where = "result " + res.value("ruleId", "?");
            if (!res.contains("ruleId")) out.push_back("SARIF1010 no ruleId");
            if (res.contains("ruleIndex")) {
                auto i = res["ruleIndex"].get<std::size_t>();
                if (i >= rules.size()) out.push_back("SARIF1009 " + where);
                else if (rules[i]["id"] != res["ruleId"]) out.push_back("SARIF1010 ruleIndex points elsewhere: " + where);
            }
            std::string text = res["message"].value("text", "");
            if (text.empty()) out.push_back("schema: message.text " + where);
            else if (text.back() != '.') out.push_back("SARIF2001 message does not end in a period: " + where);
            if (!res.contains("locations") || res["locations"].empty()) out.push_back("GH1001 no locations " + where);
            for (const auto& loc : res.value("locations", json::array())) {
                check_artifact(loc["physicalLocation"]["artifactLocation"], bases, where, out);
                check_region(loc["physicalLocation"]["region"], where, out);
                std::string uri = loc["physicalLocation"]["artifactLocation"].value("uri", "");
                if (!root_if_any.empty() && uri.rfind("file:", 0) == 0) out.push_back("SARIF2016 absolute file URI " + uri);
            }
            for (const auto& rel : res.value("relatedLocations", json::array())) {
                check_artifact(rel["physicalLocation"]["artifactLocation"], bases, where + " related", out);
                check_region(rel["physicalLocation"]["region"], where + " related", out);
                std::string t = rel["message"].value("text", "");
                if (t.empty() || t.back() != '.') out.push_back("SARIF2001 related message: " + where);
            }
            for (const auto& s : res.value("suppressions", json::array()))
                if (s.value("kind", "") != "inSource" && s.value("kind", "") != "external") out.push_back("schema: suppression.kind");
        }
    }
    return out;
}

void copy_example(const char* name, const fs::path& to) { fs::copy_file(example(name), to, fs::copy_options::overwrite_existing); }

}  // namespace

TEST_CASE("SARIF: files under the working directory are relative to a uriBaseId, encoded as URIs") {
    auto dir = scratch("sarif-rel");
    copy_example("multi-psap.yaml", dir / "sub dir" / "multi psap%.yaml");
    auto r = sh("cd " + q(dir.string()) + " && " + e911_cli() + " lint --format sarif " + q("sub dir/multi psap%.yaml"));
    REQUIRE(r.code == 1);
    auto log = json::parse(r.out);
    auto problems = sarif_problems(log, dir);
    INFO(json(problems).dump(1));
    CHECK(problems.empty());
    auto& run = log["runs"][0];
    auto& art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(art["uri"] == "sub%20dir/multi%20psap%25.yaml");
    CHECK(art["uriBaseId"] == "PROJECTROOT");
    std::string base = run["originalUriBaseIds"]["PROJECTROOT"]["uri"];
    CHECK(base.rfind("file:///", 0) == 0);
    CHECK(base.find("e911%20ci%20%23sarif-rel/") != std::string::npos);
    CHECK(run["automationDetails"]["id"] == "e911/lint/");
    // the same file by its absolute path gives the same, relative, location
    auto abs = json::parse(sh("cd " + q(dir.string()) + " && " + e911_cli() + " lint --format sarif " +
                              q((dir / "sub dir" / "multi psap%.yaml").string())).out);
    CHECK(abs["runs"][0]["results"][0]["locations"] == run["results"][0]["locations"]);
}

TEST_CASE("SARIF: files outside the working directory are absolute file URIs without dot segments") {
    auto dir = scratch("sarif-abs");
    copy_example("multi-psap.yaml", dir / "sub dir" / "x.yaml");
    fs::create_directories(dir / "elsewhere");
    auto r = sh("cd " + q((dir / "elsewhere").string()) + " && " + e911_cli() + " lint --format sarif " + q("../sub dir/x.yaml"));
    auto log = json::parse(r.out);
    auto problems = sarif_problems(log);
    INFO(json(problems).dump(1));
    CHECK(problems.empty());
    auto& art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK_FALSE(art.contains("uriBaseId"));
    std::string uri = art["uri"];
    CHECK(uri.rfind("file:///", 0) == 0);
    CHECK(uri.find("..") == std::string::npos);
    CHECK(uri.size() > std::string("e911%20ci%20%23sarif-abs/sub%20dir/x.yaml").size());
    CHECK(uri.find("e911%20ci%20%23sarif-abs/sub%20dir/x.yaml") != std::string::npos);
}

TEST_CASE("SARIF: rule names differ from ids; E911_DOCS_URL is joined with or without its slash") {
    auto cmd = e911_cli() + " lint --format sarif " + example("campus.yaml");
    auto plain = json::parse(sh(cmd).out);
    auto slash = json::parse(sh("E911_DOCS_URL=https://docs.example.org/e911/rules/ " + cmd).out);
    auto bare = json::parse(sh("E911_DOCS_URL=https://docs.example.org/e911/rules " + cmd).out);
    for (const auto* log : {&plain, &slash, &bare}) {
        auto problems = sarif_problems(*log);
        INFO(json(problems).dump(1));
        CHECK(problems.empty());
    }
    auto& rule = slash["runs"][0]["tool"]["driver"]["rules"][0];
    std::string id = rule["id"];
    CHECK(rule["helpUri"] == "https://docs.example.org/e911/rules/" + id + ".md");
    CHECK(bare["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == rule["helpUri"]);
    for (const auto& r : plain["runs"][0]["tool"]["driver"]["rules"]) {
        if (r["id"] == "psap-mismatch") CHECK(r["name"] == "PsapMismatch");
        CHECK(r["name"] != r["id"]);
    }
    auto cat = json::parse(sh("E911_SARIF_CATEGORY=e911/branch-configs " + cmd).out);
    CHECK(cat["runs"][0]["automationDetails"]["id"] == "e911/branch-configs/");
}

TEST_CASE("SARIF: the rule checks catch what they claim to (a log that breaks each)") {
    json bad = json::parse(R"({"version":"2.1.0","$schema":"https://example.org/sarif-2.0.0.json","runs":[{
      "tool":{"driver":{"name":"a very long tool name","version":"v1","rules":[{"id":"x-y","name":"x-y","helpUri":"docs/x"}]}},
      "originalUriBaseIds":{"R":{"uri":"/tmp/x"}},
      "results":[{"ruleId":"x-y","ruleIndex":3,"message":{"text":"no period"},
        "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///a b/../c","uriBaseId":"R"},"region":{"startLine":0}}}]}]}]})");
    auto p = sarif_problems(bad);
    std::string all = json(p).dump();
    for (const char* id : {"SARIF1001", "SARIF1002", "SARIF1004", "SARIF1005", "SARIF1007", "SARIF1009", "SARIF1011",
                           "SARIF2001", "SARIF2005", "SARIF2012", "automationDetails"})
        CHECK(all.find(id) != std::string::npos);
}

TEST_CASE("JUnit: valid against junit-10.xsd, file and line in the text, a clean run has a passing case") {
    if (sh("command -v xmllint").code != 0) {
        WARN("xmllint (Debian libxml2-utils) is not installed: the JUnit XSD validation is skipped");
        return;
    }
    auto dir = scratch("junit");
    std::string xsd = E911_SOURCE_DIR "/tests/data/junit-10.xsd";
    std::string clean_cfg = (dir / "clean.yaml").string();
    std::ofstream(clean_cfg) << "version: 1\n";
    struct Case {
        std::string args;
        bool passing_case;
    };
    for (const auto& c : {Case{example("multi-psap.yaml"), false}, Case{example("campus.yaml"), true},
                          Case{q(clean_cfg), true}, Case{example("multi-psap.yaml") + " " + example("bern.yaml"), false}}) {
        auto out = (dir / "report.xml").string();
        sh(e911_cli() + " lint --format junit -o " + q(out) + " " + c.args);
        auto v = sh("xmllint --noout --schema " + q(xsd) + " " + q(out), true);
        INFO(c.args << "\n" << v.out);
        CHECK(v.code == 0);
        std::ifstream in(out);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string xml = ss.str();
        CHECK(xml.find("<testcase") != std::string::npos);
        CHECK_FALSE(std::regex_search(xml, std::regex("<testcase[^>]* (file|line)=")));
        if (c.passing_case) CHECK(xml.find("name=\"lint: no active findings\"/>") != std::string::npos);
    }
    auto xml = sh(e911_cli() + " lint --format junit " + example("multi-psap.yaml")).out;
    CHECK(std::regex_search(xml, std::regex("<failure type=\"error\" message=\"[^\"]*multi-psap.yaml:[0-9]+\\)\">")));
    CHECK(std::regex_search(xml, std::regex("\nat [^\n]*multi-psap.yaml:[0-9]+\n")));
}

TEST_CASE("baselines: an error is accepted only with a reason, shown in every report") {
    auto dir = scratch("baseline");
    auto cfg = example("multi-psap.yaml");  // a wrong-PSAP error
    auto base = (dir / "baseline.json").string();
    auto lint = e911_cli() + " lint " + cfg + " --baseline " + q(base);
    // without --reason the error gets a placeholder that accepts nothing, and the writer says so
    auto w = sh(e911_cli() + " lint " + cfg + " --write-baseline " + q(base), true);
    CHECK(w.code == 0);
    CHECK(w.out.find("errors are accepted only with a reason") != std::string::npos);
    auto entries = json::parse(sh("cat " + q(base)).out)["findings"];
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["reason"] == e911::kBaselinePlaceholder);
    CHECK(entries[0]["severity"] == "error");
    auto r = sh(lint);
    CHECK(r.code == 1);
    CHECK(r.out.find("without a reason, so it is not accepted") != std::string::npos);
    // an entry written by hand (older baselines) without any reason does not accept the error either
    std::ofstream(base) << R"({"e911_baseline": 1, "findings": [{"fingerprint": ")" << entries[0]["fingerprint"].get<std::string>()
                        << "\"}]}";
    CHECK(sh(lint).code == 1);
    // with a reason it is accepted, and the reason is in the text, JSON, SARIF and JUnit reports
    std::string why = "PSAP move approved by the county, ticket 4711";
    CHECK(sh(e911_cli() + " lint " + cfg + " --write-baseline " + q(base) + " --reason " + q(why)).code == 0);
    auto text = sh(lint);
    CHECK(text.code == 0);
    CHECK(text.out.find("[baselined: " + why + "]") != std::string::npos);
    auto j = json::parse(sh(lint + " --format json").out);
    CHECK(j["findings"][0]["baselined"] == true);
    CHECK(j["findings"][0]["baseline_reason"] == why);
    auto s = json::parse(sh(lint + " --format sarif").out);
    CHECK(s["runs"][0]["results"][0]["suppressions"][0]["justification"] == "in the lint baseline: " + why);
    CHECK(sarif_problems(s).empty());
    CHECK(sh(lint + " --format junit").out.find("<skipped message=\"baselined: " + why + "\"/>") != std::string::npos);
    // writing the baseline again keeps each entry's own reason
    CHECK(sh(lint + " --write-baseline " + q(base)).code == 0);
    CHECK(json::parse(sh("cat " + q(base)).out)["findings"][0]["reason"] == why);
}

TEST_CASE("baseline pass: warnings need no reason; errors need a real one") {
    e911::Finding err, warn;
    err.rule = "psap-mismatch";
    err.severity = e911::Severity::error;
    err.target = "site/a";
    err.message = "m";
    warn = err;
    warn.rule = "elin-shared";
    warn.severity = e911::Severity::warning;
    std::vector<e911::Finding> fs = {err, warn};
    e911::detail::baseline_pass({}, fs);
    std::set<std::string> both = {fs[0].fingerprint, fs[1].fingerprint};
    for (std::string reason : std::vector<std::string>{"", "   ", e911::kBaselinePlaceholder, "accepted by the safety board"}) {
        std::vector<e911::Finding> run = {err, warn};
        e911::detail::baseline_pass(both, run, {{fs[0].fingerprint, reason}});
        bool given = reason == "accepted by the safety board";
        CHECK(run[0].baselined == given);
        CHECK(run[0].baseline_reason == (given ? reason : ""));
        CHECK(run[1].baselined);
    }
}

namespace {

std::vector<std::string> hint_problems_of(const std::vector<e911::Diagnostic>& ds, const std::vector<e911::Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& d : ds)
        for (auto& p : test::hint_yaml_problems(d.hint)) out.push_back(d.id + ": " + p);
    for (const auto& f : fs)
        for (auto& p : test::hint_yaml_problems(f.hint)) out.push_back(f.rule + ": " + p);
    return out;
}

}  // namespace

TEST_CASE("hints: the YAML they show parses (examples, fixtures, and the hints that show YAML)") {
    std::vector<std::string> files;
    for (const char* dir : {"/examples", "/tests/data"})
        for (const auto& e : fs::recursive_directory_iterator(std::string(E911_SOURCE_DIR) + dir))
            if (e.path().extension() == ".yaml" || e.path().extension() == ".json") files.push_back(e.path().string());
    std::size_t hints = 0;
    for (const auto& file : files) {
        auto r = e911::load_files({file});
        std::vector<e911::Finding> fs;
        if (r.ok()) fs = e911::lint(r.config);
        for (const auto& f : fs) hints += !f.hint.empty();
        auto problems = hint_problems_of(r.diagnostics, fs);
        INFO(file << "\n" << json(problems).dump(1));
        CHECK(problems.empty());
    }
    CHECK(hints > 0);
    // The hints that show YAML, each triggered: a scalar where a list belongs, a LIS subnet missing,
    // a PSAP missing, an empty service area, an include that is not a list.
    auto scalar = test::load_yaml("version: 1\nemergency_call_routing_policies:\n  - id: p\n    numbers:\n"
                                  "      - {dial_string: \"911\", dial_masks: 9911}\n");
    std::string list_hint;
    for (const auto& d : scalar.diagnostics)
        if (d.id == "wrong-type") list_hint = d.hint;
    CHECK(list_hint == "write it as a list: `dial_masks: [\"9911\"]`");
    std::string yaml = test::base_us();
    std::string served = "  - {id: sangamon, serves: [{country: US, state: IL, county: SANGAMON}]}\n";
    yaml.replace(yaml.find(served), served.size(), "  - {id: far, serves: [{country: US, state: CA}]}\n");
    auto cfg = test::config(yaml);
    std::vector<e911::Finding> fs = e911::lint(cfg);
    bool psap_hint = false;
    for (const auto& f : fs)
        if (f.rule == "psap-unknown") {
            psap_hint = true;
            CHECK(f.hint.find("`serves: [{country: US, state: IL, county: SANGAMON}]`") != std::string::npos);
        }
    CHECK(psap_hint);
    auto area = test::load_yaml("version: 1\npsaps:\n  - {id: x, name: X, serves: [{}]}\n");
    auto inc = test::load_yaml("version: 1\ninclude: other.yaml\n");
    auto problems = hint_problems_of(scalar.diagnostics, fs);
    for (const auto* r : {&area, &inc})
        for (auto& p : hint_problems_of(r->diagnostics, {})) problems.push_back(p);
    INFO(json(problems).dump(1));
    CHECK(problems.empty());
    CHECK(test::hint_yaml_problems("add `dial_masks: [\"9911\"` here").size() == 1);
    CHECK(test::hint_yaml_problems("write dial_masks: [9911]").size() == 1);
}

TEST_CASE("hints: every back-quoted YAML snippet written whole in a rule's or loader's source parses") {
    std::size_t seen = 0;
    for (const char* dir : {"/libe911/src/lint/rules", "/libe911/src/lint", "/libe911/src/load"})
        for (const auto& e : fs::directory_iterator(std::string(E911_SOURCE_DIR) + dir)) {
            if (e.path().extension() != ".cpp") continue;
            std::ifstream in(e.path());
            std::stringstream ss;
            ss << in.rdbuf();
            std::string src = ss.str();
            static const std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
            for (auto it = std::sregex_iterator(src.begin(), src.end(), literal); it != std::sregex_iterator(); ++it) {
                std::string text = std::regex_replace((*it)[1].str(), std::regex(R"(\\")"), "\"");
                for (const auto& snippet : test::yaml_snippets(text)) {
                    ++seen;
                    INFO(e.path().string() << ": `" << snippet << "`");
                    CHECK_NOTHROW(YAML::Load(snippet));
                }
            }
        }
    CHECK(seen > 0);
}
