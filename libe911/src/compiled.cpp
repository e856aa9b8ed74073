#include "compiled.hpp"

#include <phonenumbers/shortnumberinfo.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>

namespace e911::detail {

void PrefixTrie::insert(const IpPrefix& p, std::uint32_t value) {
    std::uint32_t n = 0;
    for (int i = 0; i < p.length; ++i) {
        int b = p.network.bit(i) ? 1 : 0;
        if (nodes_[n].child[b] == npos) {
            nodes_[n].child[b] = static_cast<std::uint32_t>(nodes_.size());
            nodes_.emplace_back();
        }
        n = nodes_[n].child[b];
    }
    if (nodes_[n].value == npos) nodes_[n].value = value;
}

void PrefixTrie::containing(const IpAddress& a, std::vector<std::uint32_t>& out) const {
    std::uint32_t n = 0;
    for (int i = 0;; ++i) {
        if (nodes_[n].value != npos) out.push_back(nodes_[n].value);
        if (i >= a.bits()) break;
        std::uint32_t next = nodes_[n].child[a.bit(i) ? 1 : 0];
        if (next == npos) break;
        n = next;
    }
}

std::uint32_t PrefixTrie::longest(const IpAddress& a) const {
    std::uint32_t n = 0, best = npos;
    for (int i = 0;; ++i) {
        if (nodes_[n].value != npos) best = nodes_[n].value;
        if (i >= a.bits()) break;
        std::uint32_t next = nodes_[n].child[a.bit(i) ? 1 : 0];
        if (next == npos) break;
        n = next;
    }
    return best;
}

std::size_t IpKeyHash::operator()(const IpAddress& a) const noexcept {
    std::uint64_t h = 1469598103934665603ull ^ (a.v6 ? 1 : 0);
    for (auto b : a.bytes) h = (h ^ b) * 1099511628211ull;
    return static_cast<std::size_t>(h);
}

Pattern::Pattern(const std::string& text) {
    try {
        re_.emplace(text, boost::regex::perl);
    } catch (const std::exception& e) {
        error_ = e.what();
    }
}

PatternMatch Pattern::search(const std::string& input) const {
    PatternMatch r;
    if (!re_) {
        r.failed = true;
        r.error = error_;
        return r;
    }
    try {
        r.matched = boost::regex_search(input, *re_);
    } catch (const std::exception& e) {  // Boost's complexity limit ("too much memory / time")
        r.failed = true;
        r.error = e.what();
    }
    return r;
}

std::optional<std::string> Pattern::replace(const std::string& input, const std::string& translation, std::string* error) const {
    if (!re_) {
        if (error) *error = error_;
        return std::nullopt;
    }
    try {
        if (!boost::regex_search(input, *re_)) return std::nullopt;
        return boost::regex_replace(input, *re_, translation, boost::format_perl);
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
}

Compiled::Compiled(const Config& c) : cfg(c) {
    for (std::uint32_t i = 0; i < c.subnets.size(); ++i) {
        const auto& s = c.subnets[i];
        (s.prefix.network.v6 ? v6 : v4).insert(s.prefix, i);
        subnet_exact.emplace(s.key(), i);
    }
    lis_subnet.reserve(c.lis_subnets.size());
    for (std::uint32_t i = 0; i < c.lis_subnets.size(); ++i) lis_subnet.emplace(c.lis_subnets[i].network_id, i);
    for (std::uint32_t i = 0; i < c.wireless_access_points.size(); ++i) {
        const auto& m = c.wireless_access_points[i].bssid;
        if (m.wildcard_digits == 0) bssid_exact.emplace(m.value, i);
        else if (m.wildcard_digits == 1) bssid_wild1.emplace(m.value >> 4, i);
        else bssid_wild2.emplace(m.value >> 8, i);
    }
    for (std::uint32_t i = 0; i < c.switches.size(); ++i) switch_by_chassis.emplace(c.switches[i].chassis_id, i);
    for (std::uint32_t i = 0; i < c.ports.size(); ++i) port_by_key.emplace(c.ports[i].key(), i);

    site_locations.resize(c.sites.size());
    for (std::uint32_t i = 0; i < c.lis_subnets.size(); ++i) {
        const auto& l = c.lis_subnets[i];
        if (!l.location.resolved()) continue;
        std::vector<std::uint32_t> subs;
        (l.network_id.v6 ? v6 : v4).containing(l.network_id, subs);
        if (subs.empty()) continue;
        const auto& site = c.subnets[subs.back()].site;  // the most specific subnet decides the site
        if (site.resolved()) site_locations[site.index].push_back({l.location.index, Kind::lis_subnet, i});
    }
    auto tagged = [&](const auto& list, Kind k) {
        for (std::uint32_t i = 0; i < list.size(); ++i)
            if (list[i].site.resolved() && list[i].location.resolved())
                site_locations[list[i].site.index].push_back({list[i].location.index, k, i});
    };
    tagged(c.wireless_access_points, Kind::wireless_access_point);
    tagged(c.switches, Kind::switch_);
    tagged(c.ports, Kind::port);

    route_patterns.reserve(c.routes.size());
    for (const auto& r : c.routes) route_patterns.emplace_back(r.number_pattern);
    usage_routes.resize(c.pstn_usages.size());
    for (std::uint32_t i = 0; i < c.routes.size(); ++i)
        for (const auto& u : c.routes[i].pstn_usages)
            if (u.resolved()) usage_routes[u.index].push_back(i);
    for (auto& list : usage_routes)
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) { return c.routes[a].priority < c.routes[b].priority; });

