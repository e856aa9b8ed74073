// The trace's screening step and the psap_reason note for a screened call (screening.cpp): which of
// Microsoft's rules sent the call straight to the PSAP or to a relay centre first.
#include "simulate/explain.hpp"

namespace e911::detail {
namespace {

const char* class_words(LocationClass k) {
    switch (k) {
        case LocationClass::lis:
            return "a LIS location";
        case LocationClass::user_confirmed:
            return "an OS location the user confirmed";
        case LocationClass::os_unconfirmed:
            return "an OS location the user did not confirm";
        case LocationClass::user_entered:
            return "a user-entered address";
        case LocationClass::static_:
            return "the admin's static emergency address";
        case LocationClass::none:
            return "no location";
    }
    return "no location";
}

std::string rule_text(const Decisions& d) {
    const ScreeningDecision& s = d.screening;
    std::string cls = class_words(d.placement.location_class);
    switch (s.why) {
        case ScreenCase::none:
            return {};
        case ScreenCase::not_location_gateway:
            return "the gateway routes on the number, not on the location: no provider screens the call (our rule)";
        case ScreenCase::direct:
            return "US caller with " + cls +
                   ": routed directly to the PSAP (Microsoft's location-source table for dynamic emergency calling)";
        case ScreenCase::common_area_static:
            return "US common area phone without a dynamic location: routed on its registered address directly to "
                   "the PSAP (Microsoft: common area phones)";
        case ScreenCase::screened:
            return "US caller with " + cls +
                   ": screened by the relay centre and transferred (Microsoft's location-source table: only a LIS "
                   "location or a user-confirmed OS location goes directly to the PSAP)";
        case ScreenCase::canada:
            return "Canadian caller: every Direct Routing emergency call is screened nationally first (Microsoft: "
                   "dynamic emergency calling in Canada), then transferred to the PSAP serving the location";
        case ScreenCase::not_us:
            return "caller in " + (s.country.empty() ? std::string("an unknown country") : s.country) +
                   ": routing on the dynamic location is supported only in the United States (Microsoft, Direct "
                   "Routing); the trunk's own emergency routing applies as configured";
    }
    return {};
}

}  // namespace

std::string explain_screening_reason(const Compiled& c, const Decisions& d) {
    (void)c;
    return "; " + rule_text(d);
}

// One step: direct or screened, why, and where the deciding fact is written.
void explain_screening(Explainer& x, const Gateway& gw) {
    const ScreeningDecision& s = x.d.screening;
    if (s.why == ScreenCase::none) return;
    SourcePos pos = gw.pos.of("emergency_routing");
    const User* u = x.call.user;
    if (s.why == ScreenCase::common_area_static && u) pos = u->pos.of("common_area_phone");
    else if ((s.why == ScreenCase::canada || s.why == ScreenCase::not_us) && x.address())
        pos = x.address()->pos.of("country");
    std::string because = rule_text(x.d);
    if (s.screened && x.t.psap_correct)
        because += *x.t.psap_correct ? "; the PSAP the relay centre transfers to serves the caller, so the call is "
                                       "correctly routed"
                                     : "; no PSAP in the configuration serves the location the relay centre transfers on";
    x.add("screening", s.screened ? "screened" : "direct", because, pos);
}

}  // namespace e911::detail
