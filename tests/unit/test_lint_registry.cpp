// The rule registry against docs/rules, the error vocabulary, and the engine's passes (waivers,
// fingerprints and the baseline) on findings built by hand.
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "helpers.hpp"
#include "lint/doc_check.hpp"
#include "lint/passes.hpp"
#include "lint/rule.hpp"

namespace e911 {
const std::map<std::string, std::string>& rule_docs();  // every docs/rules/*.md, embedded at build time
}

using namespace e911;

namespace {
std::string without_line(std::string doc, const std::string& start) {
    auto p = doc.find(start);
    REQUIRE(p != std::string::npos);
    return doc.erase(p, doc.find('\n', p) + 1 - p);
}
}  // namespace

TEST_CASE("every registered rule agrees with docs/rules/ID.md") {
    std::set<std::string> ids;
    for (const auto* rule : detail::registry()) {
        INFO(rule->id);
        CHECK(ids.insert(rule->id).second);  // ids are unique
        // Only the waiver rules are computed by an engine pass instead of a check.
        CHECK((rule->check != nullptr) == (std::string(rule->category) != "waivers"));
    }
    for (const auto& diag : detail::load_diagnostic_catalogue()) CHECK(ids.insert(diag.id).second);
    REQUIRE(rules().size() == ids.size());
    for (const auto& r : rules()) {
        INFO(r.id);
        auto problems = detail::rule_doc_problems(r, rule_doc(r.id));
        for (const auto& p : problems) UNSCOPED_INFO(p);
        CHECK(problems.empty());
    }
}

TEST_CASE("each rule is its own unit, rules/<id>.cpp") {
    namespace fs = std::filesystem;
    const fs::path dir = E911_SOURCE_DIR "/libe911/src/lint/rules";
    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.insert(entry.path().stem().string());
    std::set<std::string> ids;
    for (const auto* rule : detail::registry()) ids.insert(rule->id);
    CHECK(files == ids);
}

TEST_CASE("every doc file has a rule or a load diagnostic behind it") {
    REQUIRE_FALSE(rule_docs().empty());
    for (const auto& [id, doc] : rule_docs()) {
        INFO("docs/rules/" + id + ".md");
        const RuleInfo* r = find_rule(id);
        REQUIRE(r != nullptr);
        CHECK((r->category == "load") == (detail::doc_field(doc, "Category") == "load"));
    }
}

TEST_CASE("the catalogue keeps its order: rules by category, then load diagnostics") {
    const auto& all = rules();
    REQUIRE(all.size() >= 3);
    CHECK(all.front().id == "subnet-overlap");
    CHECK(all[detail::registry().size() - 1].id == "waiver-unmatched");
    CHECK(all[detail::registry().size()].id == "dangling-reference");
    CHECK(all.back().id == "wrong-type");
}

TEST_CASE("a doc without a Severity line, or with another severity, is caught") {
    const RuleInfo* r = find_rule("elin-shared");
    REQUIRE(r != nullptr);
    std::string doc = rule_doc("elin-shared");
    REQUIRE(detail::rule_doc_problems(*r, doc).empty());

    auto missing = detail::rule_doc_problems(*r, without_line(doc, "- **Severity:**"));
    REQUIRE(missing.size() == 1);
    CHECK(missing[0] == "docs/rules/elin-shared.md has no `- **Severity:**` line (the code says `error`)");
    // The severity comes from code, so a doc cannot leave it unset.
    CHECK(r->severity == Severity::error);

    std::string warning = doc;
    warning.replace(warning.find("- **Severity:** error"), 21, "- **Severity:** warning");
    auto differs = detail::rule_doc_problems(*r, warning);
    REQUIRE(differs.size() == 1);
    CHECK(differs[0] == "docs/rules/elin-shared.md says Severity `warning`, the code says `error`");

    CHECK(detail::rule_doc_problems(*r, without_line(doc, "- **Summary:**")).size() == 1);
    CHECK(detail::rule_doc_problems(*r, "").size() == 1);
    CHECK(detail::rule_doc_problems(*r, "# elin-sharing\n" + doc.substr(doc.find('\n') + 1)).size() == 1);
}

