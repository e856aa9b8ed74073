// The lint engine: the catalogue (rules from the registry, load diagnostics), running the selected
// rules, then its passes (waivers, fingerprints and baseline), then the findings in file order.
#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <numeric>
#include <string_view>
#include <tuple>

#include "lint/passes.hpp"
#include "lint/rule.hpp"
#include "model/describe.hpp"
#include "util/parallel.hpp"
#include "util/platform.hpp"
#include "util/text_util.hpp"

namespace e911 {

const std::map<std::string, std::string>& rule_docs();  // generated from docs/rules/*.md

namespace detail {

Finding& Emit::operator()(const std::string& target, const SourcePos& pos, std::string message, std::string hint) {
    return with_severity(sev_, target, pos, std::move(message), std::move(hint));
}

Finding& Emit::with_severity(Severity s, const std::string& target, const SourcePos& pos, std::string message,
                             std::string hint) {
    Finding f;
    f.rule = rule_;
    f.severity = s;
    // Built by concatenation, a message has room for half as much again; a large tenant keeps
    // hundreds of thousands of them.
    message.shrink_to_fit();
    hint.shrink_to_fit();
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.target = target;
    f.file = cfg_.file_of(pos);
    f.line = pos.line ? pos.line : 1;
    f.column = pos.column ? pos.column : 1;
    return out_.push_back(std::move(f));
}

void Emit::related(Finding& f, const std::string& target, const SourcePos& pos, std::string note) {
    f.related.push_back(Related{target, std::move(note), cfg_.file_of(pos), pos.line, pos.column});
}

namespace {

RuleInfo info_of(const Rule& r) { return RuleInfo{r.id, r.severity, r.summary, r.category}; }

// Names given to --select / --ignore: each a rule id or a category, else a usage error.
std::set<std::string> selected_set(const std::vector<std::string>& names, const char* flag) {
    std::set<std::string> s;
    for (const auto& n : names) {
        bool known = find_rule(n) != nullptr;
        for (const auto& r : rules()) known = known || r.category == n;
        if (!known) {
            std::vector<std::string> ids;
            for (const auto& r : rules()) ids.push_back(r.id);
            std::string sug = closest(n, ids);
            throw UsageError(std::string(flag) + ": unknown rule `" + n + "`" +
                             (sug.empty() ? "" : "; did you mean `" + sug + "`?") + " (`e911 rules` lists them)");
        }
        s.insert(n);
    }
    return s;
}

// Findings by (file, line, column, rule, target), stably. Hundreds of thousands of findings
// are ordered through small keys (the file as its rank among the findings' files) and moved once,
// instead of comparing file paths and swapping whole findings at every step.
void in_file_order(std::vector<Finding>& findings) {
    auto by_name = [](const std::string* a, const std::string* b) { return *a < *b; };
    std::vector<const std::string*> files;  // distinct, in sorted order
    for (const auto& f : findings)
        if (files.empty() || *files.back() != f.file) files.push_back(&f.file);
    std::sort(files.begin(), files.end(), by_name);
    files.erase(std::unique(files.begin(), files.end(), [](const std::string* a, const std::string* b) { return *a == *b; }),
                files.end());
    struct Key {
        std::uint32_t file, line, column, finding;
    };
    std::vector<Key> keys(findings.size());
    for (std::uint32_t i = 0; i < findings.size(); ++i) {
        const auto& f = findings[i];
        bool same_file = i > 0 && findings[i - 1].file == f.file;
        auto rank = same_file ? keys[i - 1].file
                              : static_cast<std::uint32_t>(
                                    std::lower_bound(files.begin(), files.end(), &f.file, by_name) - files.begin());
        keys[i] = {rank, f.line, f.column, i};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        if (a.column != b.column) return a.column < b.column;
        const auto &fa = findings[a.finding], &fb = findings[b.finding];
        if (int c = fa.rule.compare(fb.rule)) return c < 0;
        if (int c = fa.target.compare(fb.target)) return c < 0;
        return a.finding < b.finding;  // stable
    });
    // Moved into place cycle by cycle: a second list of every finding would cost a large tenant's
    // lint a fifth of a gigabyte at its peak.
    constexpr std::uint32_t placed = UINT32_MAX;
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        if (keys[i].finding == placed || keys[i].finding == i) continue;
        Finding held = std::move(findings[i]);
        std::uint32_t at = i;
        while (keys[at].finding != i) {
            const std::uint32_t from = keys[at].finding;
            findings[at] = std::move(findings[from]);
            keys[at].finding = placed;
            at = from;
        }
        findings[at] = std::move(held);
        keys[at].finding = placed;
    }
}

}  // namespace
}  // namespace detail

const std::vector<RuleInfo>& rules() {
    static const std::vector<RuleInfo> all = [] {
        std::vector<RuleInfo> r;
        for (const auto* rule : detail::registry()) r.push_back(detail::info_of(*rule));
        for (const auto& diag : detail::load_diagnostic_catalogue()) r.push_back(detail::info_of(diag));
        return r;
    }();
    return all;
}

const RuleInfo* find_rule(const std::string& id) {
    for (const auto& r : rules())
        if (r.id == id) return &r;
    return nullptr;
}

