// The trace's explanations, rendered from decisions already taken: for each stage, what it decided
// (`result`), why (`because`), and the configuration line behind it. Only `e911 simulate`, batch
// runs with traces, and findings that quote a call ask for them; nothing here runs otherwise.
#include "compile/emergency_numbers.hpp"
#include "simulate/explain.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void explain_policies(Explainer& x) {
    const Policies& p = x.d.policies;
    std::uint32_t site = x.d.placement.site;
    const User* user = x.call.user;
    if (x.call.platform == Platform::teams) {
        bool any = p.emergency_calling.index != npos;
        return x.add("policy",
                     any ? "emergency_calling_policy " + x.t.policies.emergency_calling : "no emergency calling policy",
                     any ? "from " + describe(x.cfg, p.emergency_calling, site, user) + " (site over user over global)"
                         : "none on the site, the user, or `global`",
                     any ? x.cfg.emergency_calling_policies[p.emergency_calling.index].pos.self : SourcePos{});
    }
    bool any = p.location.index != npos;
    std::string why =
        !any ? "none on the network site, the user, or `global`" : "from " + describe(x.cfg, p.location, site, user);
    if (any && p.location.from == PolicySource::site && user && user->location_policy.resolved())
        why += " (a network site's location policy overrides the user's `" + user->location_policy.id +
               "` inside its subnets)";
    x.add("policy", any ? "location_policy " + x.t.policies.location : "no location policy", why,
          any ? x.cfg.location_policies[p.location.index].pos.self : SourcePos{});
}

// A pattern whose match on `input` passed the match-cost bound: neither a match nor a miss, so
// the trace names the pattern, the input and the bound instead of a silent "no match" (our rule).
std::string abandoned_because(const std::string& pattern, const std::string& input) {
    return "matching pattern `" + pattern + "` on `" + input.substr(0, 80) + (input.size() > 80 ? "..." : "") +
           "` was abandoned after " + std::to_string(limits::max_match_steps) +
           " steps (the match-cost bound): passed over as if it did not match; remove nested quantifiers such as "
           "(\\d+)+ (lint: route-pattern-invalid)";
}

void explain_dial_plan(Explainer& x) {
    const DialPlanDecision& dp = x.d.dial_plan;
    const std::string& dialed = x.t.dialed;
    if (dp.plan == npos)
        return x.add("dial_plan", x.t.normalized,
                     "the user has no dial plan and there is no `global` one: digits unchanged");
    const auto& plan = x.cfg.dial_plans[dp.plan];
    for (auto r : dp.abandoned)
        x.add("dial_plan", "rule `" + plan.rules[r].name + "` match abandoned",
              "dial plan `" + plan.id + "`: " + abandoned_because(plan.rules[r].pattern, dialed),
              plan.rules[r].pos.of("pattern"));
    if (dp.rule == npos)
        return x.add("dial_plan", x.t.normalized, "no rule of dial plan `" + plan.id + "` matches " + dialed,
                     plan.pos.self);
    const auto& rule = plan.rules[dp.rule];
    x.add("dial_plan", x.t.normalized,
          "dial plan `" + plan.id + "` rule `" + rule.name + "` (" + rule.pattern + " -> " + rule.translation +
              ") matched " + dialed + " first",
          rule.pos.of("pattern"));
}

std::string fallback_why(Explainer& x, const std::string& number) {
    const EmergencyDecision& e = x.d.emergency;
    switch (e.fallback) {
        case FallbackCase::none:
        case FallbackCase::no_site:
            return "no known site";
        case FallbackCase::site_has_no_policy:
            return "site has no emergency call routing policy";
        case FallbackCase::number_not_in_site_policy:
            return "the site policy `" + x.cfg.emergency_call_routing_policies[e.site_policy.index].id +
                   "` has no number matching " + number;
    }
    return {};
}

