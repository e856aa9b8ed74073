// emergency-number-missing: An emergency number of the country is neither dialled nor masked by the effective policy.
// Why it matters and how to fix it: docs/rules/emergency-number-missing.md.
#include "compile/emergency_numbers.hpp"
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& use : policy_uses(x)) {
        auto entries = all_entries(x.cfg, use);
        for (const auto& country : use.countries) {
            auto list = emergency_numbers(country, platform_of(use));
            std::string source = source_name(list.source, country);
            for (const auto& num : list.numbers) {
                bool covered = false;
                for (const auto& e : entries) covered = covered || e.digits == num;
                // 933 (the US/Canadian address test call) reaches no PSAP: a policy without it still lets every
                // caller reach help, so it is not reported (our rule; Microsoft lists it for Calling Plan users).
                if (covered || is_test_number(num, country)) continue;
                auto& f = emit(target(use.kind, policy_id(x.cfg, use)), policy_pos(x.cfg, use).of("numbers"),
                               num + " is an emergency number in " + country + " (" + source +
                                   ") but the policy neither dials nor masks it: a caller dialling " + num +
                                   " is not treated as an emergency call",
                               "add " + num + " as a dial string, or as a mask of the local emergency number");
                relate_users(emit, f, use);
            }
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
