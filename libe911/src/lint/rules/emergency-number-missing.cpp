// emergency-number-missing: An emergency number of the country is neither dialled nor masked by the effective policy.
// Why it matters and how to fix it: docs/rules/emergency-number-missing.md.
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& use : policy_uses(x)) {
        auto entries = all_entries(x.cfg, use);
        for (const auto& country : use.countries)
            for (const auto& num : emergency_numbers(country)) {
                bool covered = false;
                for (const auto& e : entries) covered = covered || e.digits == num;
                if (covered) continue;
                auto& f = emit(target(use.kind, policy_id(x.cfg, use)), policy_pos(x.cfg, use).of("numbers"),
                               num + " is an emergency number in " + country + " but the policy neither dials nor masks it: a caller dialling " + num +
                                   " is not treated as an emergency call",
                               "add " + num + " as a dial string, or as a mask of the local emergency number");
                relate_users(emit, f, use);
            }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_number_missing{"emergency-number-missing", "numbers", Severity::warning,
    "An emergency number of the country is neither dialled nor masked by the effective policy.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