void explain_routing_policy(Explainer& x) {
    const EmergencyDecision& e = x.d.emergency;
    const std::string& number = x.t.normalized;
    std::uint32_t site = x.d.placement.site;
    if (e.routing_case == RoutingPolicyCase::none) return;
    const auto& pol = x.cfg.emergency_call_routing_policies[e.routing_policy];
    std::string result = "emergency_call_routing_policy " + pol.id;
    switch (e.routing_case) {
        case RoutingPolicyCase::none:
            return;
        case RoutingPolicyCase::site:
            return x.add("policy", result,
                         "from " + describe(x.cfg, e.site_policy, site, x.call.user) +
                             " (Microsoft: a site's policy overrides the user's while the caller is at the site, "
                             "whether or not the LIS found a location)",
                         pol.pos.self);
        case RoutingPolicyCase::user_fallback:
            return x.add("policy", result,
                         fallback_why(x, number) + ": falling back to the policy from " +
                             describe(x.cfg, e.user_policy, site, x.call.user),
                         pol.pos.self);
        case RoutingPolicyCase::user:
            return x.add("policy", result, "from " + describe(x.cfg, e.user_policy, site, x.call.user), pol.pos.self);
        case RoutingPolicyCase::site_without_fallback:
            return x.add("policy", result,
                         "from " + describe(x.cfg, e.site_policy, site, x.call.user) + "; it has no number matching " +
                             number + " and there is no user or global policy to fall back to",
                         pol.pos.self);
    }
}

std::string matched(const std::string& digits, const NumberMatch& m) {
    return digits + (m.via_mask ? " is a dial mask of " : " is the dial string ") + m.dial_string;
}

// Calling Plan / Operator Connect: Microsoft's list for the usage location decides, no routing policy.
void explain_microsoft_pstn(Explainer& x) {
    const EmergencyDecision& e = x.d.emergency;
    const User& u = *x.call.user;
    std::string how = e.pstn == PstnConnectivity::calling_plan ? "a Calling Plan" : "Operator Connect";
    std::string unused = u.emergency_call_routing_policy.resolved()
                             ? "; emergency call routing policy `" + u.emergency_call_routing_policy.id +
                                   "` has no effect"
                             : "";
    x.add("policy", "no emergency call routing policy",
          "user `" + u.id + "` reaches the PSTN through " + how +
              ": Microsoft: the emergency call routing policy applies to Direct Routing only" + unused,
          u.pos.of("pstn"));
    std::string list = source_name(e.pstn_listed ? NumberSource::microsoft_teams : NumberSource::libphonenumber,
                                   e.pstn_country);
    std::string where = (u.usage_location.empty() ? "the user's country " : "usage location ") + e.pstn_country;
    if (e.match)
        return x.add("emergency", e.match->dial_string,
                     matched(strip_plus(x.t.normalized), *e.match) + " in " + list + " (" + where +
                         "; Microsoft: such users get their usage location's emergency numbers)",
                     u.pos.of(u.usage_location.empty() ? "pstn" : "usage_location"));
}

void explain_match(Explainer& x) {
    const EmergencyDecision& e = x.d.emergency;
    if (e.pstn != PstnConnectivity::direct_routing) return explain_microsoft_pstn(x);
    if (x.call.platform == Platform::teams) {
        explain_routing_policy(x);
        if (!e.match) return;
        const auto& pol = x.cfg.emergency_call_routing_policies[e.routing_policy];
        x.add("emergency", e.match->dial_string, matched(x.t.normalized, *e.match) + " in policy `" + pol.id + "`",
              pol.numbers[e.match->number].pos.self);
        if (e.location_withheld)
            x.add("location", "not sent",
                  "policy `" + pol.id +
                      "` has enhanced_emergency_services: false: Teams sends no location with the call "
                      "(Microsoft: only with AllowEnhancedEmergencyServices on does the client include its location)",
                  pol.pos.of("enhanced_emergency_services"));
        return;
    }
    const NumberMatch* m = e.match ? &*e.match : e.disabled_match ? &*e.disabled_match : nullptr;
    if (!m) return;
    const auto& p = x.cfg.location_policies[x.d.policies.location.index];
    std::string set = x.call.client == SfbClient::modern && !p.numbers.empty() ? "emergency numbers (modern client)"
                                                                               : "legacy dial string and masks";
    x.add("emergency", m->dial_string,
          matched(strip_plus(x.t.normalized), *m) + " in the " + set + " of `" + p.id + "`",
          p.pos.of(m->number == npos ? "dial_string" : "numbers"));
    if (e.disabled_match)
        x.add("emergency", "not enabled",
              "location policy `" + p.id +
                  "` has enhanced_emergency_services: false: no E9-1-1 handling, no location is sent (MS-SIPRE "
                  "3.17.5.1: only an E9-1-1-enabled policy provides the client's emergency dial strings)",
              p.pos.of("enhanced_emergency_services"));
}