    for (const auto& dp : c.dial_plans) {
        std::vector<Pattern> pats;
        for (const auto& r : dp.rules) pats.emplace_back(r.pattern);
        dial_rule_patterns.push_back(std::move(pats));
        std::vector<std::uint32_t> order(dp.rules.size());
        std::iota(order.begin(), order.end(), 0u);
        // SfB rules carry priorities (lowest wins); Teams rules are tried in list order.
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return dp.rules[a].priority.value_or(0) < dp.rules[b].priority.value_or(0);
        });
        dial_rule_order.push_back(std::move(order));
    }

    global_ecp = c.find(Kind::emergency_calling_policy, "global");
    global_ecrp = c.find(Kind::emergency_call_routing_policy, "global");
    global_lp = c.find(Kind::location_policy, "global");
    global_rp = c.find(Kind::routing_policy, "global");
    global_dp = c.find(Kind::dial_plan, "global");
}

std::vector<std::uint32_t> Compiled::subnets_containing(const IpAddress& a) const {
    std::vector<std::uint32_t> r;
    (a.v6 ? v6 : v4).containing(a, r);
    return r;
}

std::uint32_t Compiled::find_bssid(const MacAddress& m, bool* wildcard) const {
    if (wildcard) *wildcard = false;
    if (auto it = bssid_exact.find(m.value); it != bssid_exact.end()) return it->second;
    if (wildcard) *wildcard = true;
    if (auto it = bssid_wild1.find(m.value >> 4); it != bssid_wild1.end()) return it->second;
    if (auto it = bssid_wild2.find(m.value >> 8); it != bssid_wild2.end()) return it->second;
    if (wildcard) *wildcard = false;
    return npos;
}

std::vector<std::uint32_t> Compiled::matching_routes(std::uint32_t usage, const std::string& number) const {
    std::vector<std::uint32_t> r;
    if (usage >= usage_routes.size()) return r;
    for (auto idx : usage_routes[usage])
        if (route_patterns[idx].search(number).matched) r.push_back(idx);
    return r;
}

const std::vector<std::string>& emergency_numbers(const std::string& country) {
    static std::mutex mu;
    static std::map<std::string, std::vector<std::string>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(country);
    if (it != cache.end()) return it->second;
    std::vector<std::string> found;
    if (country.size() == 2) {
        static const i18n::phonenumbers::ShortNumberInfo info;
        for (int len = 1; len <= 4; ++len) {
            int limit = 1;
            for (int i = 0; i < len; ++i) limit *= 10;
            for (int n = 0; n < limit; ++n) {
                std::string s = std::to_string(n);
                s.insert(0, static_cast<std::size_t>(len) - s.size(), '0');
                if (info.IsEmergencyNumber(s, country)) found.push_back(s);
            }
        }
    }
    return cache.emplace(country, std::move(found)).first->second;
}

bool is_emergency_number(const std::string& number, const std::string& country) {
    const auto& list = emergency_numbers(country);
    return std::find(list.begin(), list.end(), number) != list.end();
}

bool is_test_number(const std::string& number, const std::string& country) {
    return number == "933" && (country == "US" || country == "CA");
}

}  // namespace e911::detail
