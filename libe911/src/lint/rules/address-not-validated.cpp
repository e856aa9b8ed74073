// address-not-validated: An address is not marked as validated.
// Why it matters and how to fix it: docs/rules/address-not-validated.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& a : x.cfg.addresses)
        if (!a.validated)
            emit(target(Kind::address, a.id), a.pos.of("validated"),
                 "address `" + a.id + "` is not validated against the MSAG or a geocoder: the provider may reject it or the PSAP may not find it",
                 "validate it (Test-CsLisCivicAddress / the Teams admin center) and set validated: true");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule address_not_validated{"address-not-validated", "address", Severity::warning,
    "An address is not marked as validated.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
