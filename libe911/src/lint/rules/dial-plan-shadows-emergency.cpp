// dial-plan-shadows-emergency: A dial-plan normalization rule rewrites an emergency dial string or mask.
// Why it matters and how to fix it: docs/rules/dial-plan-shadows-emergency.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"
#include "simulate/decisions.hpp"

namespace e911::detail {
namespace {

// The simulator's own stages decide: the dial plan step, then the recognition step on its result (domain §10:
// SfB compares the number less its '+', so `^9(911)$ -> +$1` keeps 9911 an emergency call).
bool still_emergency(const LintContext& x, const PolicyUse& use, const std::string& number) {
    for (auto client : {SfbClient::modern, SfbClient::legacy})
        if (recognise_in(x.c, use.kind, use.index, client, number)) return true;
    return false;
}

void check(const LintContext& x, Emit& emit) {
    // Dial plans in use: assigned to a user, or the implicit `global`.
    std::set<std::uint32_t> in_use;
    for (const auto& u : x.cfg.users) {
        auto dp = effective_dial_plan(x.c, &u);
        if (dp.index != npos) in_use.insert(dp.index);
    }
    if (x.c.global_dp != npos) in_use.insert(x.c.global_dp);
    auto uses = policy_uses(x);
    for (auto d : in_use) {
        const auto& dp = x.cfg.dial_plans[d];
        Policies with_plan;
        with_plan.dial_plan = {d, PolicySource::user};
        std::set<std::string> reported;
        for (const auto& use : uses)
            for (const auto& e : all_entries(x.cfg, use)) {
                std::string number;
                auto step = apply_dial_plan(x.c, with_plan, e.digits, number);
                if (step.rule == npos || number == e.digits || still_emergency(x, use, number)) continue;
                if (!reported.insert(e.digits).second) continue;
                const auto& rule = dp.rules[step.rule];
                emit(target(Kind::dial_plan, dp.id), rule.pos.of("pattern"),
                     "rule `" + rule.name + "` (" + rule.pattern + ") turns emergency string `" + e.digits +
                         "` into `" + number + "`, so the call is no longer recognised as an emergency call",
                     "anchor the pattern so it cannot match emergency strings (e.g. ^9(\\d{10})$), or add a rule "
                     "before it that keeps " + e.digits + " unchanged");
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
