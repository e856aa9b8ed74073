// bssid-wildcard-conflict: An exact BSSID is also covered by a wildcard entry.
// Why it matters and how to fix it: docs/rules/bssid-wildcard-conflict.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    const auto& waps = x.cfg.wireless_access_points;
    for (const auto& w : waps) {
        if (w.bssid.wildcard_digits != 0) continue;
        for (auto* map : {&x.c.bssid_wild1, &x.c.bssid_wild2}) {
            auto it = map->find(w.bssid.value >> (map == &x.c.bssid_wild1 ? 4 : 8));
            if (it == map->end()) continue;
            const auto& wild = waps[it->second];
            // Teams refuses an exact BSSID inside a wildcard with the same location (so the pair cannot have come
            // from a tenant as written), and accepts one with a different location: that is how one access point
            // inside a range gets its own location (domain §10, v2).
            bool same = wild.location.id == w.location.id;
            auto& f = emit.with_severity(
                same ? Severity::error : Severity::info, target(Kind::wireless_access_point, w.bssid.to_string()),
                w.pos.of("bssid"),
                same ? "BSSID " + w.bssid.to_string() + " lies inside wildcard " + wild.bssid.to_string() +
                           " with the same location `" + w.location.id +
                           "`: Teams refuses to add such an entry, so this configuration does not match the tenant"
                     : "BSSID " + w.bssid.to_string() + " overrides wildcard " + wild.bssid.to_string() +
                           ": this access point is at `" + w.location.id + "`, the rest of the range at `" +
                           wild.location.id + "` (the documented way to locate one access point inside a range)",
                same ? "remove the exact entry (the wildcard already locates it), or give it its own location"
                     : "nothing to fix if the access point really is at `" + w.location.id + "`");
            emit.related(f, target(Kind::wireless_access_point, wild.bssid.to_string()), wild.pos.of("bssid"));
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule bssid_wildcard_conflict{"bssid-wildcard-conflict", "network", Severity::error,
    "An exact BSSID is also covered by a wildcard entry.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
