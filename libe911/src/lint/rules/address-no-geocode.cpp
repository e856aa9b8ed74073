// address-no-geocode: An address has no latitude/longitude (required outside AU and JP).
// Why it matters and how to fix it: docs/rules/address-no-geocode.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

bool geocode_exempt(const std::string& country) { return country == "AU" || country == "JP"; }

void check(const LintContext& x, Emit& emit) {
    for (const auto& a : x.cfg.addresses) {
        std::string country = x.cfg.country_or_default(a.country);
        if ((!a.latitude || !a.longitude) && !geocode_exempt(country))
            emit(target(Kind::address, a.id), a.pos.self, "address `" + a.id + "` has no latitude/longitude (Teams requires them outside AU and JP)",
                 "add latitude and longitude from the geocoder that validated the address");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule address_no_geocode{"address-no-geocode", "address", Severity::warning,
    "An address has no latitude/longitude (required outside AU and JP).",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