void explain_not_emergency(Explainer& x) {
    const EmergencyDecision& e = x.d.emergency;
    const std::string& dialed = x.t.dialed;
    const std::string& number = x.t.normalized;
    if (number != dialed) {  // was an emergency string eaten by the dial plan?
        std::vector<DialEntry> entries;
        if (e.routing_policy != npos)
            entries = dial_entries(x.cfg.emergency_call_routing_policies[e.routing_policy]);
        else if (x.d.policies.location.index != npos)
            entries = dial_entries(x.cfg.location_policies[x.d.policies.location.index], x.call.client);
        for (const auto& entry : entries)
            if (entry.digits == dialed) {
                x.add("emergency", "lost",
                      "the dial plan rewrote emergency string " + dialed + " to " + number +
                          ": it is no longer recognised as an emergency call (dial-plan-shadows-emergency)");
                break;
            }
    }
    std::string country = caller_country(x.c, x.call.user, x.d.placement.site);
    if (e.pstn != PstnConnectivity::direct_routing) {
        country = e.pstn_country;
        return x.add("emergency", "no",
                     number + " is not an emergency number or default mask in " +
                         source_name(e.pstn_listed ? NumberSource::microsoft_teams : NumberSource::libphonenumber,
                                     country));
    }
    if (e.not_enabled)
        return x.add("emergency", "not enabled",
                     x.call.platform == Platform::teams
                         ? dialed + " is an emergency number in " + country +
                               " but no emergency call routing policy applies (site, user or global)"
                         : dialed + " is an emergency number in " + country +
                               " but the effective location policy does not enable E9-1-1");
    Platform pf = x.call.platform;
    bool country_emergency =
        is_emergency_number(strip_plus(number), country, pf) || is_emergency_number(dialed, country, pf);
    x.add("emergency", "no",
          country_emergency ? dialed + " is an emergency number in " + country +
                                  " but the effective policy neither dials nor masks it: it goes out as an ordinary "
                                  "call (emergency-number-missing)"
                            : number + " is not an emergency dial string or mask of the effective policy");
}

void explain_usage(Explainer& x) {
    const RouteDecision& r = x.d.route;
    const auto& rp = x.d.policies.routing;
    switch (r.usage_case) {
        case UsageCase::emergency_usage:
            return x.add("pstn_usage", x.t.pstn_usage,
                         std::string(x.call.platform == Platform::teams ? "the emergency number's usage"
                                                                        : "the location policy's usage") +
                             " replaces the user's usages for emergency calls; routes are matched against `" +
                             r.routed + "`",
                         x.cfg.pstn_usages[r.usage].pos.self);
        case UsageCase::emergency_no_usage:
            return x.add("pstn_usage", "none", "the emergency number has no PSTN usage");
        case UsageCase::first_matching: {
            const auto& pol = x.cfg.routing_policies[rp.index];
            return x.add("pstn_usage", x.t.pstn_usage,
                         "first usage of routing policy `" + pol.id + "` with a route matching " + r.routed +
                             " (later usages are never tried)",
                         pol.pos.of("pstn_usages"));
        }
        case UsageCase::none_matching: {
            const auto& pol = x.cfg.routing_policies[rp.index];
            return x.add("pstn_usage", "none",
                         "no usage of routing policy `" + pol.id + "` has a route matching " + r.routed, pol.pos.self);
        }
        case UsageCase::no_routing_policy:
            return x.add("pstn_usage", "none", "no routing policy (user or global)");
        case UsageCase::microsoft_routes:
            return x.add("pstn_usage", "none",
                         std::string(r.pstn == PstnConnectivity::calling_plan ? "Microsoft (Calling Plan)"
                                                                              : "the operator (Operator Connect)") +
                             " carries the call to the PSTN: no routing policy, usage, route or gateway of this "
                             "configuration takes part",
                         x.call.user->pos.of("pstn"));
    }
}