TEST_CASE("errors form one hierarchy and keep their standard bases") {
    try {
        LintOptions opt;
        opt.select = {"adress-not-validated"};
        lint(test::config(test::base_us()), opt);
        FAIL("expected a UsageError");
    } catch (const Error& e) {
        CHECK(dynamic_cast<const UsageError*>(&e) != nullptr);
        CHECK(dynamic_cast<const std::invalid_argument*>(&e) != nullptr);
        CHECK(std::string(e.what()) ==
              "--select: unknown rule `adress-not-validated`; did you mean `address-not-validated`? "
              "(`e911 rules` lists them)");
    }
    try {
        load_or_throw({E911_SOURCE_DIR "/tests/data/does-not-exist.yaml"});
        FAIL("expected a LoadError");
    } catch (const Error& e) {
        const auto* le = dynamic_cast<const LoadError*>(&e);
        REQUIRE(le != nullptr);
        CHECK(dynamic_cast<const std::runtime_error*>(&e) != nullptr);
        REQUIRE_FALSE(le->diagnostics().empty());
        CHECK(le->diagnostics().front().id == "unreadable-file");
    }
    // Caught as std::exception too (exactly one std::exception base).
    CHECK_THROWS_AS(throw UsageError("x"), std::exception);
}

TEST_CASE("diagnostics and findings share the Problem record") {
    Diagnostic d;
    d.id = "unknown-key";
    d.severity = Severity::warning;
    d.file = "a.yaml";
    d.line = 3;
    d.column = 5;
    d.key = "sites[0].nmae";
    d.message = "unknown key `nmae`";
    d.hint = "did you mean `name`?";
    auto fs = findings_from_diagnostics({d});
    REQUIRE(fs.size() == 1);
    const Problem& p = fs[0];
    CHECK(p.severity == Severity::warning);
    CHECK(p.file == "a.yaml");
    CHECK(p.line == 3);
    CHECK(p.column == 5);
    CHECK(p.message == d.message);
    CHECK(p.hint == d.hint);
    CHECK(fs[0].rule == "unknown-key");
    CHECK(fs[0].target == "config/sites[0].nmae");
    CHECK(fs[0].fingerprint == detail::fingerprint(fs[0]));
}

namespace {
Finding finding(const std::string& rule, const std::string& target, const std::string& message) {
    Finding f;
    f.rule = rule;
    f.target = target;
    f.message = message;
    return f;
}
// Findings as the rules leave them (one rule's blocks, at no file), put through `pass`, then joined
// as lint() joins them.
template <class Pass>
std::vector<Finding> after_pass(const Config& cfg, std::vector<Finding> fs, Pass&& pass) {
    std::vector<detail::FindingBlocks> found(1);
    for (auto& f : fs) found[0].push_back(std::move(f), UINT32_MAX);
    pass(found);
    return detail::join_in_file_order(cfg, found, false);
}
const std::string kWaivers =
    test::base_us() +
    "waivers:\n"
    "  - {rule: elin-shared, target: location/hq-fl1, reason: r, approved_by: a, expires: 2027-01-31}\n"
    "  - {rule: psap-relay, target: site/hq, reason: r, approved_by: a, expires: 2026-01-31}\n"
    "  - {rule: elin-shraed, target: location/hq-fl1, reason: r, approved_by: a, expires: 2027-01-31}\n";
}  // namespace

TEST_CASE("waiver pass: marks matches, reports expired and unmatched waivers") {
    auto cfg = test::config(kWaivers);
    auto fs = after_pass(cfg,
                         {finding("elin-shared", "location/hq-fl1", "m1"), finding("elin-shared", "location/other", "m2"),
                          finding("psap-relay", "site/hq", "m3")},
                         [&](auto& found) { detail::waiver_pass(cfg, "2026-11-21", {}, {"elin-shared", "psap-relay"}, found); });
    REQUIRE(fs.size() == 5);
    REQUIRE(fs[0].waived);
    CHECK(fs[0].waived->expires == "2027-01-31");
    CHECK_FALSE(fs[1].waived);  // another target
    CHECK_FALSE(fs[2].waived);  // its waiver expired
    CHECK(fs[3].rule == "waiver-expired");
    CHECK(fs[3].target == "site/hq");
    CHECK(fs[3].severity == Severity::error);
    CHECK(fs[3].line == test::line_of(kWaivers, "rule: psap-relay"));
    CHECK(fs[4].rule == "waiver-unmatched");
    CHECK(fs[4].hint == "did you mean `elin-shared`?");
    CHECK(fs[4].severity == Severity::warning);
}

TEST_CASE("waiver pass: a waiver for a rule that did not run is not unmatched") {
    auto cfg = test::config(kWaivers);
    detail::RuleSelection only_expired{{"waiver-expired"}, {}};
    auto fs = after_pass(cfg, {}, [&](auto& found) { detail::waiver_pass(cfg, "2026-11-21", only_expired, {}, found); });
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].rule == "waiver-expired");
    // nothing ran: only the unknown rule is reported
    fs = after_pass(cfg, {}, [&](auto& found) { detail::waiver_pass(cfg, "2026-11-21", {}, {}, found); });
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].rule == "waiver-expired");
    CHECK(fs[1].message == "the waiver names rule `elin-shraed`, which does not exist");
}

