// dial-plan-shadows-emergency: A dial-plan normalization rule rewrites an emergency dial string or mask.
// Why it matters and how to fix it: docs/rules/dial-plan-shadows-emergency.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    // Dial plans in use: assigned to a user, or the implicit `global`.
    std::set<std::uint32_t> in_use;
    for (const auto& u : x.cfg.users) {
        auto dp = effective_dial_plan(x.c, &u);
        if (dp.index != npos) in_use.insert(dp.index);
    }
    if (x.c.global_dp != npos) in_use.insert(x.c.global_dp);
    std::set<std::string> strings;
    for (const auto& use : policy_uses(x))
        for (const auto& e : all_entries(x.cfg, use)) strings.insert(e.digits);
    for (auto d : in_use) {
        const auto& dp = x.cfg.dial_plans[d];
        for (const auto& s : strings)
            for (auto r : x.c.dial_rule_order[d]) {
                const auto& pat = x.c.dial_rule_patterns[d][r];
                if (!pat.ok() || !pat.search(s).matched) continue;
                std::string err;
                auto out = pat.replace(s, dp.rules[r].translation, &err);
                if (out && *out != s)
                    emit(target(Kind::dial_plan, dp.id), dp.rules[r].pos.of("pattern"),
                         "rule `" + dp.rules[r].name + "` (" + dp.rules[r].pattern + ") turns emergency string `" + s + "` into `" + *out +
                             "`, so the call is no longer recognised as an emergency call",
                         "anchor the pattern so it cannot match emergency strings (e.g. ^9(\\d{10})$), or add a rule before it that keeps " + s +
                             " unchanged");
                break;  // first matching rule wins
            }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule dial_plan_shadows_emergency{"dial-plan-shadows-emergency", "numbers", Severity::error,
    "A dial-plan normalization rule rewrites an emergency dial string or mask.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
