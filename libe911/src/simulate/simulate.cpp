// The call simulator: the decision stages in the order the platform takes them, each filling its
// typed decision and the result fields of the Trace. Explanations are rendered afterwards
// (explain.cpp) and only when asked for. Where the platforms leave room, the choice is ours and
// the trace says so.
#include <algorithm>

#include "simulate/decisions.hpp"

namespace e911 {

const char* to_string(Outcome o) {
    switch (o) {
        case Outcome::routed:
            return "routed";
        case Outcome::no_route:
            return "no_route";
        case Outcome::not_enabled:
            return "not_enabled";
        case Outcome::not_emergency_routed:
            return "not_emergency_routed";
        case Outcome::not_emergency_no_route:
            return "not_emergency_no_route";
    }
    return "no_route";
}

const char* to_string(LocationSource s) {
    switch (s) {
        case LocationSource::none:
            return "none";
        case LocationSource::wireless_access_point:
            return "wireless_access_point";
        case LocationSource::port:
            return "port";
        case LocationSource::switch_:
            return "switch";
        case LocationSource::lis_subnet:
            return "lis_subnet";
    }
    return "none";
}

Simulator::Simulator(const Config& config) : compiled_(std::make_unique<detail::Compiled>(config)) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;
const Config& Simulator::config() const { return compiled_->cfg; }

Trace Simulator::simulate(const Caller& caller) const { return simulate(caller, Explain::steps); }

Trace Simulator::simulate(const Caller& caller, Explain explain) const {
    const auto& c = *compiled_;
    auto setup = detail::setup_caller(c, caller);
    detail::Call call{setup.user, setup.platform, setup.client, &caller.dialed, &setup, nullptr, &setup.conditions};
    return detail::simulate_placed(c, call, detail::place(c, setup), explain);
}

namespace detail {
namespace {

// Empties a Trace but keeps its strings' and vectors' storage, so a batch reusing one Trace does
// not allocate for every call. A trace about to be explained step by step keeps its steps for
// explain_steps to overwrite (step_at); it empties them itself when it ends.
void reset(Trace& t, bool explaining_steps) {
    for (std::string* s : {&t.dialed, &t.normalized, &t.dial_string, &t.user, &t.site, &t.location, &t.address,
                           &t.policies.emergency_calling, &t.policies.emergency_call_routing, &t.policies.location,
                           &t.policies.routing, &t.policies.dial_plan, &t.pstn_usage, &t.route, &t.calling_number,
                           &t.elin, &t.psap, &t.psap_reason, &t.pidf_lo})
        s->clear();
    t.gateways.clear();
    t.psap_expected.clear();
    if (!explaining_steps) recycle_steps(t);
    t.gateways_down.clear();
    t.emergency = false;
    t.psap_relay = false;
    t.location_source = LocationSource::none;
    t.trusted.reset();
    t.psap_correct.reset();
    t.pstn.reset();
    t.location_class = LocationClass::none;
    t.screened = false;
    if (t.notifications) {
        auto& n = *t.notifications;
        n.mode = NotificationMode::none, n.group.clear(), n.dial_out.clear(), n.uris.clear(), n.conference_uri.clear();
    }
}

// Placement and the policies that do not depend on the number, into the Trace.
void fill_placement(Trace& t, const Compiled& c, const Call& call, const Decisions& d) {
    const Config& cfg = c.cfg;
    const Placement& pl = d.placement;
    t.dialed = *call.dialed;
    t.platform = call.platform;
    t.trusted = pl.trusted;
    // A user the caller named was found by exactly that id, and the caller's copy is in the cache.
    if (call.user) t.user = call.caller && call.caller->user == call.user ? call.caller->text->user : call.user->id;
    if (pl.site != npos) t.site = cfg.sites[pl.site].id;
    if (pl.location != npos) {
        const Location& loc = cfg.locations[pl.location];
        t.location = loc.id;
        t.location_source = pl.location_source;
        if (loc.address.resolved()) t.address = cfg.addresses[loc.address.index].id;
    } else if (pl.address != npos) {
        t.address = cfg.addresses[pl.address].id;  // a client's or static address without a location
    }
    t.location_class = pl.location_class;
    const Policies& p = d.policies;
    if (p.emergency_calling.index != npos)
        t.policies.emergency_calling = cfg.emergency_calling_policies[p.emergency_calling.index].id;
    if (p.location.index != npos) t.policies.location = cfg.location_policies[p.location.index].id;
    if (p.routing.index != npos) t.policies.routing = cfg.routing_policies[p.routing.index].id;
    if (p.dial_plan.index != npos) t.policies.dial_plan = cfg.dial_plans[p.dial_plan.index].id;
}

void fill_route(Trace& t, const Compiled& c, const Decisions& d) {
    const Config& cfg = c.cfg;
    const EmergencyDecision& e = d.emergency;
    t.emergency = e.match.has_value();
    if (e.match) t.dial_string = e.match->dial_string;
    if (e.routing_policy != npos)
        t.policies.emergency_call_routing = cfg.emergency_call_routing_policies[e.routing_policy].id;
    if (d.route.usage != npos) t.pstn_usage = cfg.pstn_usages[d.route.usage].id;
    // Calling Plan / Operator Connect calls are carried by Microsoft or the operator: routed, with no route.
    bool routed = d.route.route != npos || d.route.pstn != PstnConnectivity::direct_routing;
    if (t.platform == Platform::teams) t.pstn = d.route.pstn;
    if (d.route.route != npos) t.route = cfg.routes[d.route.route].id;
    for (const auto& skip : d.route.down) t.gateways_down.push_back(cfg.gateways[skip.gateway].id);
    if (e.not_enabled)
        t.outcome = Outcome::not_enabled;
    else if (t.emergency)
        t.outcome = routed ? Outcome::routed : Outcome::no_route;
    else
        t.outcome = routed ? Outcome::not_emergency_routed : Outcome::not_emergency_no_route;
}

// PSAP reached (on the address sent with the call) and expected (for the caller's real address).
void fill_psap(Trace& t, const Compiled& c, std::uint32_t gw, std::uint32_t address, std::uint32_t sent,
               PsapDecision& d) {
    const Config& cfg = c.cfg;
    if (gw != npos) {
        d.reach = reach_psap(c, cfg.gateways[gw], sent, !t.elin.empty());
        t.psap = psap_id(c, cfg.gateways[gw], d.reach);
        // reach_psap's index names the same PSAP as the id (an undefined fallback_psap: npos), without a lookup.
        auto pidx = d.reach.psap;
        d.relay = t.psap_relay = pidx != npos && cfg.psaps[pidx].relay;
    }
    if (address == npos) return;
    for (auto i : c.psaps_serving(address)) t.psap_expected.push_back(cfg.psaps[i].id);
    if (gw == npos) return;
    bool expected = std::find(t.psap_expected.begin(), t.psap_expected.end(), t.psap) != t.psap_expected.end();
    d.correct = t.psap_correct = expected && !t.psap_relay;
}

// The location that goes with the call: none when enhanced emergency services are off (domain §5).
std::uint32_t sent_location(const Decisions& d) {
    return d.emergency.location_withheld ? npos : d.placement.location;
}

void fill_emergency_call(Trace& t, const Compiled& c, const Call& call, Decisions& d, std::uint32_t gw) {
    std::uint32_t loc = d.placement.location;
    std::uint32_t address = d.placement.address;
    if (loc != npos && c.cfg.locations[loc].address.resolved()) address = c.cfg.locations[loc].address.index;
    std::uint32_t sent_address = d.emergency.location_withheld ? npos : address;
    fill_psap(t, c, gw, address, sent_address, d.psap);
    apply_screening(t, c, call.user, gw, sent_address, d);
    Notifications& n = t.notifications ? *t.notifications : t.notifications.emplace();
    d.notification = notify(c, call.platform, d.policies, t.dial_string, n);
    d.pidf = decide_pidf(c, gw, sent_location(d), d.placement.location_source);
}

}  // namespace

void simulate_placed_into(Trace& t, Decisions& d, const Compiled& c, const Call& call, Placement pl, Explain explain) {
    static const Conditions normal;
    const Conditions& when = call.conditions ? *call.conditions : normal;
    reset(t, explain == Explain::steps);
    d = Decisions{};
    d.placement = pl;
    d.policies = resolve_policies(c, call.user, call.platform, pl.site);
    classify_location(c, call.user, call.caller, d.policies, d.placement);
    fill_placement(t, c, call, d);
    d.dial_plan = apply_dial_plan(c, d.policies, *call.dialed, t.normalized);
    d.emergency =
        recognise_emergency(c, call.user, call.platform, call.client, pl, d.policies, *call.dialed, t.normalized);
    d.route = choose_route(c, call.platform, d.policies, d.emergency, t.normalized, when, t.gateways, d.gateways);
    fill_route(t, c, d);
    std::uint32_t gw = d.route.route != npos ? d.gateways.primary : npos;
    if (call.user && !call.user->phone_number.empty()) t.calling_number = call.user->phone_number;
    d.calling_number = choose_calling_number(c, t.emergency, gw, sent_location(d));
    if (const auto* elins = d.calling_number.elins) {
        t.elin = call.pick_elin && *call.pick_elin ? (*call.pick_elin)(*elins) : elins->front();
        t.calling_number = t.elin;
    }
    if (t.emergency)
        fill_emergency_call(t, c, call, d, gw);
    else
        t.notifications.reset();
    if (explain == Explain::none) return;
    if (t.emergency && gw != npos) {
        t.psap_reason = explain_psap(c, c.cfg.gateways[gw], d.psap.reach, t.elin);
        if (t.psap.empty()) t.psap_reason += "; no PSAP in the configuration serves that address";
        if (d.screening.screened) t.psap_reason += explain_screening_reason(c, d);
    }
    if (explain != Explain::steps) return;
    if (d.pidf.sent && call.pidf) {
        const Gateway& g = c.cfg.gateways[gw];
        // Into the Trace's own string (empty after reset()), so a reused Trace keeps its storage.
        append_pidf(t.pidf_lo, c.cfg, sent_location(d),
                    call.platform == Platform::sfb && g.emergency_routing == EmergencyRouting::elin,
                    call.user ? std::string_view(call.user->id) : std::string_view(c.cfg.locations[d.placement.location].id),
                    call.user ? "" : "@location.invalid", d.pidf.method, call.platform == Platform::teams);
    }
    explain_steps(c, call, d, t);
}

Trace simulate_placed(const Compiled& c, const Call& call, Placement placement, Explain explain) {
    Trace t;
    Decisions d;
    simulate_placed_into(t, d, c, call, placement, explain);
    return t;
}

}  // namespace detail
}  // namespace e911
