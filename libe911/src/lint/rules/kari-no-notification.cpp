// kari-no-notification: The effective notification policy of a US site or user notifies nobody for 911.
// Why it matters and how to fix it: docs/rules/kari-no-notification.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

bool sfb_notifies(const LocationPolicy& p) { return !p.notification_uris.empty() || !p.conference_uri.empty(); }

void check(const LintContext& x, Emit& emit) {
    std::set<std::string> reported;
    auto check_teams = [&](const std::string& who, SourcePos pos, const PolicyChoice& ecp) {
        if (ecp.index == npos) {
            emit(who, pos, "no emergency calling policy applies to " + who + " (none assigned, no `global`): nobody is notified of 911 calls",
                 "assign an emergency calling policy with a notification group, or define a `global` one");
            return;
        }
        const auto& p = x.cfg.emergency_calling_policies[ecp.index];
        if (teams_notification(p, "911").anyone() || !reported.insert("ecp/" + p.id).second) return;
        auto& f = emit(target(Kind::emergency_calling_policy, p.id), p.pos.self,
                       "emergency calling policy `" + p.id + "` notifies nobody when 911 is dialled (Kari's Law requires a notification to a central location)",
                       "set notification_group (and notification_dial_out for a conference); check extended_notifications for 911");
        emit.related(f, who, pos, "uses this policy");
    };
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        const auto& site = x.cfg.sites[s];
        if (site_country(x.c, s) != "US") continue;
        if (site.emergency_calling_policy.resolved() || site.emergency_call_routing_policy.resolved())
            check_teams(target(Kind::site, site.id), site.pos.self, effective_ecp(x.c, s, nullptr));
        if (site.location_policy.resolved()) {
            const auto& lp = x.cfg.location_policies[site.location_policy.index];
            if (!sfb_notifies(lp) && reported.insert("lp/" + lp.id).second)
                emit(target(Kind::location_policy, lp.id), lp.pos.self,
                     "location policy `" + lp.id + "` notifies nobody of 911 calls (no notification_uris, no conference_uri)",
                     "set notification_uris to the security desk (and conference_uri for a conference)");
        }
    }
    for (const auto& u : x.cfg.users) {
        if (user_country(x.c, u) != "US") continue;
        if (x.cfg.platform_of(u) == Platform::teams) {
            check_teams(target(Kind::user, u.id), u.pos.self, effective_ecp(x.c, npos, &u));
        } else {
            auto lp = effective_lp(x.c, npos, &u);
            if (lp.index == npos) continue;  // user-no-emergency-routing covers it
            const auto& p = x.cfg.location_policies[lp.index];
            if (!sfb_notifies(p) && reported.insert("lp/" + p.id).second)
                emit(target(Kind::location_policy, p.id), p.pos.self,
                     "location policy `" + p.id + "` notifies nobody of 911 calls (no notification_uris, no conference_uri)",
                     "set notification_uris to the security desk (and conference_uri for a conference)");
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule kari_no_notification{"kari-no-notification", "notification", Severity::error,
    "The effective notification policy of a US site or user notifies nobody for 911.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