std::string rule_doc(const std::string& id) {
    auto it = rule_docs().find(id);
    return it == rule_docs().end() ? std::string() : it->second;
}

std::vector<Finding> findings_from_diagnostics(const std::vector<Diagnostic>& ds) {
    std::vector<Finding> r;
    for (const auto& d : ds) {
        Finding f;
        static_cast<Problem&>(f) = d;  // severity, file, position, message, hint
        f.rule = d.id;
        f.target = d.key.empty() ? "config/" + d.file : "config/" + d.key;
        f.line = d.line ? d.line : 1;
        f.column = d.column ? d.column : 1;
        f.fingerprint = detail::fingerprint(f);
        r.push_back(std::move(f));
    }
    return r;
}

namespace detail {

// The rules are independent (each reads the compiled configuration and writes only its own
// findings), so they can run side by side; joined in the given order, the output does not depend on
// the threads.
std::vector<FindingBlocks> findings_per_rule(const LintContext& ctx, const std::vector<const Rule*>& rules,
                                             const ProgressFn& progress, unsigned workers) {
    std::vector<FindingBlocks> found(rules.size());
    // The PSAP rules start first. They simulate every matrix cell, which is most of a large
    // tenant's lint and its largest working data: started last, one worker ran them alone at the
    // end, while every other rule's findings were held.
    std::vector<std::size_t> order(rules.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_partition(order.begin(), order.end(), [&](std::size_t k) { return std::string_view(rules[k]->category) == "psap"; });
    std::atomic<std::size_t> next{0}, done{0};
    on_workers(workers, [&](unsigned w) {
        for (std::size_t i; (i = next++) < rules.size();) {
            const std::size_t k = order[i];
            Emit emit(ctx.cfg, found[k], rules[k]->id, rules[k]->severity);
            rules[k]->check(ctx, emit);
            ++done;
            // Only the calling thread reports: a progress callback need not be thread-safe.
            if (w == 0 && progress) progress(Progress{"linting", "rules", done, rules.size()});
        }
    });
    if (progress && workers > 1) progress(Progress{"linting", "rules", rules.size(), rules.size()});
    return found;
}

std::vector<Finding> join_findings(std::vector<FindingBlocks>& found, bool hand_back) {
    // What the rules freed on the workers' threads stays in those threads' allocator heaps, where
    // this thread cannot reuse it: hundreds of megabytes at a million objects, handed back before
    // the join, and so are a rule's emptied blocks once it had many findings.
    if (hand_back) platform::return_freed_memory();
    std::size_t total = 0;
    for (const auto& f : found) total += f.size();
    std::vector<Finding> out;
    out.reserve(total);
    constexpr std::size_t kManyFindings = 50000;  // 19 MB of slots
    for (auto& f : found) {
        const bool many = f.size() >= kManyFindings;
        f.move_to(out);  // a million findings' slots are not held twice
        if (many && hand_back) platform::return_freed_memory();
    }
    return out;
}

std::vector<Finding> run_rules(const LintContext& ctx, const std::vector<const Rule*>& rules, const ProgressFn& progress,
                               unsigned workers) {
    auto found = findings_per_rule(ctx, rules, progress, workers);
    return join_findings(found, false);
}
}  // namespace detail

std::vector<Finding> lint(const Config& cfg, const LintOptions& opt) {
    detail::RuleSelection selection{detail::selected_set(opt.select, "--select"),
                                    detail::selected_set(opt.ignore, "--ignore")};
    std::set<std::string> ran;
    std::vector<const detail::Rule*> selected;
    for (const auto* rule : detail::registry())
        if (rule->check && selection.runs(rule->id, rule->category)) {
            selected.push_back(rule);
            ran.insert(rule->id);
        }
    // A large configuration's rules run on every core; a small one's are done before a thread starts.
    const unsigned workers = detail::object_count(cfg) < detail::kParallelObjects ? 1u : detail::workers_for(selected.size(), 1);
    std::vector<detail::FindingBlocks> found;
    {
        detail::Compiled compiled(cfg, /*place_callers=*/false);
        detail::LintContext ctx(cfg, compiled);
        found = detail::findings_per_rule(ctx, selected, opt.progress, workers);
    }  // the indexes and what the rules shared are freed before the findings are joined
    std::vector<Finding> out =
        detail::join_findings(found, detail::object_count(cfg) >= detail::kReturnFreedObjects);
    detail::waiver_pass(cfg, opt.today.empty() ? detail::today_utc() : opt.today, selection, ran, out);
    detail::baseline_pass(opt.baseline, out, opt.baseline_reasons);
    detail::in_file_order(out);
    return out;
}

LintSummary summarize(const std::vector<Finding>& fs) {
    LintSummary s;
    for (const auto& f : fs) {
        if (f.waived) { ++s.waived; continue; }
        if (f.baselined) { ++s.baselined; continue; }
        (f.severity == Severity::error ? s.errors : f.severity == Severity::warning ? s.warnings : s.infos)++;
    }
    return s;
}

bool fails(const std::vector<Finding>& fs, std::optional<Severity> fail_on) {
    if (!fail_on) return false;
    return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.active() && f.severity >= *fail_on; });
}

}  // namespace e911
