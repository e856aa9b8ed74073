// The emergency calls a network site makes and what they depend on, shared by the rules that judge a site's
// emergency routing as a whole (emergency-single-gateway, dynamic-routing-unsupported).
#pragma once
#include <string>
#include <vector>

#include "lint/rule.hpp"

namespace e911::detail {

// One emergency number that applies at a site, and the routes and gateways its calls can take.
struct SiteEmergencyCall {
    std::string dial_string;
    Platform platform;
    Kind policy_kind;  // emergency_call_routing_policy or location_policy
    std::uint32_t policy;
    std::uint32_t usage;
    std::vector<std::uint32_t> routes;    // routes of the usage matching the number as sent, in the order tried
    std::vector<std::uint32_t> gateways;  // enabled gateways of those routes, each once, in the order met
};

// The numbers that apply at `site`: Teams, the site's emergency call routing policy, else the `global` one;
// Skype for Business, the site's location policy, else the `global` one (docs/behaviour.md §4). Numbers
// whose usage is unset are left out (emergency-route-missing and the loader speak of those).
std::vector<SiteEmergencyCall> site_emergency_calls(const LintContext& x, std::uint32_t site);

}  // namespace e911::detail