TEST_CASE("baseline pass: fingerprints every finding and marks the accepted ones") {
    std::vector<Finding> fs = {finding("elin-shared", "location/a", "m"), finding("elin-shared", "location/b", "m")};
    fs[1].line = 40;
    std::string accepted = detail::fingerprint(finding("elin-shared", "location/a", "m"));
    detail::baseline_pass({accepted}, fs, {{accepted, "accepted in review"}});  // an error needs a reason
    CHECK(fs[0].fingerprint == accepted);
    CHECK(fs[0].baselined);
    CHECK(fs[0].baseline_reason == "accepted in review");
    CHECK_FALSE(fs[0].active());
    CHECK(fs[1].fingerprint.size() == 16);
    CHECK(fs[1].fingerprint != accepted);
    CHECK_FALSE(fs[1].baselined);
    // Lines do not enter the fingerprint; rule, target and message do.
    Finding moved = finding("elin-shared", "location/a", "m");
    moved.line = 99;
    CHECK(detail::fingerprint(moved) == accepted);
}

TEST_CASE("baseline pass: at many findings the fingerprints are spread over threads and stay the same") {
    std::vector<Finding> fs;
    for (int i = 0; i < 50000; ++i) fs.push_back(finding("elin-shared", "location/l" + std::to_string(i), "m" + std::to_string(i % 7)));
    detail::baseline_pass({}, fs);
    std::size_t wrong = 0;
    for (const auto& f : fs) wrong += f.fingerprint != detail::fingerprint(f);
    CHECK(wrong == 0);
}

TEST_CASE("findings are joined in file order: file name, line, column, rule, target, then as made") {
    Config cfg;
    cfg.files = {"b.yaml", "a.yaml", "c.yaml", "a.yaml"};  // index order is not name order; a name twice
    std::mt19937 random(7);
    auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(random() % n); };
    std::vector<detail::FindingBlocks> found(3);
    std::vector<Finding> expected;  // as made, then in the order the join must give
    for (std::size_t r = 0; r < found.size(); ++r)
        for (int i = 0; i < 3000; ++i) {  // several blocks per rule
            // The second rule makes its findings in file order, as most rules do; the others do not.
            const bool in_order = r == 1;
            Finding f = finding(in_order || pick(2) ? "rule-b" : "rule-a", "site/" + std::to_string(in_order ? 0 : pick(3)),
                                std::to_string(expected.size()));
            const std::uint32_t file = in_order ? 1 : pick(5);  // 4: past the end, no file
            f.file = file < cfg.files.size() ? cfg.files[file] : "";
            f.line = in_order ? 1 + static_cast<std::uint32_t>(i) : 1 + pick(40);
            f.column = in_order ? 1 : 1 + pick(3);
            expected.push_back(f);
            found[r].push_back(std::move(f), file);
        }
    std::stable_sort(expected.begin(), expected.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.file, a.line, a.column, a.rule, a.target) < std::tie(b.file, b.line, b.column, b.rule, b.target);
    });
    auto joined = detail::join_in_file_order(cfg, found, false);
    auto messages = [](const std::vector<Finding>& fs) {  // a finding's message says which one it is
        std::vector<std::string> r;
        for (const auto& f : fs) r.push_back(f.message);
        return r;
    };
    CHECK(messages(joined) == messages(expected));
    CHECK(found.empty());
}

TEST_CASE("rules run side by side give the findings of one thread, in the same order") {
    std::vector<const detail::Rule*> rules;
    for (const auto* rule : detail::registry())
        if (rule->check) rules.push_back(rule);
    auto key = [](const Finding& f) { return f.rule + "|" + f.target + "|" + std::to_string(f.line) + "|" + f.message; };
    std::size_t seen = 0;
    for (const char* name : {"multi-psap.yaml", "us-canada.yaml", "campus.yaml"}) {
        INFO(name);
        Config cfg = load_or_throw({std::string(E911_SOURCE_DIR "/examples/") + name});
        detail::Compiled compiled(cfg);
        // A context each: the shared parts (PSAP cells, subnet order) are worked out under the threads.
        detail::LintContext one_ctx(cfg, compiled), many_ctx(cfg, compiled);
        auto one = detail::run_rules(one_ctx, rules, {}, 1);
        std::size_t reports = 0;
        auto many = detail::run_rules(many_ctx, rules, [&](const Progress&) { ++reports; }, 4);
        REQUIRE(many.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) CHECK(key(many[i]) == key(one[i]));
        CHECK(reports >= 1);  // at least the final count, from this thread
        seen += one.size();
    }
    CHECK(seen >= 3);
}
