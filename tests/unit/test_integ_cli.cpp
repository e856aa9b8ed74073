// The command line around the checks: several files, pre-commit's file selection, the schema file,
// help, "did you mean", shell completion, batch output defaults.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
    int code;
    std::string out;
};
// stdout, or stdout and stderr together with `both`.
Run run(const std::string& cmd, bool both = false) {
    FILE* p = popen((cmd + (both ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    return {WEXITSTATUS(status), out};
}
Run cli_run(const std::string& args, bool both = false) { return run(std::string(E911_CLI) + " " + args, both); }
std::string ex(const char* name) { return std::string(E911_SOURCE_DIR "/examples/") + name; }
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path scratch(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("e911-integ-cli-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir / ".git");
    return dir;
}
std::string put(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
}

const char* kBadSite = "version: 1\nnetwork:\n  regions: [{id: r}]\n  sites: [{id: s1, region: nowhere}]\n";

}  // namespace

TEST_CASE("e911 validate/lint: several files are several configurations, each with its own findings") {
    // Before, these two were merged: their `description`s collided (include-conflict) and one hid the other.
    auto v = cli_run("validate " + ex("campus.yaml") + " " + ex("multi-psap.yaml"));
    CHECK(v.code == 0);
    CHECK(
        has(v.out, "ok: " + ex("campus.yaml") + " loaded cleanly\nok: " + ex("multi-psap.yaml") + " loaded cleanly\n"));
    auto merged = cli_run("validate --merge " + ex("campus.yaml") + " " + ex("multi-psap.yaml"));
    CHECK(merged.code == 1);
    CHECK(has(merged.out, "include-conflict"));
    auto l = cli_run("lint --format json " + ex("multi-psap.yaml") + " " + ex("campus.yaml"));
    CHECK(l.code == 1);
    auto j = nlohmann::json::parse(l.out);
    bool psap = false, waived = false;
    for (const auto& f : j["findings"]) {
        psap = psap || (f["rule"] == "psap-mismatch" && has(f["file"], "multi-psap.yaml"));
        waived = waived || (f["rule"] == "kari-notification-building" && has(f["file"], "campus.yaml"));
    }
    CHECK(psap);
    CHECK(waived);
    // A load error in one configuration does not hide the others' findings.
    auto dir = scratch("mixed");
    auto bad = put(dir / "bad.yaml", kBadSite);
    auto both = cli_run("lint --format json " + bad + " " + ex("multi-psap.yaml"));
    CHECK(both.code == 2);
    CHECK(has(both.out, "dangling-reference"));
    CHECK(has(both.out, "psap-mismatch"));
}

TEST_CASE("e911 lint: a fragment alone checks the configurations that include it, and says which") {
    auto dir = scratch("fragment");
    auto main = put(dir / "main.yaml", "version: 1\ninclude: [sites/east.yaml]\nnetwork:\n  regions: [{id: r}]\n");
    auto east = put(dir / "sites/east.yaml", "version: 1\nnetwork:\n  sites: [{id: s1, region: r}]\n");
    auto v = cli_run("validate " + east, true);
    CHECK(v.code == 0);  // alone it would fail: region `r` is defined in main.yaml
    CHECK(has(v.out, "e911: `" + east + "` is included by `" + main + "`: checking `" + main + "`\n"));
    CHECK(has(v.out, "ok: " + main + " loaded cleanly"));
    auto alone = cli_run("validate --merge " + east);  // exactly as given
    CHECK(alone.code == 1);
    CHECK(has(alone.out, "dangling-reference"));
    // Given together with its includer: loaded once, not a duplicate of itself.
    auto once = cli_run("validate " + main + " " + east, true);
    CHECK(once.code == 0);
    CHECK(has(once.out, "is included by `" + main + "`: checked as part of it"));
    CHECK_FALSE(has(once.out, "duplicate"));
    CHECK(cli_run("simulate " + main + " " + east + " --dial 911").code == 0);  // every command loads it once
}

TEST_CASE("e911 lint: a fragment two configurations include has its findings once") {
    auto dir = scratch("shared-fragment");
    const char* includer = "version: 1\ninclude: [sites/shared.yaml]\nnetwork:\n  regions: [{id: r}]\n";
    auto a = put(dir / "a.yaml", includer);
    auto b = put(dir / "b.yaml", includer);
    put(dir / "sites/shared.yaml",
        "version: 1\nnetwork:\n  sites: [{id: s1, region: r}]\n  subnets: [{prefix: 10.0.0.0/24, site: s1}]\n");
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    auto both = cli_run("lint " + a + " " + b);
    auto one = cli_run("lint " + a);
    CHECK(both.code == 1);
    CHECK(count(one.out, "[lis-subnet-unmapped]") == 1);
    CHECK(count(both.out, "[lis-subnet-unmapped]") == 1);
    CHECK(count(both.out, "[trusted-ip-missing]") == 1);
    CHECK(both.out == one.out);
}

TEST_CASE("e911 lint --only-configs: files that are not libe911 configurations are skipped, by content") {
    auto dir = scratch("only");
    auto wf = put(dir / ".github/workflows/ci.yml", "name: CI\non: [push]\njobs: {}\n");
    auto pkg = put(dir / "package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}\n");
    auto bad = put(dir / "voice/bad.yaml", kBadSite);
    CHECK(cli_run("lint " + wf).code == 2);  // without the flag every file is a configuration
    CHECK(cli_run("lint --only-configs " + wf + " " + pkg).code == 0);
    auto v = cli_run("validate --only-configs " + wf + " " + pkg);
    CHECK(v.out == "ok: no libe911 configuration among the files\n");
    auto l = cli_run("lint --only-configs " + wf + " " + pkg + " " + bad);
    CHECK(l.code == 2);
    CHECK(has(l.out, "bad.yaml:4:28: error [dangling-reference]"));
    CHECK_FALSE(has(l.out, "ci.yml"));
}

TEST_CASE("e911 schema -o writes the schema with its stable $id") {
    auto dir = scratch("schema");
    auto out = (dir / "e911-config.schema.json").string();
    CHECK(cli_run("schema -o " + out).code == 0);
    std::ifstream f(out);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    CHECK(text == cli_run("schema").out);
    CHECK(nlohmann::json::parse(text)["$id"] ==
          "https://raw.githubusercontent.com/libe911/libe911/main/schemas/e911-config.schema.json");
    CHECK(cli_run("schema -o " + (dir / "no/such/dir/x.json").string()).code == 2);
}

TEST_CASE("e911 help SUBCOMMAND, did you mean, shell completion") {
    CHECK(cli_run("help lint").out == cli_run("lint --help").out);
    CHECK(has(cli_run("help").out, "completion"));
    auto typo = cli_run("lnt " + ex("campus.yaml"), true);
    CHECK(typo.code == 2);
    CHECK(has(typo.out, "e911: unknown command `lnt`; did you mean `lint`?"));
    CHECK(has(cli_run("simulat x", true).out, "did you mean `simulate`?"));
    CHECK(has(cli_run("help valdate", true).out, "did you mean `validate`?"));
    CHECK_FALSE(has(cli_run("zzzzzz", true).out, "did you mean"));
    // The bash script completes subcommands, options and option values (run in bash itself).
    auto script = put(scratch("completion") / "e911.bash", cli_run("completion bash").out);
    auto complete = [&](const std::string& words) {
        return run("bash -c 'source " + script + "; COMP_WORDS=(" + words +
                   "); COMP_CWORD=$((${#COMP_WORDS[@]}-1));"
                   " _e911; echo \"${COMPREPLY[*]}\"'")
            .out;
    };
    CHECK(complete("e911 li") == "lint\n");
    CHECK(complete("e911 lint --fa") == "--fail-on\n");
    CHECK(complete("e911 lint --format s") == "sarif\n");
    CHECK(complete("e911 simulate --platform \"\"") == "teams sfb\n");
    CHECK(complete("e911 help expl") == "explain\n");
    auto zsh = cli_run("completion zsh").out;
    CHECK(zsh.rfind("#compdef e911\n", 0) == 0);
    CHECK(has(zsh, "'--format[text, json, sarif, junit or github]:format:(text json sarif junit github)'"));
    if (run("command -v zsh").code == 0) CHECK(run("zsh -n " + put(scratch("zsh") / "_e911", zsh)).code == 0);
    CHECK(cli_run("completion fish").code == 2);
}

TEST_CASE("e911 simulate --calls writes JSON Lines unless told csv") {
    auto dir = scratch("calls");
    auto calls =
        put(dir / "calls.csv", "user,ip,dialed,time\nalice@contoso.edu,10.10.2.9/24,911,2026-11-21T10:00:00Z\n");
    auto r = cli_run("simulate " + ex("campus.yaml") + " --calls " + calls);
    CHECK(r.code == 0);
    CHECK(nlohmann::json::parse(r.out)["psap"] == "sangamon-ecc");
    CHECK(cli_run("simulate " + ex("campus.yaml") + " --calls " + calls + " --format text").code == 2);
}
