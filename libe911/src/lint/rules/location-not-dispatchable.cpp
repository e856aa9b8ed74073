// location-not-dispatchable: A US location gives only the building while the building has several locations.
// Why it matters and how to fix it: docs/rules/location-not-dispatchable.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

// Locations each address holds, and the LIS entries pointing at each location.
std::vector<std::vector<std::uint32_t>> locations_by_address(const Config& cfg) {
    std::vector<std::vector<std::uint32_t>> r(cfg.addresses.size());
    for (std::uint32_t i = 0; i < cfg.locations.size(); ++i)
        if (cfg.locations[i].address.resolved()) r[cfg.locations[i].address.index].push_back(i);
    return r;
}

void check(const LintContext& x, Emit& emit) {
    auto by_addr = locations_by_address(x.cfg);
    for (const auto& l : x.cfg.locations) {
        if (!l.address.resolved() || !l.place.empty()) continue;
        const auto& a = x.cfg.addresses[l.address.index];
        if (x.cfg.country_or_default(a.country) != "US" || by_addr[l.address.index].size() < 2) continue;
        auto& f = emit(target(Kind::location, l.id), l.pos.self,
                       "location `" + l.id + "` names only the building `" + a.id + "`, which has " + std::to_string(by_addr[l.address.index].size()) +
                           " locations: RAY BAUM'S Act requires floor, suite or room",
                       "set `place` (e.g. FL 2 RM 210), or point the LIS entries at the specific locations");
        emit.related(f, target(Kind::address, a.id), a.pos.self);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule location_not_dispatchable{"location-not-dispatchable", "address", Severity::error,
    "A US location gives only the building while the building has several locations.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