// The gateways of `route` given as down, comma-separated ("" when none).
std::string down_of(const Explainer& x, std::uint32_t route) {
    std::string ids;
    for (const auto& skip : x.d.route.down)
        if (skip.route == route) ids += (ids.empty() ? "" : ", ") + x.cfg.gateways[skip.gateway].id;
    return ids;
}

void explain_route(Explainer& x) {
    explain_usage(x);
    const RouteDecision& r = x.d.route;
    const auto& routes = x.cfg.routes;
    for (auto i : r.abandoned)
        x.add("route", routes[i].id + " match abandoned", abandoned_because(routes[i].number_pattern, r.routed),
              routes[i].pos.of("number_pattern"));
    for (auto i : *r.routes) {
        if (i == r.route) break;
        std::string down = down_of(x, i);
        x.add("route", routes[i].id + " skipped",
              down.empty() ? "matches, but every gateway of the route is disabled: failing over to the next route"
                           : "matches, but no gateway of the route is left (down: " + down +
                                 "): failing over to the next route of the usage by priority",
              routes[i].pos.self);
    }
    if (r.route == npos) {
        if (!r.routes->empty() || r.usage != npos)
            x.add("route", "none",
                  r.routes->empty() ? "no route in usage `" + x.t.pstn_usage + "` matches " + r.routed
                  : r.down.empty()  ? "every matching route in usage `" + x.t.pstn_usage +
                                         "` is dead; later usages are not tried"
                                    : "every matching route in usage `" + x.t.pstn_usage +
                                         "` is dead or its gateways are down: the call is dropped (Microsoft: \"if "
                                         "none of the SBCs are available, the call is dropped\"); later usages are "
                                         "not tried");
        return;
    }
    const Route& route = routes[r.route];
    x.add("route", x.t.route,
          "priority " + std::to_string(route.priority) + ", pattern " + route.number_pattern + " matches " + r.routed +
              " (lowest priority first; config order breaks ties)",
          route.pos.of("number_pattern"));
    std::string disabled;
    for (const auto& g : route.gateways)
        if (g.resolved() && !x.cfg.gateways[g.index].enabled) disabled += (disabled.empty() ? "" : ", ") + g.id;
    x.add("gateways", join(x.t.gateways, ", "),
          std::string(x.t.gateways.size() > 1 ? "tried in random order; all listed as candidates"
                                              : "the one enabled gateway") +
              (disabled.empty() ? "" : "; disabled and skipped: " + disabled) +
              (down_of(x, r.route).empty() ? "" : "; down and skipped: " + down_of(x, r.route)),
          x.cfg.gateways[x.d.gateways.primary].pos.self);
}

// A Teams ELIN may be a name (MICROSOFT_ELIN) that the SBC's own ELIN table maps to a number (domain §10).
std::string elin_name_note(const std::string& elin) {
    bool number = !elin.empty() && (elin[0] == '+' || (elin[0] >= '0' && elin[0] <= '9'));
    return number ? "" : "; `" + elin + "` is an ELIN name: the SBC's ELIN table maps it to the number the PSAP "
                                        "sees (not modelled)";
}

void explain_calling_number(Explainer& x, const Gateway& gw) {
    const Location* loc = x.d.placement.location != npos ? &x.cfg.locations[x.d.placement.location] : nullptr;
    switch (x.d.calling_number.why) {
        case CallingNumberCase::none:
            return;
        case CallingNumberCase::own_number:
            return x.add("calling_number", x.number_or_none(), "the user's own number");
        case CallingNumberCase::not_elin_gateway:
            return x.add("calling_number", x.number_or_none(),
                         "the user's own number (gateway does not substitute ELINs)");
        case CallingNumberCase::elin_gateway_pidf_off:
            return x.add("calling_number", x.number_or_none(),
                         "ELIN gateway `" + gw.id +
                             "` has PIDF-LO off, so it cannot read the location's ELIN from the call: the caller's own "
                             "number goes out",
                         gw.pos.of("pidf_lo"));
        case CallingNumberCase::location_elin:
            return x.add("calling_number", x.t.elin,
                         "ELIN gateway `" + gw.id + "` replaces the caller's number with the location's ELIN" +
                             elin_name_note(x.t.elin),
                         loc->pos.of("elins"));
        case CallingNumberCase::address_elin:
            return x.add("calling_number", x.t.elin,
                         "ELIN gateway `" + gw.id + "` replaces the caller's number with the address's ELIN" +
                             elin_name_note(x.t.elin),
                         x.address()->pos.of("elins"));
        case CallingNumberCase::no_elin:
            if (x.d.emergency.location_withheld)
                return x.add("calling_number", x.number_or_none(),
                             "ELIN gateway `" + gw.id +
                                 "` gets no location (enhanced emergency services off), so it has no ELIN to map: "
                                 "the caller's own number goes out");
            return x.add("calling_number", x.number_or_none(),
                         "ELIN gateway `" + gw.id + "` has no ELIN for " +
                             (loc ? "location `" + loc->id + "`" : "an unknown location") +
                             ": the caller's own number goes out");
    }
}

