// emergency-numbers-limit: Too many emergency numbers in one policy.
// Why it matters and how to fix it: docs/rules/emergency-numbers-limit.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

// Skype for Business only: Microsoft documents no limit for a Teams emergency call routing policy (Belgium
// alone has 12 numbers), so none is checked there (domain §4, v2).
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
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_numbers_limit{"emergency-numbers-limit", "numbers", Severity::warning,
    "Too many emergency numbers in one policy.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
