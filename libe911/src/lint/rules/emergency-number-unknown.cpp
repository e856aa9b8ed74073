// emergency-number-unknown: A dial string is not an emergency number in the country.
// Why it matters and how to fix it: docs/rules/emergency-number-unknown.md.
#include "compile/emergency_numbers.hpp"
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& use : policy_uses(x)) {
        Platform platform = platform_of(use);
        for (const auto& e : all_entries(x.cfg, use)) {
            if (e.is_mask) continue;
            for (const auto& country : use.countries) {
                if (is_emergency_number(e.dial_string, country, platform) || is_test_number(e.dial_string, country))
                    continue;
                auto list = emergency_numbers(country, platform);
                std::string source = source_name(list.source, country);
                emit(target(use.kind, policy_id(x.cfg, use)), policy_pos(x.cfg, use).of("numbers"),
                     "dial string `" + e.dial_string + "` is not an emergency number in " + country + " (" + source +
                         ") nor a known test number",
                     "check the number; the emergency numbers there are " + join(list.numbers, ", "));
            }
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_number_unknown{"emergency-number-unknown", "numbers", Severity::info,
    "A dial string is not an emergency number in the country.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
