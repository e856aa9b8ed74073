// kari-notification-building: A US site reaches several buildings but one notification policy serves them all.
// Why it matters and how to fix it: docs/rules/kari-notification-building.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        const auto& site = x.cfg.sites[s];
        if (site_country(x.c, s) != "US") continue;
        std::set<std::uint32_t> addresses;
        for (const auto& sl : x.c.site_locations[s]) {
            const auto& l = x.cfg.locations[sl.location];
            if (l.address.resolved()) addresses.insert(l.address.index);
        }
        if (addresses.size() < 2) continue;
        auto ecp = effective_ecp(x.c, s, nullptr);
        std::string who = ecp.index != npos ? "emergency calling policy `" + x.cfg.emergency_calling_policies[ecp.index].id + "`"
                          : site.location_policy.resolved() ? "location policy `" + site.location_policy.id + "`"
                                                           : "one notification setting";
        auto& f = emit(target(Kind::site, site.id), site.pos.self,
                       "site `" + site.id + "` reaches locations in " + std::to_string(addresses.size()) + " buildings but " + who +
                           " serves all of them: the notified desk cannot tell which building the 911 call came from",
                       "split the site per building (per-building subnets/SSIDs), or waive this with a reason, an approver and an expiry");
        for (auto a : addresses) emit.related(f, target(Kind::address, x.cfg.addresses[a].id), x.cfg.addresses[a].pos.self);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule kari_notification_building{"kari-notification-building", "notification", Severity::error,
    "A US site reaches several buildings but one notification policy serves them all.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
