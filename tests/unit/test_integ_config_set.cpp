// Files as kept in a repository: several files are several configurations, includes are followed,
// a fragment leads to the configurations that include it, and content tells configs from other files.
#include <filesystem>
#include <fstream>

#include "helpers.hpp"

namespace fs = std::filesystem;

namespace {

// A scratch repository: a `.git` directory marks the top of the work tree for the fragment search.
struct Repo {
    fs::path root;
    explicit Repo(const std::string& name, bool git = true) {
        root = fs::temp_directory_path() / ("e911-integ-" + name);
        fs::remove_all(root);
        fs::create_directories(root);
        if (git) fs::create_directories(root / ".git");
    }
    ~Repo() { fs::remove_all(root); }
    std::string put(const std::string& rel, const std::string& text) const {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
        return (root / rel).string();
    }
    std::string at(const std::string& rel) const { return (root / rel).lexically_normal().string(); }
};

std::vector<std::vector<std::string>> roots(const std::vector<e911::ConfigUnit>& units) {
    std::vector<std::vector<std::string>> out;
    for (const auto& u : units) out.push_back(u.files);
    return out;
}

const char* kSite = "version: 1\nnetwork:\n  regions: [{id: r}]\n  sites: [{id: s1, region: r}]\n";

}  // namespace

TEST_CASE("plan_configs: each given file is its own configuration; --merge makes them one") {
    Repo repo("plan");
    auto a = repo.put("a.yaml", kSite);
    auto b = repo.put("b.yaml", kSite);
    CHECK(roots(e911::plan_configs({a, b})) == std::vector<std::vector<std::string>>{{a}, {b}});
    CHECK(roots(e911::plan_configs({a, b}, true)) == std::vector<std::vector<std::string>>{{a, b}});
    CHECK(roots(e911::plan_configs({a, a})) == std::vector<std::vector<std::string>>{{a}});  // given twice: once
    // Unreadable files stay in the plan so loading them reports the error.
    CHECK(roots(e911::plan_configs({repo.at("missing.yaml")})) ==
          std::vector<std::vector<std::string>>{{repo.at("missing.yaml")}});
}

TEST_CASE("plan_configs: a given file that another given file includes is loaded once, as part of it") {
    Repo repo("given");
    auto main = repo.put("main.yaml", "version: 1\ninclude: [sites/east.yaml]\n");
    auto east = repo.put("sites/east.yaml", "version: 1\ninclude: [more.yaml]\n");
    auto more = repo.put("sites/more.yaml", kSite);
    for (bool merge : {false, true}) {
        auto units = e911::plan_configs({more, main, east}, merge);
        REQUIRE(units.size() == 1);
        CHECK(units[0].files == std::vector<std::string>{main});
        REQUIRE(units[0].notes.size() == 2);
        CHECK(units[0].notes[0].find("sites/more.yaml` is included by `" + main) != std::string::npos);
    }
    CHECK(e911::included_files(main) ==
          std::vector<std::string>{repo.at("sites/east.yaml"), repo.at("sites/more.yaml")});
    // Loading it through the plan: no include-conflict from loading sites twice.
    auto r = e911::load_files(e911::plan_configs({main, more}, true).front().files);
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    CHECK(r.ok());
}

