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
}

}  // namespace

namespace lint_rules {
extern constinit const Rule bssid_wildcard_conflict{"bssid-wildcard-conflict", "network", Severity::error,
    "An exact BSSID is also covered by a wildcard entry.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
