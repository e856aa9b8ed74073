// The CLI's contract (exit codes, formats) and the reporters' shapes.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "helpers.hpp"

using namespace e911;

namespace {
struct Run {
    int code;
    std::string out;
};
Run cli(const std::string& args) {
    std::string cmd = std::string(E911_CLI) + " " + args + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    return {WEXITSTATUS(status), out};
}
std::string ex(const char* name) { return std::string(E911_SOURCE_DIR "/examples/") + name; }
std::string tmp(const std::string& name, const std::string& content) {
    std::string path = "/tmp/e911-test-" + name;
    std::ofstream(path) << content;
    return path;
}
}  // namespace

TEST_CASE("e911 validate: exit 0 clean, 1 config errors, 2 unreadable") {
    CHECK(cli("validate " + ex("campus.yaml")).code == 0);
    auto bad = tmp("bad.yaml", "version: 1\nnetwork:\n  subnet: []\n");
    auto r = cli("validate " + bad);
    CHECK(r.code == 1);
    CHECK(r.out.find(bad + ":3:3: error [unknown-key] unknown key `subnet` in `network`; did you mean `subnets`?") != std::string::npos);
    auto j = nlohmann::json::parse(cli("validate --format json " + bad).out);
    CHECK(j["diagnostics"][0]["line"] == 3);
    CHECK(j["summary"]["errors"] == 1);
    CHECK(cli("validate /nonexistent.yaml").code == 2);
    CHECK(cli("validate").code == 2);
    CHECK(cli("frobnicate").code == 2);
}

TEST_CASE("e911 --version, --help, schema, rules, explain") {
    CHECK(cli("--version").out.find(version()) != std::string::npos);
    CHECK(cli("--help").code == 0);
    auto schema = nlohmann::json::parse(cli("schema").out);
    CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(cli("rules").out.find("kari-direct-dial") != std::string::npos);
    auto doc = cli("explain kari-direct-dial");
    CHECK(doc.code == 0);
    std::ifstream f(E911_SOURCE_DIR "/docs/rules/kari-direct-dial.md");
    std::stringstream ss;
    ss << f.rdbuf();
    CHECK(doc.out == ss.str());  // the same text as docs/rules/ID.md
    CHECK(cli("explain no-such-rule").code == 2);
}

TEST_CASE("e911 lint: exit codes, --fail-on, --select/--ignore, load errors") {
    CHECK(cli("lint " + ex("campus.yaml")).code == 0);  // one finding, waived
    CHECK(cli("lint " + ex("multi-psap.yaml")).code == 1);
    CHECK(cli("lint --fail-on never " + ex("multi-psap.yaml")).code == 0);
    CHECK(cli("lint --ignore psap-mismatch " + ex("multi-psap.yaml")).code == 0);
    CHECK(cli("lint --select psap " + ex("multi-psap.yaml")).code == 1);
    CHECK(cli("lint --select psap-mismatc " + ex("multi-psap.yaml")).code == 2);
    CHECK(cli("lint --format yaml " + ex("campus.yaml")).code == 2);
    auto bad = tmp("badlint.yaml", "version: 1\nnetwork:\n  subnet: []\n");
    auto r = cli("lint --format json " + bad);
    CHECK(r.code == 2);
    CHECK(nlohmann::json::parse(r.out)["findings"][0]["rule"] == "unknown-key");
    // info-level findings fail only with --fail-on info
    auto info = tmp("info.yaml", test::base_us() + "location_policies:\n  - {id: unused-lp, enhanced_emergency_services: true}\n");
    CHECK(cli("lint --select unused-object " + info).code == 0);
    CHECK(cli("lint --select unused-object --fail-on info " + info).code == 1);
}

TEST_CASE("e911 lint: baselines accept existing findings") {
    // per process: other checkouts' test runs on the same machine write the same name
    std::string base = "/tmp/e911-test-baseline-" + std::to_string(getpid()) + ".json";
    std::remove(base.c_str());
    CHECK(cli("lint --write-baseline " + base + " --reason 'county approved' " + ex("multi-psap.yaml")).code == 0);
    CHECK(cli("lint --baseline " + base + " " + ex("multi-psap.yaml")).code == 0);
    auto j = nlohmann::json::parse(cli("lint --format json --baseline " + base + " " + ex("multi-psap.yaml")).out);
    CHECK(j["findings"][0]["baselined"] == true);
    CHECK(cli("lint --baseline " + tmp("notjson", "{") + " " + ex("multi-psap.yaml")).code == 2);
}

