// The lint engine: the catalogue (rules from the registry, load diagnostics), running the selected
// rules, then the waiver pass, the findings joined in file order (lint/join.cpp), and the
// fingerprints and baseline.
#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>
#include <string_view>

#include "lint/passes.hpp"
#include "lint/rule.hpp"
#include "model/describe.hpp"
#include "util/parallel.hpp"
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
    return out_.push_back(std::move(f), pos.file);
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

std::vector<Finding> run_rules(const LintContext& ctx, const std::vector<const Rule*>& rules, const ProgressFn& progress,
                               unsigned workers) {
    auto found = findings_per_rule(ctx, rules, progress, workers);
    return join_in_file_order(ctx.cfg, found, false);
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
    detail::waiver_pass(cfg, opt.today.empty() ? detail::today_utc() : opt.today, selection, ran, found);
    std::vector<Finding> out =
        detail::join_in_file_order(cfg, found, detail::object_count(cfg) >= detail::kReturnFreedObjects);
    detail::baseline_pass(opt.baseline, out, opt.baseline_reasons);
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
