// elin-shared: One ELIN is used at locations with different addresses.
// Why it matters and how to fix it: docs/rules/elin-shared.md.
#include <algorithm>
#include <set>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// Every use of an ELIN. The uses are sorted by the ELIN's hash first, so equal ELINs meet without
// comparing a million strings through their heap copies (that sort grew three times faster than the
// configuration); the few that share a hash are then sorted by ELIN (stably: addresses before
// locations, each in list order) and judged in that order.
struct Use {
    std::string_view elin;
    Kind kind;  // address or location
    std::uint32_t index;
    std::size_t hash;
};

void check(const LintContext& x, Emit& emit) {
    const Config& cfg = x.cfg;
    const std::hash<std::string_view> hash;
    std::vector<Use> all;
    for (std::uint32_t i = 0; i < cfg.addresses.size(); ++i)
        for (const auto& e : cfg.addresses[i].elins) all.push_back({e, Kind::address, i, hash(e)});
    for (std::uint32_t i = 0; i < cfg.locations.size(); ++i)
        for (const auto& e : cfg.locations[i].elins) all.push_back({e, Kind::location, i, hash(e)});
    std::stable_sort(all.begin(), all.end(), [](const Use& a, const Use& b) { return a.hash < b.hash; });
    std::vector<Use> uses;  // those whose hash another use shares
    for (std::size_t b = 0, e; b < all.size(); b = e) {
        for (e = b + 1; e < all.size() && all[e].hash == all[b].hash;) ++e;
        if (e - b > 1) uses.insert(uses.end(), all.begin() + static_cast<std::ptrdiff_t>(b), all.begin() + static_cast<std::ptrdiff_t>(e));
    }
    std::stable_sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) { return a.elin < b.elin; });
    auto address_of = [&](const Use& u) -> const std::string& {
        return u.kind == Kind::address ? cfg.addresses[u.index].id : cfg.locations[u.index].address.id;
    };
    auto owner = [&](const Use& u) {
        return u.kind == Kind::address ? target(Kind::address, cfg.addresses[u.index].id) : target(Kind::location, cfg.locations[u.index].id);
    };
    auto pos = [&](const Use& u) {
        return u.kind == Kind::address ? cfg.addresses[u.index].pos.of("elins") : cfg.locations[u.index].pos.of("elins");
    };
    for (std::size_t b = 0, e; b < uses.size(); b = e) {
        for (e = b + 1; e < uses.size() && uses[e].elin == uses[b].elin;) ++e;
        if (e - b < 2) continue;  // used once (its hash was shared by another ELIN)
        std::set<std::string> addrs;
        for (std::size_t i = b; i < e; ++i) addrs.insert(address_of(uses[i]));
        if (addrs.size() < 2) continue;
        const std::string second = owner(uses[b + 1]);
        auto& f = emit(second, pos(uses[b + 1]),
                       "ELIN " + std::string(uses[b].elin) + " is used at " + std::to_string(addrs.size()) + " different addresses (" +
                           join({addrs.begin(), addrs.end()}, ", ") +
                           "): the carrier's ALI holds one address per ELIN, so some callers reach the PSAP with the wrong address",
                       "give each address (and each location) its own ELIN");
        for (std::size_t i = b; i < e; ++i)
            if (std::string o = owner(uses[i]); o != second) emit.related(f, o, pos(uses[i]));
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule elin_shared{"elin-shared", "address", Severity::error,
    "One ELIN is used at locations with different addresses.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
