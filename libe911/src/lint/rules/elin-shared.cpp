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

// Every use of an ELIN, sorted by ELIN (stably: addresses before locations, each in list order), so
// the ELINs are judged in order without a map of a million strings.
struct Use {
    std::string_view elin;
    Kind kind;  // address or location
    std::uint32_t index;
};

void check(const LintContext& x, Emit& emit) {
    const Config& cfg = x.cfg;
    std::vector<Use> uses;
    for (std::uint32_t i = 0; i < cfg.addresses.size(); ++i)
        for (const auto& e : cfg.addresses[i].elins) uses.push_back({e, Kind::address, i});
    for (std::uint32_t i = 0; i < cfg.locations.size(); ++i)
        for (const auto& e : cfg.locations[i].elins) uses.push_back({e, Kind::location, i});
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
        if (e - b < 2) continue;  // used once: one address
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
