// Emergency recognition on the dial plan's result. Teams: the site's emergency call routing
// policy when it has the number, else the user's (or global) policy (domain §5). SfB: the
// location policy's numbers (modern clients) or legacy dial string and masks, compared with the
// number less its '+'.
#include "compile/emergency_numbers.hpp"
#include "simulate/decisions.hpp"

namespace e911::detail {

std::string strip_plus(const std::string& s) { return !s.empty() && s[0] == '+' ? s.substr(1) : s; }

const std::string& caller_country(const Compiled& c, const User* user, std::uint32_t site) {
    return user ? user_country(c, *user) : site != npos ? site_country(c, site) : c.cfg.defaults.country;
}

namespace {

FallbackCase why_not_site(const Compiled& c, const Placement& pl) {
    if (pl.site == npos) return FallbackCase::no_site;
    if (!c.cfg.sites[pl.site].emergency_call_routing_policy.resolved()) return FallbackCase::site_has_no_policy;
    return FallbackCase::number_not_in_site_policy;
}

void recognise_teams(const Compiled& c, const User* user, const Placement& pl, const std::string& number,
                     EmergencyDecision& e) {
    const auto& policies = c.cfg.emergency_call_routing_policies;
    e.site_policy = site_ecrp(c, pl.site);
    e.user_policy = user_ecrp(c, user);
    if (e.site_policy.index != npos && (e.match = match_number(policies[e.site_policy.index], number))) {
        e.routing_case = RoutingPolicyCase::site;
        e.routing_policy = e.site_policy.index;
    } else if (e.user_policy.index != npos) {
        e.fallback = why_not_site(c, pl);
        e.match = match_number(policies[e.user_policy.index], number);
        bool site_in_play = e.site_policy.index != npos || pl.site != npos;
        e.routing_case = site_in_play ? RoutingPolicyCase::user_fallback : RoutingPolicyCase::user;
        e.routing_policy = e.user_policy.index;
    } else if (e.site_policy.index != npos) {
        // Enabled at the site; the number is simply not one of its numbers.
        e.routing_case = RoutingPolicyCase::site_without_fallback;
        e.routing_policy = e.site_policy.index;
    }
    // Not enabled only when no routing policy applies at all; a policy that lacks the dialled
    // number leaves the caller enabled, and the number goes out as an ordinary call.
    e.enabled = e.site_policy.index != npos || e.user_policy.index != npos;
    if (!e.match) return;
    e.usage = policies[e.routing_policy].numbers[e.match->number].pstn_usage.index;
    e.location_withheld = !policies[e.routing_policy].enhanced_emergency_services;
}

// Calling Plan / Operator Connect: the usage-location country's numbers and default masks from Microsoft's
// table (libphonenumber's list when the table does not list the country); routing policies have no effect.
void recognise_microsoft(const Compiled& c, const User& user, const std::string& number, EmergencyDecision& e) {
    e.pstn = user.pstn;
    e.pstn_country = !user.usage_location.empty() ? user.usage_location : user_country(c, user);
    std::string digits = strip_plus(number);
    const auto& table = teams_emergency_numbers(e.pstn_country, &e.pstn_listed);
    for (const auto& n : table) {
        if (n.number == digits) e.match = NumberMatch{n.number, digits, false, npos};
        for (const auto& m : n.masks)
            if (!e.match && m == digits) e.match = NumberMatch{n.number, digits, true, npos};
        if (e.match) return;
    }
    if (!e.pstn_listed && is_emergency_number(digits, e.pstn_country, Platform::teams))
        e.match = NumberMatch{digits, digits, false, npos};
}

void recognise_sfb(const Compiled& c, SfbClient client, const Policies& p, const std::string& number,
                   EmergencyDecision& e) {
    const LocationPolicy* lp = p.location.index != npos ? &c.cfg.location_policies[p.location.index] : nullptr;
    e.enabled = lp && lp->enhanced_emergency_services;
    if (!lp) return;
    e.match = recognise_in(c, Kind::location_policy, p.location.index, client, number);
    if (e.match && !lp->enhanced_emergency_services) {
        e.disabled_match = std::move(e.match);
        e.match.reset();
    }
    if (e.match) e.usage = lp->pstn_usage.index;
}

}  // namespace

EmergencyDecision recognise_emergency(const Compiled& c, const User* user, Platform platform, SfbClient client,
                                      const Placement& pl, const Policies& p, const std::string& dialed,
                                      const std::string& number) {
    EmergencyDecision e;
    if (platform == Platform::teams && user && user->pstn != PstnConnectivity::direct_routing)
        recognise_microsoft(c, *user, number, e);
    else if (platform == Platform::teams)
        recognise_teams(c, user, pl, number, e);
    else
        recognise_sfb(c, client, p, number, e);
    if (!e.match && !e.enabled) {
        // The platform's list: Microsoft's table for Teams, libphonenumber for SfB (domain §4).
        std::string country = caller_country(c, user, pl.site);
        e.not_enabled = is_emergency_number(strip_plus(number), country, platform) ||
                        is_emergency_number(dialed, country, platform);
    }
    return e;
}

std::optional<NumberMatch> recognise_in(const Compiled& c, Kind policy_kind, std::uint32_t policy, SfbClient client,
                                        const std::string& number) {
    if (policy_kind == Kind::emergency_call_routing_policy)
        return match_number(c.cfg.emergency_call_routing_policies[policy], number);
    return match_number(c.cfg.location_policies[policy], strip_plus(number), client);
}

}  // namespace e911::detail