void explain_psap_steps(Explainer& x, const Gateway& gw) {
    const Trace& t = x.t;
    x.add("psap", t.psap.empty() ? "unknown" : t.psap, t.psap_reason, gw.pos.of("emergency_routing"));
    const Address* addr = x.address();
    std::uint32_t address = addr && !x.d.emergency.location_withheld  // the address sent with the call
                                ? static_cast<std::uint32_t>(addr - x.cfg.addresses.data())
                                : npos;
    for (std::size_t i = 1; i < t.gateways.size(); ++i) {
        const auto& other = x.cfg.gateways[x.cfg.find(Kind::gateway, t.gateways[i])];
        auto reach = reach_psap(x.c, other, address, !t.elin.empty());
        const std::string& other_psap = psap_id(x.c, other, reach);
        if (other_psap == t.psap) continue;
        x.add("psap", "differs",
              "candidate gateway `" + other.id + "` would reach " +
                  (other_psap.empty() ? "an unknown PSAP" : other_psap) + " (" +
                  explain_psap(x.c, other, reach, t.elin) + ")",
              other.pos.of("emergency_routing"));
    }
}

void explain_psap_check(Explainer& x, bool have_gateway) {
    const Trace& t = x.t;
    const Address* addr = x.address();
    if (!have_gateway) return;
    if (!addr)
        return x.add("psap_check", "unknown", "the caller's real location is unknown, so correctness cannot be judged");
    x.add("psap_check", *t.psap_correct ? "correct" : "wrong",
          t.psap_expected.empty()
              ? "no PSAP in the configuration serves address `" + addr->id + "`"
              : "address `" + addr->id + "` is served by " + join(t.psap_expected, ", ") +
                    (!t.psap_relay             ? ""
                     : x.d.screening.screened ? "; the relay centre screens the call and transfers it to that PSAP"
                                              : "; the relay centre screens and transfers, it is never the right PSAP"));
}

void explain_notification(Explainer& x) {
    const NotificationDecision& d = x.d.notification;
    const Notifications& n = *x.t.notifications;
    const char* result = n.anyone() ? to_string(n.mode) : "nobody";
    if (d.why == NotificationCase::no_policy)
        return x.add("notification", "nobody", "no emergency calling policy applies");
    if (d.why == NotificationCase::sfb_location_policy) {
        const auto& p = x.cfg.location_policies[d.policy];
        return x.add("notification", result,
                     "location policy `" + p.id + "`" + (n.uris.empty() ? "" : "; IM to " + join(n.uris, ", ")) +
                         (n.conference_uri.empty()
                              ? ""
                              : "; conference " + n.conference_uri + " (" + to_string(p.conference_mode) + ")"),
                     p.pos.self);
    }
    const auto& p = x.cfg.emergency_calling_policies[d.policy];
    std::string why = d.extended ? "extended notification for " + d.extended->dial_string + " in policy `" + p.id + "`"
                                 : "policy `" + p.id + "`";
    x.add("notification", result,
          why + (n.group.empty() ? "" : "; chat to " + join(n.group, ", ")) +
              (n.dial_out.empty() ? "" : "; dial-out " + n.dial_out + " (always muted)"),
          d.extended ? d.extended->pos.self : p.pos.self);
}

