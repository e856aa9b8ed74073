#include "compile/policy.hpp"

#include <algorithm>

#include "util/text_util.hpp"

namespace e911::detail {

namespace {
PolicyChoice pick(const Ref* site_ref, const User* user, const Ref* user_ref, std::uint32_t global) {
    if (site_ref && site_ref->resolved()) return {site_ref->index, PolicySource::site};
    if (user && user_ref && user_ref->resolved()) return {user_ref->index, PolicySource::user};
    if (global != npos) return {global, PolicySource::global};
    return {};
}
}  // namespace

std::string describe(const Config& cfg, const PolicyChoice& p, std::uint32_t site, const User* user) {
    switch (p.from) {
        case PolicySource::site: return site != npos ? "site " + cfg.sites[site].id : "site";
        case PolicySource::user: return user ? "user " + user->id : "user";
        case PolicySource::global: return "global";
        case PolicySource::none: break;
    }
    return {};
}

PolicyChoice effective_ecp(const Compiled& c, std::uint32_t site, const User* user) {
    return pick(site != npos ? &c.cfg.sites[site].emergency_calling_policy : nullptr, user, user ? &user->emergency_calling_policy : nullptr,
                c.global_ecp);
}
PolicyChoice user_ecrp(const Compiled& c, const User* user) {
    return pick(nullptr, user, user ? &user->emergency_call_routing_policy : nullptr, c.global_ecrp);
}
PolicyChoice site_ecrp(const Compiled& c, std::uint32_t site) {
    if (site != npos && c.cfg.sites[site].emergency_call_routing_policy.resolved())
        return {c.cfg.sites[site].emergency_call_routing_policy.index, PolicySource::site};
    return {};
}
PolicyChoice effective_lp(const Compiled& c, std::uint32_t site, const User* user) {
    return pick(site != npos ? &c.cfg.sites[site].location_policy : nullptr, user, user ? &user->location_policy : nullptr, c.global_lp);
}
PolicyChoice effective_routing_policy(const Compiled& c, const User* user) {
    return pick(nullptr, user, user ? &user->routing_policy : nullptr, c.global_rp);
}
PolicyChoice effective_dial_plan(const Compiled& c, const User* user) {
    return pick(nullptr, user, user ? &user->dial_plan : nullptr, c.global_dp);
}

std::vector<DialEntry> dial_entries(const EmergencyCallRoutingPolicy& p) {
    std::vector<DialEntry> r;
    for (std::uint32_t i = 0; i < p.numbers.size(); ++i) {
        r.push_back({p.numbers[i].dial_string, p.numbers[i].dial_string, false, i});
        for (const auto& m : p.numbers[i].dial_masks) r.push_back({m, p.numbers[i].dial_string, true, i});
    }
    return r;
}

std::vector<DialEntry> dial_entries(const LocationPolicy& p, SfbClient client) {
    std::vector<DialEntry> r;
    if (client == SfbClient::modern && !p.numbers.empty()) {
        for (std::uint32_t i = 0; i < p.numbers.size(); ++i) {
            r.push_back({p.numbers[i].dial_string, p.numbers[i].dial_string, false, i});
            for (const auto& m : p.numbers[i].dial_masks) r.push_back({m, p.numbers[i].dial_string, true, i});
        }
        return r;
    }
    if (!p.dial_string.empty()) {
        r.push_back({p.dial_string, p.dial_string, false, npos});
        for (const auto& m : p.dial_masks) r.push_back({m, p.dial_string, true, npos});
    }
    return r;
}

namespace {
// A dial string beats a mask that happens to equal it (lint flags the collision). No allocation:
// this runs once per simulated call.
std::optional<NumberMatch> match_in(const std::vector<EmergencyNumber>& numbers, const std::string& digits) {
    for (std::uint32_t i = 0; i < numbers.size(); ++i)
        if (numbers[i].dial_string == digits) return NumberMatch{numbers[i].dial_string, digits, false, i};
    for (std::uint32_t i = 0; i < numbers.size(); ++i)
        for (const auto& m : numbers[i].dial_masks)
            if (m == digits) return NumberMatch{numbers[i].dial_string, digits, true, i};
    return std::nullopt;
}
}  // namespace

std::optional<NumberMatch> match_number(const EmergencyCallRoutingPolicy& p, const std::string& digits) { return match_in(p.numbers, digits); }
std::optional<NumberMatch> match_number(const LocationPolicy& p, const std::string& digits, SfbClient client) {
    if (client == SfbClient::modern && !p.numbers.empty()) return match_in(p.numbers, digits);
    if (p.dial_string.empty()) return std::nullopt;
    if (p.dial_string == digits) return NumberMatch{p.dial_string, digits, false, npos};
    for (const auto& m : p.dial_masks)
        if (m == digits) return NumberMatch{p.dial_string, digits, true, npos};
    return std::nullopt;
}

const std::string& site_country(const Compiled& c, std::uint32_t site) { return *c.site_countries[site]; }

const std::string& country_of_site(const Compiled& c, std::uint32_t site) {
    const auto& s = c.cfg.sites[site];
    if (!s.country.empty()) return s.country;
    for (const auto& sl : c.site_locations[site]) {
        const auto& loc = c.cfg.locations[sl.location];
        if (loc.address.resolved() && !c.cfg.addresses[loc.address.index].country.empty()) return c.cfg.addresses[loc.address.index].country;
    }
    return c.cfg.defaults.country;
}

const std::string& user_country(const Compiled& c, const User& u) { return c.cfg.country_or_default(u.country); }

}  // namespace e911::detail

namespace e911::detail {
TeamsNotification teams_notification(const EmergencyCallingPolicy& p, const std::string& dial_string) {
    static const std::string none;
    static const std::vector<std::string> nobody;
    TeamsNotification n{p.notification_mode, &p.notification_group, &p.notification_dial_out, nullptr};
    for (const auto& e : p.extended_notifications) {
        if (e.dial_string != dial_string) continue;
        // Replaces, never inherits. A group without a mode is notified by chat (our rule: the
        // cmdlet documents no default mode for an extended notification).
        n.group = e.notification_group ? &*e.notification_group : &nobody;
        n.dial_out = e.notification_dial_out ? &*e.notification_dial_out : &none;
        bool someone = !n.group->empty() || !n.dial_out->empty();
        n.mode = e.notification_mode ? *e.notification_mode
                 : someone           ? NotificationMode::notification_only
                                     : NotificationMode::none;
        n.extended = &e;
        break;  // dial strings of extended notifications are unique (Microsoft)
    }
    if (n.mode == NotificationMode::notification_only) n.dial_out = &none;
    if (n.mode == NotificationMode::none) n.group = &nobody, n.dial_out = &none;
    return n;
}
}  // namespace e911::detail
