// Screening: does a relay centre answer the call before a PSAP (domain §7, v2)? For Direct Routing,
// routing on the dynamic location is supported only in the United States, and there Microsoft's
// location-source table decides: a LIS location or an OS location the user confirmed goes straight to
// the PSAP; an unconfirmed OS location, a user-entered address, the admin's static address or no
// location is screened and transferred. In Canada every call is screened nationally first. Elsewhere
// the trunk's own routing applies. A common area phone without a dynamic location is routed on its
// registered address directly to the PSAP (domain §5). Only location-routing gateways hand the call
// to such a provider; ELIN and fixed trunks reach the PSAP by number (our rule).
#include <algorithm>

#include "simulate/decisions.hpp"

namespace e911::detail {

ScreeningDecision decide_screening(const Compiled& c, const User* user, const Placement& pl, std::uint32_t gateway,
                                   std::uint32_t address) {
    ScreeningDecision d;
    if (gateway == npos) return d;
    if (c.cfg.gateways[gateway].emergency_routing != EmergencyRouting::location) {
        d.why = ScreenCase::not_location_gateway;
        return d;
    }
    d.country = address != npos ? c.cfg.country_or_default(c.cfg.addresses[address].country)
                                : caller_country(c, user, pl.site);
    if (d.country == "CA") {
        d.why = ScreenCase::canada;
    } else if (d.country != "US") {
        d.why = ScreenCase::not_us;
    } else if (pl.location_class == LocationClass::lis || pl.location_class == LocationClass::user_confirmed) {
        d.why = ScreenCase::direct;
    } else if (pl.location_class == LocationClass::static_ && user && user->common_area_phone) {
        d.why = ScreenCase::common_area_static;
    } else {
        d.why = ScreenCase::screened;
    }
    d.screened = d.why == ScreenCase::canada || d.why == ScreenCase::screened;
    return d;
}

// A screened call reaches the gateway's relay centre (fallback_psap), which transfers it to the PSAP
// serving the location sent: correct when that PSAP serves the caller (unknown without a location).
void apply_screening(Trace& t, const Compiled& c, const User* user, std::uint32_t gateway, std::uint32_t address,
                     Decisions& d) {
    d.screening = decide_screening(c, user, d.placement, gateway, address);
    if (d.screening.screened && !d.psap.reach.fallback) {
        const Gateway& g = c.cfg.gateways[gateway];
        d.psap.reach.fallback = true;
        d.psap.reach.psap = g.fallback_psap.resolved() ? g.fallback_psap.index : npos;
        t.psap = g.fallback_psap.id;
        auto pidx = t.psap.empty() ? npos : c.cfg.find(Kind::psap, t.psap);
        d.psap.relay = t.psap_relay = pidx != npos && c.cfg.psaps[pidx].relay;
    }
    if (d.screening.screened) {
        d.psap.correct.reset();
        if (address != npos) d.psap.correct = !t.psap_expected.empty();
        t.psap_correct = d.psap.correct;
    }
    t.screened = d.screening.screened || t.psap_relay;
}

}  // namespace e911::detail
