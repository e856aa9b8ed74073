// Emergency recognition on the dial plan's result. Teams: the site's emergency call routing
// policy when it has the number, else the user's (or global) policy (domain §5). SfB: the
// location policy's numbers (modern clients) or legacy dial string and masks, compared with the
// number less its '+'.
#include "simulate/decisions.hpp"

namespace e911::detail {

std::string strip_plus(const std::string& s) { return !s.empty() && s[0] == '+' ? s.substr(1) : s; }

std::string caller_country(const Compiled& c, const User* user, std::uint32_t site) {
    return user ? user_country(c, *user) : site != npos ? site_country(c, site) : c.cfg.defaults.country;
}

namespace {

FallbackCase why_not_site(const Compiled& c, const Placement& pl, const PolicyChoice& site_p) {
    if (pl.site == npos) return FallbackCase::no_site;
    if (!c.cfg.sites[pl.site].emergency_call_routing_policy.resolved()) return FallbackCase::site_has_no_policy;
    if (site_p.index == npos) return FallbackCase::location_unknown;
    return FallbackCase::number_not_in_site_policy;
}

void recognise_teams(const Compiled& c, const User* user, const Placement& pl, const std::string& number,
                     EmergencyDecision& e) {
    const auto& policies = c.cfg.emergency_call_routing_policies;
    e.site_policy = site_ecrp(c, pl.site, pl.location != npos);
    e.user_policy = user_ecrp(c, user);
    if (e.site_policy.index != npos && (e.match = match_number(policies[e.site_policy.index], number))) {
        e.routing_case = RoutingPolicyCase::site;
        e.routing_policy = e.site_policy.index;
    } else if (e.user_policy.index != npos) {
        e.fallback = why_not_site(c, pl, e.site_policy);
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
    if (e.match) e.usage = policies[e.routing_policy].numbers[e.match->number].pstn_usage.index;
}

void recognise_sfb(const Compiled& c, SfbClient client, const Policies& p, const std::string& number,
                   EmergencyDecision& e) {
    const LocationPolicy* lp = p.location.index != npos ? &c.cfg.location_policies[p.location.index] : nullptr;
    e.enabled = lp && lp->enhanced_emergency_services;
    if (!lp) return;
    e.match = match_number(*lp, strip_plus(number), client);
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
    if (platform == Platform::teams) recognise_teams(c, user, pl, number, e);
    else recognise_sfb(c, client, p, number, e);
    if (!e.match && !e.enabled) {
        std::string country = caller_country(c, user, pl.site);
        e.not_enabled = is_emergency_number(strip_plus(number), country) || is_emergency_number(dialed, country);
    }
    return e;
}

}  // namespace e911::detail
