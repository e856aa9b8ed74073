// The number the PSAP sees. An ELIN gateway replaces the caller's number with an ELIN of the
// location (else of its address), read from the PIDF-LO in the INVITE (<ca:ELIN>, else <ca:NAM>);
// every other gateway sends the caller's own number.
#include "simulate/decisions.hpp"

namespace e911::detail {

CallingNumberDecision choose_calling_number(const Compiled& c, bool emergency, std::uint32_t gateway,
                                            std::uint32_t location) {
    CallingNumberDecision d;
    if (gateway == npos) return d;
    if (!emergency) {
        d.why = CallingNumberCase::own_number;
        return d;
    }
    const Gateway& gw = c.cfg.gateways[gateway];
    if (gw.emergency_routing != EmergencyRouting::elin) {
        d.why = CallingNumberCase::not_elin_gateway;
        return d;
    }
    if (!gw.pidf_lo) {
        d.why = CallingNumberCase::elin_gateway_pidf_off;
        return d;
    }
    const Location* loc = location != npos ? &c.cfg.locations[location] : nullptr;
    const Address* addr = loc && loc->address.resolved() ? &c.cfg.addresses[loc->address.index] : nullptr;
    if (loc && !loc->elins.empty()) d.why = CallingNumberCase::location_elin, d.elins = &loc->elins;
    else if (addr && !addr->elins.empty()) d.why = CallingNumberCase::address_elin, d.elins = &addr->elins;
    else d.why = CallingNumberCase::no_elin;
    return d;
}

}  // namespace e911::detail
