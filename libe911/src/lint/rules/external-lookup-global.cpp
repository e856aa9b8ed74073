// external-lookup-global: External location lookup is enabled on the global emergency calling policy.
// Why it matters and how to fix it: docs/rules/external-lookup-global.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    if (x.c.global_ecp == npos) return;
    const auto& p = x.cfg.emergency_calling_policies[x.c.global_ecp];
    if (p.external_location_lookup)
        emit(target(Kind::emergency_calling_policy, p.id), p.pos.of("external_location_lookup"),
             "external_location_lookup is set on the `global` policy; in the field this did not take effect until assigned per user",
             "assign a non-global policy with external_location_lookup: true to the users who need it");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule external_lookup_global{"external-lookup-global", "notification", Severity::warning,
    "External location lookup is enabled on the global emergency calling policy.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
