// Policy resolution for the policies that do not depend on the dialled number: the Teams
// emergency calling policy (notification) or the SfB location policy, the routing policy and
// the dial plan. The Teams emergency call routing policy depends on the number: emergency.cpp.
#include "simulate/decisions.hpp"

namespace e911::detail {

Policies resolve_policies(const Compiled& c, const User* user, Platform platform, std::uint32_t site) {
    Policies p;
    if (platform == Platform::teams) p.emergency_calling = effective_ecp(c, site, user);
    else p.location = effective_lp(c, site, user);
    p.routing = effective_routing_policy(c, user);
    p.dial_plan = effective_dial_plan(c, user);
    return p;
}

}  // namespace e911::detail
