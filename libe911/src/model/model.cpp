#include "e911/model.hpp"

#include <cstring>

namespace e911 {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}
bool parse_severity(const std::string& t, Severity& out) {
    if (t == "info") out = Severity::info;
    else if (t == "warning") out = Severity::warning;
    else if (t == "error") out = Severity::error;
    else return false;
    return true;
}
bool has_errors(const std::vector<Diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.severity == Severity::error) return true;
    return false;
}

const char* to_string(Platform p) { return p == Platform::teams ? "teams" : "sfb"; }
const char* to_string(NotificationMode m) {
    switch (m) {
        case NotificationMode::none: return "none";
        case NotificationMode::notification_only: return "notification_only";
        case NotificationMode::conference_muted: return "conference_muted";
        case NotificationMode::conference_unmuted: return "conference_unmuted";
        case NotificationMode::conference_oneway: return "conference_oneway";
        case NotificationMode::conference_twoway: return "conference_twoway";
    }
    return "none";
}
const char* to_string(LocationRequired l) {
    return l == LocationRequired::no ? "no" : l == LocationRequired::yes ? "yes" : "disclaimer";
}
const char* to_string(ConferenceMode c) { return c == ConferenceMode::oneway ? "oneway" : "twoway"; }
const char* to_string(EmergencyRouting r) {
    return r == EmergencyRouting::location ? "location" : r == EmergencyRouting::elin ? "elin" : "fixed";
}
const char* to_string(SfbClient c) { return c == SfbClient::modern ? "modern" : "legacy"; }

namespace {
const char* kKindNames[] = {"address", "location", "region", "site", "subnet", "trusted_ip", "lis_subnet",
                            "wireless_access_point", "switch", "port", "emergency_calling_policy",
                            "emergency_call_routing_policy", "location_policy", "pstn_usage", "gateway", "route",
                            "routing_policy", "dial_plan", "user", "psap", "waiver", "config"};
}
const char* to_string(Kind k) { return kKindNames[static_cast<int>(k)]; }
bool parse_kind(std::string_view t, Kind& out) {
    for (int i = 0; i <= static_cast<int>(Kind::config); ++i)
        if (t == kKindNames[i]) return out = static_cast<Kind>(i), true;
    return false;
}

SourcePos Positions::of(std::string_view key) const {
    for (const auto& f : fields)
        if (f.first == key) return f.second;
    return self;
}

std::uint32_t Config::find(Kind kind, std::string_view id) const {
    if (kind >= Kind::waiver) return npos;
    const auto& m = index_[static_cast<int>(kind)];
    auto it = m.find(id);
    return it == m.end() ? npos : it->second;
}

const std::string& Config::file_of(const SourcePos& p) const {
    static const std::string none;
    return p.file < files.size() ? files[p.file] : none;
}

std::vector<std::pair<Kind, std::uint32_t>> Config::build_indexes() {
    std::vector<std::pair<Kind, std::uint32_t>> dups;
    auto fill = [&](Kind k, const auto& list, auto key_of) {
        auto& m = index_[static_cast<int>(k)];
        m.clear();
        m.reserve(list.size());
        for (std::uint32_t i = 0; i < list.size(); ++i)
            if (!m.emplace(key_of(list[i]), i).second) dups.emplace_back(k, i);
    };
    auto by_id = [](const auto& o) { return o.id; };
    fill(Kind::address, addresses, by_id);
    fill(Kind::location, locations, by_id);
    fill(Kind::region, regions, by_id);
    fill(Kind::site, sites, by_id);
    fill(Kind::subnet, subnets, [](const Subnet& s) { return s.key(); });
    fill(Kind::trusted_ip, trusted_ips, [](const TrustedIp& t) { return t.prefix.to_string(); });
    fill(Kind::lis_subnet, lis_subnets, [](const LisSubnet& s) { return s.network_id.to_string(); });
    fill(Kind::wireless_access_point, wireless_access_points, [](const WirelessAccessPoint& w) { return w.bssid.to_string(); });
    fill(Kind::switch_, switches, [](const Switch& s) { return s.chassis_id; });
    fill(Kind::port, ports, [](const Port& p) { return p.key(); });
    fill(Kind::emergency_calling_policy, emergency_calling_policies, by_id);
    fill(Kind::emergency_call_routing_policy, emergency_call_routing_policies, by_id);
    fill(Kind::location_policy, location_policies, by_id);
    fill(Kind::pstn_usage, pstn_usages, by_id);
    fill(Kind::gateway, gateways, by_id);
    fill(Kind::route, routes, by_id);
    fill(Kind::routing_policy, routing_policies, by_id);
    fill(Kind::dial_plan, dial_plans, by_id);
    fill(Kind::user, users, by_id);
    fill(Kind::psap, psaps, by_id);

    auto res = [&](Ref& r, Kind k) { r.index = r.set() ? find(k, r.id) : npos; };
    for (auto& l : locations) res(l.address, Kind::address);
    for (auto& s : sites) {
        res(s.region, Kind::region);
        res(s.emergency_calling_policy, Kind::emergency_calling_policy);
        res(s.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        res(s.location_policy, Kind::location_policy);
    }
    for (auto& s : subnets) res(s.site, Kind::site);
    for (auto& s : lis_subnets) res(s.location, Kind::location);
    for (auto& w : wireless_access_points) res(w.location, Kind::location), res(w.site, Kind::site);
    for (auto& s : switches) res(s.location, Kind::location), res(s.site, Kind::site);
    for (auto& p : ports) res(p.location, Kind::location), res(p.site, Kind::site);
    for (auto& p : emergency_call_routing_policies)
        for (auto& n : p.numbers) res(n.pstn_usage, Kind::pstn_usage);
    for (auto& p : location_policies) res(p.pstn_usage, Kind::pstn_usage);
    for (auto& g : gateways) {
        res(g.address, Kind::address);
        res(g.fallback_psap, Kind::psap);
    }
    for (auto& r : routes) {
        for (auto& u : r.pstn_usages) res(u, Kind::pstn_usage);
        for (auto& g : r.gateways) res(g, Kind::gateway);
    }
    for (auto& p : routing_policies)
        for (auto& u : p.pstn_usages) res(u, Kind::pstn_usage);
    for (auto& u : users) {
        res(u.emergency_calling_policy, Kind::emergency_calling_policy);
        res(u.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        res(u.location_policy, Kind::location_policy);
        res(u.routing_policy, Kind::routing_policy);
        res(u.dial_plan, Kind::dial_plan);
    }
    return dups;
}

}  // namespace e911
