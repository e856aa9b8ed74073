// Which gateways of a route can take the call: the enabled ones, tried in random order, so each
// is a candidate. A route none of whose gateways is enabled is dead and skipped.
#include "simulate/decisions.hpp"

namespace e911::detail {

GatewayDecision choose_gateways(const Compiled& c, std::uint32_t route, const Conditions& /*when*/,
                                std::vector<std::string>& gateways) {
    GatewayDecision d;
    gateways.clear();
    for (const auto& g : c.cfg.routes[route].gateways) {
        if (!g.resolved() || !c.cfg.gateways[g.index].enabled) continue;
        if (d.primary == npos) d.primary = g.index;
        ++d.count;
        gateways.push_back(g.id);
    }
    return d;
}

}  // namespace e911::detail
