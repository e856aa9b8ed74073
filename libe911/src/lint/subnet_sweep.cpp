#include "lint/subnet_sweep.hpp"

#include <algorithm>
#include <vector>

namespace e911::detail {

// Sort, then sweep with a stack of open prefixes: every prefix is compared with the prefixes
// containing it, never with all others (n log n, not n^2).
namespace {
std::uint64_t big_endian(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | p[i];
    return v;
}
}  // namespace

// Sorted as compact keys (the network's bytes as two integers) rather than indexes into the
// subnets: at a million subnets the indirect comparisons were cache misses.
namespace {
std::vector<std::uint32_t> address_order(const Config& cfg) {
    struct Key {
        std::uint64_t hi, lo;
        std::uint32_t family_and_length;  // v6 << 8 | length: IPv4 first
        std::uint32_t index;
    };
    const auto& subs = cfg.subnets;
    std::vector<Key> keys(subs.size());
    for (std::uint32_t i = 0; i < subs.size(); ++i) {
        const auto& p = subs[i].prefix;
        keys[i] = {big_endian(p.network.bytes.data()), big_endian(p.network.bytes.data() + 8),
                   static_cast<std::uint32_t>(p.network.v6) << 8 | p.length, i};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        if ((a.family_and_length >> 8) != (b.family_and_length >> 8)) return a.family_and_length < b.family_and_length;
        if (a.hi != b.hi) return a.hi < b.hi;
        if (a.lo != b.lo) return a.lo < b.lo;
        if (a.family_and_length != b.family_and_length) return a.family_and_length < b.family_and_length;
        return a.index < b.index;
    });
    std::vector<std::uint32_t> order(subs.size());
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
    return order;
}
}  // namespace

const std::vector<std::uint32_t>& LintContext::subnets_in_address_order() const {
    std::call_once(subnet_order_once_, [&] { subnet_order_ = address_order(cfg); });
    return subnet_order_;
}

void subnet_overlap(const LintContext& x, Emit& emit, bool cross_site) {
    const auto& subs = x.cfg.subnets;
    std::vector<std::uint32_t> open;
    for (auto i : x.subnets_in_address_order()) {
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
