// Network and LIS rules: where callers can be, and whether a location can be found for them.
#include <algorithm>
#include <map>

#include "lint/lint_engine.hpp"

namespace e911::detail {
namespace {

std::string subnet_target(const Subnet& s) { return target(Kind::subnet, s.key()); }

// Sort, then sweep with a stack of open prefixes: every prefix is compared with the prefixes
// containing it, never with all others (n log n, not n^2).
void subnet_overlap(const LintContext& x, Emit& emit, bool cross_site) {
    const auto& subs = x.cfg.subnets;
    std::vector<std::uint32_t> order(subs.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto &pa = subs[a].prefix, &pb = subs[b].prefix;
        if (pa.network.v6 != pb.network.v6) return !pa.network.v6;
        if (pa.network.bytes != pb.network.bytes) return pa.network.bytes < pb.network.bytes;
        if (pa.length != pb.length) return pa.length < pb.length;
        return a < b;
    });
    std::vector<std::uint32_t> open;
    for (auto i : order) {
        const auto& s = subs[i];
        while (!open.empty() && !subs[open.back()].prefix.contains(s.prefix)) open.pop_back();
        // innermost containing subnet of another site, and of the same site
        std::uint32_t other = npos, same = npos;
        for (auto it = open.rbegin(); it != open.rend(); ++it) {
            bool same_site = subs[*it].site.id == s.site.id;
            if (same_site && same == npos) same = *it;
            if (!same_site && other == npos) other = *it;
        }
        if (cross_site && other != npos) {
            const auto& o = subs[other];
            bool equal = o.prefix == s.prefix;
            auto& f = emit(subnet_target(s), s.pos.of("prefix"),
                           "subnet " + s.key() + " of site `" + s.site.id + "` " + (equal ? "is also listed" : "lies inside " + o.key()) + " for site `" +
                               o.site.id + "`",
                           "a subnet belongs to exactly one site: remove one entry or split the larger subnet so the ranges do not overlap");
            emit.related(f, subnet_target(o), o.pos.of("prefix"), "site " + o.site.id);
        }
        if (!cross_site && same != npos) {
            const auto& o = subs[same];
            bool equal = o.prefix == s.prefix;
            auto& f = emit(subnet_target(s), s.pos.of("prefix"),
                           "subnet " + s.key() + (equal ? " is listed twice" : " lies inside " + o.key()) + " of the same site `" + s.site.id + "`",
                           "the smaller entry adds nothing for site lookups; remove it unless you keep it for documentation");
            emit.related(f, subnet_target(o), o.pos.of("prefix"));
        }
        open.push_back(i);
    }
}

const char* special_range(const IpPrefix& p) {
    struct R {
        IpPrefix prefix;
        const char* what;
    };
    static const std::vector<R> ranges = [] {
        std::vector<R> r;
        for (auto [text, what] : {std::pair{"10.0.0.0/8", "private (RFC 1918)"}, {"172.16.0.0/12", "private (RFC 1918)"},
                                  {"192.168.0.0/16", "private (RFC 1918)"}, {"100.64.0.0/10", "shared CGNAT (RFC 6598)"},
                                  {"127.0.0.0/8", "loopback"}, {"169.254.0.0/16", "link-local"}, {"::1/128", "loopback"},
                                  {"fc00::/7", "unique local (ULA)"}, {"fe80::/10", "link-local"}})
            r.push_back({*parse_prefix(text, PrefixHostBits::reject), what});
        return r;
    }();
    for (const auto& r : ranges)
        if (r.prefix.contains(p.network)) return r.what;
    return nullptr;
}

}  // namespace

