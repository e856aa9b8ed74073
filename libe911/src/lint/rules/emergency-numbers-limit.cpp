// emergency-numbers-limit: Too many emergency numbers in one policy.
// Why it matters and how to fix it: docs/rules/emergency-numbers-limit.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& p : x.cfg.location_policies) {
        auto n = p.numbers.size();
        if (n > 100)
            emit.with_severity(Severity::error, target(Kind::location_policy, p.id), p.pos.of("numbers"),
                               std::to_string(n) + " emergency numbers; Skype for Business accepts at most 100 per location policy", "remove numbers");
        else if (n > 5)
            emit(target(Kind::location_policy, p.id), p.pos.of("numbers"),
                 std::to_string(n) + " emergency numbers; servers before the November 2016 cumulative update accept only 5",
                 "make sure every front end runs the November 2016 CU or later, or keep 5 numbers");
    }
    for (const auto& p : x.cfg.emergency_call_routing_policies)
        if (p.numbers.size() > 10)
            emit.with_severity(Severity::error, target(Kind::emergency_call_routing_policy, p.id), p.pos.of("numbers"),
                               std::to_string(p.numbers.size()) + " emergency numbers; Teams accepts at most 10 per emergency call routing policy",
                               "split the numbers across policies");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_numbers_limit{"emergency-numbers-limit", "numbers", Severity::warning,
    "Too many emergency numbers in one policy.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
