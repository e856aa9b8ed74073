// PSTN usage and route. An emergency number's usage (Teams) or the location policy's (SfB)
// replaces the user's usages; an ordinary call takes the first usage of the routing policy with a
// matching route, and later usages are never tried. Routes are tried by priority; a dead route
// (every gateway disabled or down) fails over to the next.
#include "simulate/decisions.hpp"

namespace e911::detail {
namespace {

// The routes of `usage` that match; the abandoned ones are copied into `d` (the memo holding both
// may be emptied by the next lookup).
const std::vector<std::uint32_t>& matching_noting_abandoned(const Compiled& c, std::uint32_t usage, RouteDecision& d) {
    const auto answer = c.route_answer(usage, d.routed);
    d.abandoned.insert(d.abandoned.end(), answer.abandoned.begin(), answer.abandoned.end());
    return answer.routes;
}

void choose_usage(const Compiled& c, const Policies& p, const EmergencyDecision& e, RouteDecision& d) {
    d.routes = &Compiled::no_routes();
    if (e.pstn != PstnConnectivity::direct_routing) {
        // Microsoft (Calling Plan) or the operator (Operator Connect) carries the call: no usage, route
        // or gateway of this configuration takes part (domain §5).
        d.usage_case = UsageCase::microsoft_routes;
        return;
    }
    if (e.match) {
        d.usage = e.usage;
        d.usage_case = e.usage != npos ? UsageCase::emergency_usage : UsageCase::emergency_no_usage;
        if (e.usage != npos) d.routes = &matching_noting_abandoned(c, e.usage, d);
        return;
    }
    if (p.routing.index == npos) {
        d.usage_case = UsageCase::no_routing_policy;
        return;
    }
    d.usage_case = UsageCase::none_matching;
    for (const auto& u : c.cfg.routing_policies[p.routing.index].pstn_usages) {
        if (!u.resolved()) continue;
        const auto& m = matching_noting_abandoned(c, u.index, d);
        if (m.empty()) continue;
        d.usage = u.index;
        d.usage_case = UsageCase::first_matching;
        d.routes = &m;
        return;
    }
}

}  // namespace

RouteDecision choose_route(const Compiled& c, Platform platform, const Policies& p, const EmergencyDecision& e,
                           const std::string& number, const Conditions& when, std::vector<std::string>& gateways,
                           GatewayDecision& chosen) {
    RouteDecision d;
    d.pstn = e.pstn;
    d.routed = e.match ? routed_form(platform, e.match->dial_string) : number;
    choose_usage(c, p, e, d);
    d.route = walk_routes(c, *d.routes, when, gateways, chosen, &d.down);
    return d;
}

// Routes by priority: one with no gateway left (all disabled or down) fails over to the next (domain §7).
std::uint32_t walk_routes(const Compiled& c, const std::vector<std::uint32_t>& routes, const Conditions& when,
                          std::vector<std::string>& gateways, GatewayDecision& chosen, std::vector<DownSkip>* down) {
    gateways.clear();
    for (auto r : routes) {
        chosen = choose_gateways(c, r, when, gateways);
        if (down)
            for (auto g : chosen.down) down->push_back({r, g});
        if (chosen.count > 0) return r;
    }
    return npos;
}

}  // namespace e911::detail