TEST_CASE("SARIF 2.1.0 output for GitHub code scanning") {
    auto r = cli("lint --format sarif " + ex("multi-psap.yaml"));
    CHECK(r.code == 1);
    auto s = nlohmann::json::parse(r.out);
    CHECK(s["version"] == "2.1.0");
    CHECK(s["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    auto& run = s["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "e911");
    auto& rules = run["tool"]["driver"]["rules"];
    CHECK(rules.size() == e911::rules().size());
    for (auto& rule : rules) {
        CHECK(rule["shortDescription"]["text"].is_string());
        CHECK(rule["helpUri"].get<std::string>().find("docs/rules/" + rule["id"].get<std::string>() + ".md") != std::string::npos);
    }
    REQUIRE(run["results"].size() == 1);
    auto& res = run["results"][0];
    CHECK(res["ruleId"] == "psap-mismatch");
    CHECK(res["level"] == "error");
    CHECK(rules[res["ruleIndex"].get<int>()]["id"] == "psap-mismatch");
    auto& region = res["locations"][0]["physicalLocation"]["region"];
    CHECK(region["startLine"].get<int>() >= 1);
    CHECK(res["partialFingerprints"]["e911/v1"].get<std::string>().size() == 16);
    // fingerprints do not move with lines
    auto shifted = tmp("shifted.yaml", "# a new comment line\n" + [] {
        std::ifstream f(E911_SOURCE_DIR "/examples/multi-psap.yaml");
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    }());
    auto s2 = nlohmann::json::parse(cli("lint --format sarif " + shifted).out);
    CHECK(s2["runs"][0]["results"][0]["partialFingerprints"] == res["partialFingerprints"]);
    CHECK(s2["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == region["startLine"].get<int>() + 1);
    // absolute paths under the working directory become repository-relative URIs
    std::string cmd = std::string("cd ") + E911_SOURCE_DIR + " && " + E911_CLI + " lint --format sarif " + E911_SOURCE_DIR "/examples/multi-psap.yaml";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
    auto rel = nlohmann::json::parse(out);
    CHECK(rel["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "examples/multi-psap.yaml");
    // waived findings are suppressions
    auto w = nlohmann::json::parse(cli("lint --format sarif " + ex("campus.yaml")).out);
    CHECK(w["runs"][0]["results"][0]["suppressions"][0]["kind"] == "inSource");
}

TEST_CASE("JUnit and GitHub annotations") {
    auto junit = cli("lint --format junit " + ex("multi-psap.yaml")).out;
    CHECK(junit.find("<testsuites") != std::string::npos);
    CHECK(junit.find("<failure type=\"error\"") != std::string::npos);
    CHECK(junit.find("classname=\"e911.psap-mismatch\"") != std::string::npos);
    auto gh = cli("lint --format github " + ex("multi-psap.yaml")).out;
    CHECK(gh.rfind("::error file=", 0) == 0);
    CHECK(gh.find(",title=e911 psap-mismatch::") != std::string::npos);
    CHECK(cli("lint --format junit -o /tmp/e911-test-junit.xml " + ex("multi-psap.yaml")).out.empty());
}

TEST_CASE("e911 simulate, matrix, diff, pidf, convert") {
    auto s = cli("simulate " + ex("campus.yaml") + " --dial 911 --ip 10.10.1.57/24 --format json");
    CHECK(s.code == 0);
    auto t = nlohmann::json::parse(s.out);
    CHECK(t["outcome"] == "routed");
    CHECK(t["psap_correct"] == true);
    CHECK(cli("simulate " + ex("campus.yaml") + " --dial 911 --user nobody").code == 2);
    CHECK(cli("simulate " + ex("campus.yaml")).code == 2);
    auto calls = tmp("calls.csv", "user,ip,dialed,time\nalice@contoso.edu,10.10.2.9/24,911,2026-11-21T10:00:00Z\n");
    auto b = cli("simulate " + ex("campus.yaml") + " --calls " + calls + " --format csv");
    CHECK(b.code == 0);
    CHECK(b.out.find("+12175550111") != std::string::npos);
    CHECK(cli("matrix " + ex("campus.yaml") + " --format csv").out.rfind("site,location", 0) == 0);
    CHECK(cli("diff " + ex("multi-psap.yaml") + " " + ex("multi-psap-fixed.yaml")).code == 0);
    CHECK(cli("diff " + ex("multi-psap-fixed.yaml") + " " + ex("multi-psap.yaml")).code == 1);
    CHECK(cli("diff " + ex("campus.yaml") + " " + ex("campus.yaml")).code == 0);
    CHECK(cli("pidf " + ex("campus.yaml") + " --location hall-a-fl2 --elin-in-nam").out.find("<ca:NAM>+12175550102</ca:NAM>") != std::string::npos);
    CHECK(cli("pidf " + ex("campus.yaml") + " --location nope").code == 2);
    CHECK(nlohmann::json::parse(cli("convert " + ex("bern.yaml")).out)["location_policies"][0]["id"] == "ch-bern");
}
