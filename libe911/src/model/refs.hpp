// Every reference in the model, visited in one place: dangling-reference diagnostics and the
// unused-object rule both walk references, and must agree on what refers to what.
#pragma once
#include <string>

#include "e911/model.hpp"

namespace e911::detail {

struct RefVisit {
    Kind owner_kind;
    std::string owner_id;
    const Positions* owner_pos;
    const char* field;
    const Ref* ref;
    Kind target;
};

template <class F>
void for_each_ref(const Config& c, F&& f) {
    auto one = [&](Kind ok, const std::string& oid, const Positions& p, const char* field, const Ref& r, Kind t) {
        if (r.set()) f(RefVisit{ok, oid, &p, field, &r, t});
    };
    for (const auto& l : c.locations) one(Kind::location, l.id, l.pos, "address", l.address, Kind::address);
    for (const auto& s : c.sites) {
        one(Kind::site, s.id, s.pos, "region", s.region, Kind::region);
        one(Kind::site, s.id, s.pos, "emergency_calling_policy", s.emergency_calling_policy, Kind::emergency_calling_policy);
        one(Kind::site, s.id, s.pos, "emergency_call_routing_policy", s.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        one(Kind::site, s.id, s.pos, "location_policy", s.location_policy, Kind::location_policy);
    }
    for (const auto& s : c.subnets) one(Kind::subnet, s.key(), s.pos, "site", s.site, Kind::site);
    for (const auto& s : c.lis_subnets) one(Kind::lis_subnet, s.network_id.to_string(), s.pos, "location", s.location, Kind::location);
    for (const auto& w : c.wireless_access_points) {
        one(Kind::wireless_access_point, w.bssid.to_string(), w.pos, "location", w.location, Kind::location);
        one(Kind::wireless_access_point, w.bssid.to_string(), w.pos, "site", w.site, Kind::site);
    }
    for (const auto& s : c.switches) {
        one(Kind::switch_, s.chassis_id, s.pos, "location", s.location, Kind::location);
        one(Kind::switch_, s.chassis_id, s.pos, "site", s.site, Kind::site);
    }
    for (const auto& p : c.ports) {
        one(Kind::port, p.key(), p.pos, "location", p.location, Kind::location);
        one(Kind::port, p.key(), p.pos, "site", p.site, Kind::site);
    }
    for (const auto& p : c.emergency_call_routing_policies)
        for (const auto& n : p.numbers) one(Kind::emergency_call_routing_policy, p.id, n.pos, "pstn_usage", n.pstn_usage, Kind::pstn_usage);
    for (const auto& p : c.location_policies) one(Kind::location_policy, p.id, p.pos, "pstn_usage", p.pstn_usage, Kind::pstn_usage);
    for (const auto& g : c.gateways) {
        one(Kind::gateway, g.id, g.pos, "address", g.address, Kind::address);
        one(Kind::gateway, g.id, g.pos, "fallback_psap", g.fallback_psap, Kind::psap);
    }
    for (const auto& r : c.routes) {
        for (const auto& u : r.pstn_usages) one(Kind::route, r.id, r.pos, "pstn_usages", u, Kind::pstn_usage);
        for (const auto& g : r.gateways) one(Kind::route, r.id, r.pos, "gateways", g, Kind::gateway);
    }
    for (const auto& p : c.routing_policies)
        for (const auto& u : p.pstn_usages) one(Kind::routing_policy, p.id, p.pos, "pstn_usages", u, Kind::pstn_usage);
    for (const auto& u : c.users) {
        one(Kind::user, u.id, u.pos, "emergency_calling_policy", u.emergency_calling_policy, Kind::emergency_calling_policy);
        one(Kind::user, u.id, u.pos, "emergency_call_routing_policy", u.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        one(Kind::user, u.id, u.pos, "location_policy", u.location_policy, Kind::location_policy);
        one(Kind::user, u.id, u.pos, "routing_policy", u.routing_policy, Kind::routing_policy);
        one(Kind::user, u.id, u.pos, "dial_plan", u.dial_plan, Kind::dial_plan);
    }
}

}  // namespace e911::detail
