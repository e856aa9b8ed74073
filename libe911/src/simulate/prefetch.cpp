// A batch's look-ahead (decisions.hpp). At L the user index, the subnet and LIS tables and the
// objects they lead to are far larger than the caches: a row's lookups, each waiting for the miss of
// the one before (slot, entry, object), took half of a batch. Started a few rows early, in stages,
// the misses of several rows overlap instead.
#include <algorithm>

#include "simulate/decisions.hpp"

namespace e911::detail {
namespace {

void prefetch_lines(const void* start, std::size_t bytes) {
    const char* p = static_cast<const char*>(start);
    for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(p + at);
}

// Every cache line of `o` before its positions (which no simulation reads).
template <class T>
void prefetch_object(const T& o) {
    prefetch_lines(&o, static_cast<std::size_t>(reinterpret_cast<const char*>(&o.pos) - reinterpret_cast<const char*>(&o)));
}

// Every cache line of `o`, its positions included (a trace's steps name the line behind them).
template <class T>
void prefetch_whole(const T& o) {
    prefetch_lines(&o, sizeof(T));
}

// What a row reads of `o`: the lines before its positions, or all of them when the trace's steps will
// also read the positions.
template <class T>
void prefetch_read(const T& o, bool steps) {
    if (steps) prefetch_whole(o);
    else prefetch_object(o);
}

// The positions of `o`'s fields, once `o` itself is in the cache (Positions::of reads them).
template <class T>
void prefetch_field_positions(const T& o) {
    if (!o.pos.fields.empty()) __builtin_prefetch(o.pos.fields.data());
}

}  // namespace

// Measured with 500k calls on one core (bench/cli_bench --clock cpu, CSV): S (3,400 subnets, LIS
// entries, access points, users and locations) 20 % slower with the look-ahead, M (33,000) 4 % slower,
// L (331,000) 40 % faster. The line lies between M and L.
bool look_ahead_pays(const Compiled& c) {
    const Config& cfg = c.cfg;
    const std::size_t objects = cfg.subnets.size() + cfg.lis_subnets.size() + cfg.wireless_access_points.size() +
                                cfg.users.size() + cfg.locations.size();
    return objects >= 100'000;
}

void look_ahead_keys(const Compiled& c, std::string_view user, std::string_view ip, std::string_view bssid,
                     bool steps, LookAhead& a) {
    a = LookAhead{};
    a.steps = steps;
    a.user = user;
    if (!user.empty()) c.callers().users_by_id.prefetch(user);
    // The first address of "ADDRESS[/LENGTH][ OTHER]", read as setup_caller() reads it; a row it
    // rejects gets nothing prefetched here and its error when it is simulated.
    ip.remove_prefix(std::min(ip.size(), ip.find_first_not_of(" \t")));
    ip = ip.substr(0, ip.find_first_of(" \t"));
    if (!ip.empty()) {
        try {
            a.address = parse_client_address(std::string(ip));
        } catch (const UsageError&) {
        }
    }
    if (a.address) {
        c.subnet_index.prefetch(a.address->ip);
        if (a.address->prefix_length >= 0) c.lis_subnet.prefetch(mask(a.address->ip, a.address->prefix_length));
    }
    if (!bssid.empty())
        if (auto mac = parse_mac(std::string(bssid), false)) a.bssid = mac->value, c.bssid_exact.prefetch(mac->value);
}

void look_ahead_entries(const Compiled& c, LookAhead& a) {
    const auto& tables = c.callers();
    if (!a.user.empty()) a.user_index = tables.users_by_id.guess(a.user);
    if (a.user_index != npos) prefetch_read(c.cfg.users[a.user_index], a.steps);
    if (a.address) {
        a.subnet = c.subnet_index.longest(a.address->ip);
        if (a.subnet != npos) {
            __builtin_prefetch(&tables.subnet_site[a.subnet]);
            if (a.steps) prefetch_whole(c.cfg.subnets[a.subnet]);
        }
        if (a.address->prefix_length >= 0)
            if (auto it = c.lis_subnet.find(mask(a.address->ip, a.address->prefix_length)); it != c.lis_subnet.end()) {
                a.lis_subnet = it->second;
                __builtin_prefetch(&tables.lis_subnet_location[a.lis_subnet]);
                if (a.steps) prefetch_whole(c.cfg.lis_subnets[a.lis_subnet]);
            }
    }
    if (a.bssid)
        if (auto it = c.bssid_exact.find(*a.bssid); it != c.bssid_exact.end()) {
            a.access_point = it->second;
            __builtin_prefetch(&c.cfg.wireless_access_points[a.access_point].location);
        }
}

void look_ahead_objects(const Compiled& c, LookAhead& a) {
    const Config& cfg = c.cfg;
    const auto& tables = c.callers();
    if (a.subnet != npos) a.site = tables.subnet_site[a.subnet];
    if (a.site != npos) prefetch_read(cfg.sites[a.site], a.steps);
    a.location = a.access_point != npos ? cfg.wireless_access_points[a.access_point].location.index
                 : a.lis_subnet != npos ? tables.lis_subnet_location[a.lis_subnet]
                                        : npos;
    if (a.location != npos) prefetch_read(cfg.locations[a.location], a.steps);
    if (a.user_index != npos) {
        const auto& policy = cfg.users[a.user_index].emergency_calling_policy;
        if (policy.resolved()) prefetch_object(cfg.emergency_calling_policies[policy.index]);
    }
}

void look_ahead_details(const Compiled& c, const LookAhead& a) {
    const Config& cfg = c.cfg;
    auto group_of = [&](const Ref& policy) {
        if (!policy.resolved()) return;
        const auto& group = cfg.emergency_calling_policies[policy.index].notification_group;
        if (!group.empty()) __builtin_prefetch(group.data());
    };
    if (a.site != npos) {
        const Site& site = cfg.sites[a.site];
        if (site.emergency_calling_policy.resolved())
            prefetch_object(cfg.emergency_calling_policies[site.emergency_calling_policy.index]);
    }
    if (a.location != npos) {
        const Location& location = cfg.locations[a.location];
        if (!location.elins.empty()) __builtin_prefetch(location.elins.data());
        if (location.address.resolved()) {
            prefetch_object(cfg.addresses[location.address.index]);
            __builtin_prefetch(&c.psaps_serving(location.address.index));
        }
    }
    if (a.user_index != npos) group_of(cfg.users[a.user_index].emergency_calling_policy);
    if (a.steps) {
        if (a.site != npos) prefetch_field_positions(cfg.sites[a.site]);
        if (a.location != npos) prefetch_field_positions(cfg.locations[a.location]);
        if (a.user_index != npos) prefetch_field_positions(cfg.users[a.user_index]);
    }
}

void look_ahead_lists(const Compiled& c, const LookAhead& a) {
    const Config& cfg = c.cfg;
    if (a.location != npos) {
        const Location& location = cfg.locations[a.location];
        if (location.address.resolved()) {
            const auto& psaps = c.psaps_serving(location.address.index);
            if (!psaps.empty()) __builtin_prefetch(psaps.data());
        }
    }
    if (a.user_index == npos) return;
    const Ref& policy = cfg.users[a.user_index].emergency_calling_policy;
    if (!policy.resolved()) return;
    // The group's addresses are copied into every row; most are too long to sit inside their string.
    for (const std::string& member : cfg.emergency_calling_policies[policy.index].notification_group)
        __builtin_prefetch(member.data());
}

}  // namespace e911::detail
