// user-no-emergency-routing: A user gets no emergency routing.
// Why it matters and how to fix it: docs/rules/user-no-emergency-routing.md.
#include "compile/policy.hpp"
#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    bool some_site = false;
    for (const auto& s : x.cfg.sites) some_site = some_site || s.emergency_call_routing_policy.resolved();
    for (const auto& u : x.cfg.users) {
        if (x.cfg.platform_of(u) == Platform::teams) {
            // Calling Plan and Operator Connect users are enabled for emergency calling by Microsoft or the
            // operator, with their usage location's numbers; the routing policy has no effect (domain §5, v2).
            if (u.pstn != PstnConnectivity::direct_routing) continue;
            if (user_ecrp(x.c, &u).index != npos) continue;
            emit.with_severity(some_site ? Severity::warning : Severity::error, target(Kind::user, u.id), u.pos.self,
                               some_site ? "Teams user `" + u.id + "` has no emergency call routing policy of their own and there is no `global` one: "
                                           "outside sites that assign one, their emergency calls are not enabled"
                                         : "Teams user `" + u.id + "` gets no emergency call routing policy from any site, the user or `global`: "
                                           "their emergency calls are not enabled",
                               "assign emergency_call_routing_policy to the user, or define a policy named `global`");
        } else {
            auto lp = effective_lp(x.c, npos, &u);
            if (lp.index != npos && x.cfg.location_policies[lp.index].enhanced_emergency_services) continue;
            auto& f = emit(target(Kind::user, u.id), u.pos.self,
                           lp.index == npos ? "Skype for Business user `" + u.id + "` has no location policy (own or global)"
                                            : "the location policy `" + x.cfg.location_policies[lp.index].id + "` of Skype for Business user `" + u.id +
                                                  "` has enhanced_emergency_services: false, so no location is sent with emergency calls",
                           "assign a location policy with enhanced_emergency_services: true");
            if (lp.index != npos)
                emit.related(f, target(Kind::location_policy, x.cfg.location_policies[lp.index].id), x.cfg.location_policies[lp.index].pos.self);
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule user_no_emergency_routing{"user-no-emergency-routing", "routing", Severity::error,
    "A user gets no emergency routing.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
