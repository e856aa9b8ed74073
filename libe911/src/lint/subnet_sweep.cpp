#include "lint/subnet_sweep.hpp"

#include <algorithm>
#include <vector>

namespace e911::detail {

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

}  // namespace e911::detail