void explain_pidf(Explainer& x, const Gateway& gw) {
    if (x.d.pidf.sent)
        return x.add("pidf_lo", "sent",
                     "civic address of `" + x.cfg.locations[x.d.placement.location].id +
                         "` in the INVITE (Geolocation: <cid:...>)",
                     gw.pos.of("pidf_lo"));
    x.add("pidf_lo", "none",
          !gw.pidf_lo                       ? "gateway `" + gw.id + "` has PIDF-LO off"
          : x.d.emergency.location_withheld ? "enhanced emergency services are off: no location goes with the call"
                                            : "no location to send");
}

// Calling number, then for emergency calls the PSAP, its check, the notification and the PIDF-LO.
void explain_emergency_call(Explainer& x) {
    std::uint32_t gw = x.d.route.route != npos ? x.d.gateways.primary : npos;
    if (gw != npos) explain_calling_number(x, x.cfg.gateways[gw]);
    if (!x.t.emergency) return;
    if (gw != npos) explain_psap_steps(x, x.cfg.gateways[gw]);
    if (x.d.route.pstn != PstnConnectivity::direct_routing)
        x.add("psap", "unknown",
              "Microsoft or the operator routes the call on the caller's emergency address; which PSAP it reaches "
              "is not modelled");
    if (gw != npos) explain_screening(x, x.cfg.gateways[gw]);
    explain_psap_check(x, gw != npos);
    explain_notification(x);
    if (gw != npos) explain_pidf(x, x.cfg.gateways[gw]);
}

}  // namespace

std::string explain_psap(const Compiled& c, const Gateway& g, const PsapReach& r, const std::string& elin) {
    auto address_id = [&] { return r.address != npos ? c.cfg.addresses[r.address].id : std::string(); };
    switch (r.why) {
        case PsapCase::none:
            return {};
        case PsapCase::location:
            return "location routing: the provider routes on the PIDF-LO civic address `" + address_id() + "`";
        case PsapCase::location_pidf_off:
            return "location routing, but PIDF-LO is off on the gateway: the provider's relay centre (fallback_psap)";
        case PsapCase::location_no_location:
            return "location routing, but no location came with the call: the provider's relay centre "
                   "(fallback_psap)";
        case PsapCase::location_not_validated:
            return "location routing, but the address is not validated: the provider's relay centre (fallback_psap)";
        case PsapCase::elin:
            return "ELIN routing: the PSTN routes on ELIN " + elin + ", registered with address `" + address_id() + "`";
        case PsapCase::elin_without_elin:
            return "ELIN routing without an ELIN: the PSTN routes on the trunk's own address `" + g.address.id + "`";
        case PsapCase::fixed:
            return "fixed routing: the trunk always reaches the PSAP serving its own address `" + g.address.id + "`";
    }
    return {};
}

namespace {
// Bounded: a trace has a few dozen steps; more than that are simply freed.
constexpr std::size_t kSpareSteps = 64;
thread_local std::vector<TraceStep> spare_steps;
}  // namespace

TraceStep& step_at(Trace& t, std::size_t i) {
    if (i < t.trace.size()) return t.trace[i];
    if (spare_steps.empty()) return t.trace.emplace_back();
    t.trace.push_back(std::move(spare_steps.back()));
    spare_steps.pop_back();
    return t.trace.back();
}

void keep_steps(Trace& t, std::size_t count) {
    for (std::size_t i = count; i < t.trace.size() && spare_steps.size() < kSpareSteps; ++i)
        spare_steps.push_back(std::move(t.trace[i]));
    if (count < t.trace.size()) t.trace.resize(count);
}

void explain_steps(const Compiled& c, const Call& call, const Decisions& d, Trace& t) {
    Explainer x{c, c.cfg, call, d, t};
    if (call.caller) explain_placement(x, *call.caller);
    explain_policies(x);
    explain_location_class(x);
    explain_dial_plan(x);
    explain_match(x);
    if (!d.emergency.match) explain_not_emergency(x);
    explain_route(x);
    explain_emergency_call(x);
    keep_steps(t, x.steps);  // the previous row's steps past this row's last
}

}  // namespace e911::detail