TEST_CASE("plan_configs: a fragment given alone is checked through the configurations that include it") {
    Repo repo("fragment");
    auto hq = repo.put("voice/hq.yaml", "version: 1\ninclude: [sites/shared.yaml]\n");
    auto lab = repo.put("voice/lab.yaml", "version: 1\ninclude: [sites/lab-only.yaml]\n");
    repo.put("voice/sites/lab-only.yaml", "version: 1\ninclude: [shared.yaml]\n");  // a fragment of a fragment
    auto shared = repo.put("voice/sites/shared.yaml", kSite);
    auto alone = repo.put("voice/sites/alone.yaml", kSite);
    repo.put("package.json",
             "{\"name\": \"x\", \"version\": \"1.0.0\", \"scripts\": {}, \"dependencies\": {},"
             " \"include\": [\"voice/sites/shared.yaml\"]}");
    auto units = e911::plan_configs({shared});
    // Both configurations above it that include it, the topmost ones; package.json is not a configuration.
    CHECK(roots(units) == std::vector<std::vector<std::string>>{{hq}, {lab}});
    REQUIRE(units[0].notes.size() == 1);
    CHECK(units[0].notes[0] == "`" + shared + "` is included by `" + hq + "`: checking `" + hq + "`");
    CHECK(roots(e911::plan_configs({alone})) == std::vector<std::vector<std::string>>{{alone}});  // not included
    CHECK(roots(e911::plan_configs({shared}, true)) ==
          std::vector<std::vector<std::string>>{{shared}});  // --merge: as given
    // Outside a git work tree only the fragment's own directory is searched.
    Repo loose("loose", false);
    loose.put("main.yaml", "version: 1\ninclude: [frag/f.yaml]\n");
    auto f = loose.put("frag/f.yaml", kSite);
    CHECK(roots(e911::plan_configs({f})) == std::vector<std::vector<std::string>>{{f}});
    auto beside = loose.put("frag/root.yaml", "version: 1\ninclude: [f.yaml]\n");
    CHECK(roots(e911::plan_configs({f})) == std::vector<std::vector<std::string>>{{beside}});
}

TEST_CASE("plan_configs: files that include each other are each their own configuration") {
    auto a = E911_SOURCE_DIR "/tests/data/cycle-a.yaml";
    CHECK(roots(e911::plan_configs({a})) == std::vector<std::vector<std::string>>{{a}});
}

TEST_CASE("is_config_text: a configuration or fragment by content; workflows, package.json, pre-commit are not") {
    CHECK(e911::is_config_text(kSite));
    CHECK(e911::is_config_text("network:\n  sites: []\nlis:\n  subnets: []\n"));    // fragment: only our keys
    CHECK(e911::is_config_text("version: 1\nnetwrok:\n  sites: []\nusers: []\n"));  // a typo is still linted
    CHECK(e911::is_config_text("version: 1\ninclude: [a.yaml, b.yaml]\n"));         // a root made of includes
    CHECK(e911::is_config_text("# yaml-language-server: $schema=schemas/e911-config.schema.json\nfoo: 1\n"));
    CHECK(e911::is_config_text("{\"$schema\": \"https://x/e911-config.schema.json\", \"a\": 1}"));
    CHECK(e911::is_config_text("\xEF\xBB\xBF{\n  \"version\": 1,\n  \"psaps\": [{\"users\": 1}]\n}"));
    CHECK(e911::is_config_text("version: 1\nusers: [\n  broken\n"));  // a syntax error: still ours
    CHECK_FALSE(e911::is_config_text("name: CI\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"));
    CHECK_FALSE(e911::is_config_text("{\"name\": \"x\", \"version\": \"1.0.0\", \"scripts\": {\"network\": \"y\"}}"));
    CHECK_FALSE(e911::is_config_text("repos:\n  - repo: https://example.org/e911\n    rev: v0.2.0\n"));
    CHECK_FALSE(e911::is_config_text("version: \"3\"\nservices:\n  web: {}\nnetworks: {}\n"));  // docker-compose
    CHECK_FALSE(e911::is_config_text("version: 1\ndescription: only generic keys\n"));
    CHECK_FALSE(e911::is_config_text("users:\n  - alice\nclusters: []\n"));  // a kubeconfig: foreign keys
    CHECK_FALSE(e911::is_config_text(""));
    CHECK(e911::is_config_file(E911_SOURCE_DIR "/examples/multi-psap.json"));
    CHECK_FALSE(e911::is_config_file(E911_SOURCE_DIR "/nonexistent.yaml"));
}
