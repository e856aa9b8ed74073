#include "lint/passes.hpp"

#include <cstdint>
#include <cstdio>
#include <string_view>
#include <utility>

#include <absl/container/flat_hash_map.h>

#include "util/parallel.hpp"
#include "util/text_util.hpp"

namespace e911::detail {

std::string fingerprint(const Finding& f) {
    std::uint64_t h = 1469598103934665603ull;
    for (const std::string* s : {&f.rule, &f.target, &f.message}) {
        for (unsigned char ch : *s) h = (h ^ ch) * 1099511628211ull;
        h = (h ^ 0x1F) * 1099511628211ull;
    }
    std::string hex(16, '0');  // "%016llx", without printf's cost at a million findings
    for (int i = 15; i >= 0; --i, h >>= 4) hex[i] = "0123456789abcdef"[h & 0xF];
    return hex;
}

namespace {

std::string unknown_rule_hint(const std::string& rule) {
    std::vector<std::string> ids;
    for (const auto& r : rules()) ids.push_back(r.id);
    std::string sug = closest(rule, ids);
    return sug.empty() ? "`e911 rules` lists the rule ids" : "did you mean `" + sug + "`?";
}

}  // namespace

// Accepted risk stays visible, marked waived; an expired waiver waives nothing.
void waiver_pass(const Config& cfg, const std::string& today, const RuleSelection& selection,
                 const std::set<std::string>& ran, std::vector<FindingBlocks>& found) {
    // The findings of each waived (rule, target), found in one reading of the findings: reading them
    // once per waiver was a billion comparisons for a thousand waivers of a large tenant.
    absl::flat_hash_map<std::pair<std::string_view, std::string_view>, std::vector<Finding*>> waived;
    for (const auto& w : cfg.waivers) waived[{w.rule, w.target}];
    if (!waived.empty())
        for (auto& rule : found)
            rule.for_each([&](Finding& f) {
                if (auto it = waived.find(std::pair<std::string_view, std::string_view>(f.rule, f.target)); it != waived.end())
                    it->second.push_back(&f);
            });
    FindingBlocks extra;  // joins the findings after the loop, so the pointers above stay valid
    for (const auto& w : cfg.waivers) {
        bool expired = w.expires < today;
        const auto& targets = waived.at({w.rule, w.target});
        bool matched = !targets.empty();
        if (!expired)
            for (Finding* f : targets) f->waived = Waived{w.reason, w.approved_by, w.expires};
        auto waiver_finding = [&](const char* rule, std::string message, std::string hint) {
            Finding f;
            f.rule = rule;
            f.severity = find_rule(rule)->severity;
            f.message = std::move(message);
            f.hint = std::move(hint);
            f.target = w.target;
            f.file = cfg.file_of(w.pos.self);
            f.line = w.pos.self.line;
            f.column = w.pos.self.column;
            extra.push_back(std::move(f), w.pos.self.file);
        };
        if (expired && selection.runs("waiver-expired", "waivers"))
            waiver_finding("waiver-expired",
                           "the waiver for `" + w.rule + "` on `" + w.target + "` expired on " + w.expires +
                               "; its findings count again",
                           "review the accepted risk: fix the finding, or renew the waiver with a new expiry and "
                           "approval");
        bool rule_known = find_rule(w.rule) != nullptr;
        if (matched || !(ran.count(w.rule) || !rule_known) || !selection.runs("waiver-unmatched", "waivers")) continue;
        if (!rule_known)
            waiver_finding("waiver-unmatched", "the waiver names rule `" + w.rule + "`, which does not exist",
                           unknown_rule_hint(w.rule));
        else
            waiver_finding("waiver-unmatched",
                           "the waiver for `" + w.rule + "` on `" + w.target + "` matches no finding",
                           "the problem is fixed or the target is misspelt: remove the waiver or correct its target");
    }
    if (extra.size()) found.push_back(std::move(extra));
}

void baseline_pass(const std::set<std::string>& baseline, std::vector<Finding>& findings,
                   const std::map<std::string, std::string>& reasons) {
    // Every finding gets its fingerprint (reports print it): a hash over its text, which at hundreds of
    // thousands of findings is worth spreading over the cores.
    const unsigned workers = workers_for(findings.size(), 20000);
    on_workers(workers, [&](unsigned w) {
        for (std::size_t i = w; i < findings.size(); i += workers) findings[i].fingerprint = fingerprint(findings[i]);
    });
    if (baseline.empty()) return;
    for (auto& f : findings) {
        if (!baseline.count(f.fingerprint)) continue;
        auto it = reasons.find(f.fingerprint);
        std::string reason = it == reasons.end() ? "" : it->second;
        if (f.severity == Severity::error && !baseline_reason_given(reason)) {
            f.hint += std::string(f.hint.empty() ? "" : "; ") +
                      "the baseline lists this error without a reason, so it is not accepted: write why in its "
                      "entry's `reason`";
            continue;
        }
        f.baselined = true;
        if (baseline_reason_given(reason)) f.baseline_reason = reason;
    }
}

}  // namespace e911::detail