std::vector<RuleImpl> network_rules() {
    return {
        {"subnet-overlap", "network", [](const LintContext& x, Emit& e) { subnet_overlap(x, e, true); }},
        {"subnet-redundant", "network", [](const LintContext& x, Emit& e) { subnet_overlap(x, e, false); }},
        {"site-no-subnets", "network",
         [](const LintContext& x, Emit& emit) {
             std::vector<int> count(x.cfg.sites.size());
             for (const auto& s : x.cfg.subnets)
                 if (s.site.resolved()) ++count[s.site.index];
             for (std::uint32_t i = 0; i < x.cfg.sites.size(); ++i)
                 if (!count[i])
                     emit(target(Kind::site, x.cfg.sites[i].id), x.cfg.sites[i].pos.self, "site `" + x.cfg.sites[i].id + "` has no subnets, so no caller is ever in it",
                          "add the site's subnets under network.subnets, or remove the site");
         }},
        {"trusted-ip-missing", "network",
         [](const LintContext& x, Emit& emit) {
             if (!x.cfg.trusted_ips.empty() || x.cfg.sites.empty()) return;
             bool teams = x.cfg.defaults.platform == Platform::teams;
             for (const auto& u : x.cfg.users) teams = teams || x.cfg.platform_of(u) == Platform::teams;
             if (!teams) return;
             auto& f = emit("config/network.trusted_ips", x.cfg.sites.front().pos.self,
                            "Teams sites are defined but there is no trusted IP: Teams looks up sites only for clients egressing through a trusted IP, "
                            "so no site policy or dynamic location ever applies",
                            "list the organisation's own public egress addresses under network.trusted_ips");
             emit.related(f, target(Kind::site, x.cfg.sites.front().id), x.cfg.sites.front().pos.self);
         }},
        {"trusted-ip-private", "network",
         [](const LintContext& x, Emit& emit) {
             for (const auto& t : x.cfg.trusted_ips)
                 if (const char* what = special_range(t.prefix))
                     emit(target(Kind::trusted_ip, t.prefix.to_string()), t.pos.self,
                          "trusted IP " + t.prefix.to_string() + " is a " + what + " address: Teams sees the public address clients egress from",
                          "list the public NAT/egress address (what https://ifconfig.me shows from the office), not an internal one");
         }},
        {"lis-subnet-unmapped", "network",
         [](const LintContext& x, Emit& emit) {
             for (const auto& s : x.cfg.subnets)
                 if (!x.c.lis_subnet.count(s.prefix.network))
                     emit(subnet_target(s), s.pos.of("prefix"),
                          "subnet " + s.key() + " has no LIS subnet entry for network ID " + s.prefix.network.to_string() +
                              ": callers there get no automatic location unless a BSSID or switch entry finds them",
                          "add lis.subnets: {network_id: " + s.prefix.network.to_string() + ", location: ...}");
         }},
        {"lis-subnet-orphan", "network",
         [](const LintContext& x, Emit& emit) {
             for (const auto& l : x.cfg.lis_subnets)
                 if (x.c.subnet_index.longest(l.network_id) == npos)
                     emit(target(Kind::lis_subnet, l.network_id.to_string()), l.pos.of("network_id"),
                          "LIS subnet " + l.network_id.to_string() + " lies in no site subnet: callers there are in no site, so no site policy applies",
                          "add the subnet to a site under network.subnets, or correct the network ID");
         }},
        {"bssid-wildcard-conflict", "network",
         [](const LintContext& x, Emit& emit) {
             const auto& waps = x.cfg.wireless_access_points;
             for (const auto& w : waps) {
                 if (w.bssid.wildcard_digits != 0) continue;
                 for (auto* map : {&x.c.bssid_wild1, &x.c.bssid_wild2}) {
                     auto it = map->find(w.bssid.value >> (map == &x.c.bssid_wild1 ? 4 : 8));
                     if (it == map->end()) continue;
                     const auto& wild = waps[it->second];
                     bool same = wild.location.id == w.location.id;
                     auto& f = emit.with_severity(
                         same ? Severity::info : Severity::error, target(Kind::wireless_access_point, w.bssid.to_string()), w.pos.of("bssid"),
                         "BSSID " + w.bssid.to_string() + " is also covered by wildcard " + wild.bssid.to_string() +
                             (same ? " with the same location" : ": the exact entry says `" + w.location.id + "`, the wildcard `" + wild.location.id + "`"),
                         same ? "the exact entry is redundant; remove it or keep it for documentation"
                              : "the exact entry wins, so check which location is true for this access point and fix the other entry");
                     emit.related(f, target(Kind::wireless_access_point, wild.bssid.to_string()), wild.pos.of("bssid"));
                 }
             }
         }},
    };
}

}  // namespace e911::detail
