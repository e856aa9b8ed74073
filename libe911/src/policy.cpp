#include "policy.hpp"

#include <algorithm>

#include "text_util.hpp"

namespace e911::detail {

namespace {
PolicyChoice pick(std::uint32_t site_idx, const Ref* site_ref, const User* user, const Ref* user_ref, std::uint32_t global,
                  const Config& cfg) {
    if (site_ref && site_ref->resolved()) return {site_ref->index, "site " + cfg.sites[site_idx].id};
    if (user && user_ref && user_ref->resolved()) return {user_ref->index, "user " + user->id};
    if (global != npos) return {global, "global"};
    return {};
}
}  // namespace

PolicyChoice effective_ecp(const Compiled& c, std::uint32_t site, const User* user) {
    return pick(site, site != npos ? &c.cfg.sites[site].emergency_calling_policy : nullptr, user,
                user ? &user->emergency_calling_policy : nullptr, c.global_ecp, c.cfg);
}
PolicyChoice user_ecrp(const Compiled& c, const User* user) {
    return pick(npos, nullptr, user, user ? &user->emergency_call_routing_policy : nullptr, c.global_ecrp, c.cfg);
}
PolicyChoice site_ecrp(const Compiled& c, std::uint32_t site) {
    if (site != npos && c.cfg.sites[site].emergency_call_routing_policy.resolved())
        return {c.cfg.sites[site].emergency_call_routing_policy.index, "site " + c.cfg.sites[site].id};
    return {};
}
PolicyChoice effective_lp(const Compiled& c, std::uint32_t site, const User* user) {
    return pick(site, site != npos ? &c.cfg.sites[site].location_policy : nullptr, user, user ? &user->location_policy : nullptr,
                c.global_lp, c.cfg);
}
PolicyChoice effective_routing_policy(const Compiled& c, const User* user) {
    return pick(npos, nullptr, user, user ? &user->routing_policy : nullptr, c.global_rp, c.cfg);
}
PolicyChoice effective_dial_plan(const Compiled& c, const User* user) {
    return pick(npos, nullptr, user, user ? &user->dial_plan : nullptr, c.global_dp, c.cfg);
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
std::optional<NumberMatch> match_in(const std::vector<DialEntry>& entries, const std::string& digits) {
    // A dial string beats a mask that happens to equal it (lint flags the collision).
    for (const auto& e : entries)
        if (!e.is_mask && e.digits == digits) return NumberMatch{e.dial_string, e.digits, false, e.number};
    for (const auto& e : entries)
        if (e.is_mask && e.digits == digits) return NumberMatch{e.dial_string, e.digits, true, e.number};
    return std::nullopt;
}
}  // namespace

std::optional<NumberMatch> match_number(const EmergencyCallRoutingPolicy& p, const std::string& digits) {
    return match_in(dial_entries(p), digits);
}
std::optional<NumberMatch> match_number(const LocationPolicy& p, const std::string& digits, SfbClient client) {
    return match_in(dial_entries(p, client), digits);
}

std::string site_country(const Compiled& c, std::uint32_t site) {
    const auto& s = c.cfg.sites[site];
    if (!s.country.empty()) return s.country;
    for (const auto& sl : c.site_locations[site]) {
        const auto& loc = c.cfg.locations[sl.location];
        if (loc.address.resolved() && !c.cfg.addresses[loc.address.index].country.empty()) return c.cfg.addresses[loc.address.index].country;
    }
    return c.cfg.defaults.country;
}

std::string user_country(const Compiled& c, const User& u) { return c.cfg.country_or_default(u.country); }

}  // namespace e911::detail

namespace e911::detail {
int psap_match(const Config& cfg, const Psap& psap, const Address& a) {
    if (psap.relay) return -1;
    int best = -1;
    for (const auto& area : psap.serves) {
        bool all = !area.keys.empty();
        for (const auto& [k, v] : area.keys) {
            const std::string& av = k == "country" ? cfg.country_or_default(a.country)
                                  : k == "state"   ? a.state
                                  : k == "county"  ? a.county
                                  : k == "city"    ? a.city
                                                   : a.postal_code;
            all = all && iequals(av, v);
        }
        if (all) best = std::max(best, static_cast<int>(area.keys.size()));
    }
    return best;
}

std::vector<std::uint32_t> psaps_serving(const Config& cfg, const Address& a) {
    std::vector<std::uint32_t> r;
    int best = -1;
    for (std::uint32_t i = 0; i < cfg.psaps.size(); ++i) {
        int m = psap_match(cfg, cfg.psaps[i], a);
        if (m < 0 || m < best) continue;
        if (m > best) r.clear(), best = m;
        r.push_back(i);
    }
    return r;
}
}  // namespace e911::detail
