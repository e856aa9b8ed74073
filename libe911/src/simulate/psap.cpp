// Which PSAP the call reaches is decided by the gateway's emergency routing (domain §9-§10):
// location routing on the PIDF-LO civic address (the provider's relay centre when it cannot),
// ELIN routing on the ELIN's registered address, fixed routing on the trunk's own address.
#include "simulate/decisions.hpp"

namespace e911::detail {
namespace {

std::uint32_t psap_of_address(const Compiled& c, std::uint32_t address) {
    if (address == npos) return npos;
    const auto& list = c.psaps_serving(address);
    return list.empty() ? npos : list.front();
}

}  // namespace

PsapReach reach_psap(const Compiled& c, const Gateway& g, std::uint32_t address, bool have_elin) {
    PsapReach r;
    std::uint32_t trunk = g.address.resolved() ? g.address.index : npos;
    switch (g.emergency_routing) {
        case EmergencyRouting::location:
            r.why = !g.pidf_lo                                 ? PsapCase::location_pidf_off
                    : address == npos                          ? PsapCase::location_no_location
                    : !c.cfg.addresses[address].validated      ? PsapCase::location_not_validated
                                                               : PsapCase::location;
            r.fallback = r.why != PsapCase::location;
            r.address = address;
            break;
        case EmergencyRouting::elin:
            r.why = have_elin && address != npos ? PsapCase::elin : PsapCase::elin_without_elin;
            r.address = r.why == PsapCase::elin ? address : trunk;
            break;
        case EmergencyRouting::fixed:
            r.why = PsapCase::fixed;
            r.address = trunk;
            break;
    }
    if (r.fallback) r.psap = g.fallback_psap.resolved() ? g.fallback_psap.index : npos;
    else r.psap = psap_of_address(c, r.address);
    return r;
}

// The fallback PSAP is named by the gateway even when the configuration does not define it.
const std::string& psap_id(const Compiled& c, const Gateway& g, const PsapReach& r) {
    static const std::string none;
    if (r.fallback) return g.fallback_psap.id;
    return r.psap != npos ? c.cfg.psaps[r.psap].id : none;
}

}  // namespace e911::detail
