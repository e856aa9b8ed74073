// location-not-dispatchable: A US location gives only the building while the building has several locations.
// Why it matters and how to fix it: docs/rules/location-not-dispatchable.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

// How many locations each address holds: counts, not lists (a vector per address was most of the
// rule's time at a million locations).
std::vector<std::uint32_t> locations_per_address(const Config& cfg) {
    std::vector<std::uint32_t> r(cfg.addresses.size());
    for (const auto& l : cfg.locations)
        if (l.address.resolved()) ++r[l.address.index];
    return r;
}

void check(const LintContext& x, Emit& emit) {
    const auto held = locations_per_address(x.cfg);
    for (const auto& l : x.cfg.locations) {
        if (!l.address.resolved() || !l.place.empty()) continue;
        const auto& a = x.cfg.addresses[l.address.index];
        if (x.cfg.country_or_default(a.country) != "US" || held[l.address.index] < 2) continue;
        auto& f = emit(target(Kind::location, l.id), l.pos.self,
                       "location `" + l.id + "` names only the building `" + a.id + "`, which has " + std::to_string(held[l.address.index]) +
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
