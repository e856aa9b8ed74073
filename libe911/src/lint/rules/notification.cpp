// Notification rules (Kari's Law): someone at a central place hears about every 911 call, and
// can tell which building it came from.
#include <set>

#include "lint/lint_engine.hpp"
#include "compile/policy.hpp"

namespace e911::detail {
namespace {

bool sfb_notifies(const LocationPolicy& p) { return !p.notification_uris.empty() || !p.conference_uri.empty(); }

}  // namespace

std::vector<RuleImpl> notification_rules() {
    return {
        {"kari-no-notification", "notification",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"kari-notification-building", "notification",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"notification-unmuted", "notification",
         [](const LintContext& x, Emit& emit) {
             for (const auto& p : x.cfg.emergency_calling_policies) {
                 if (p.notification_mode == NotificationMode::conference_unmuted)
                     emit(target(Kind::emergency_calling_policy, p.id), p.pos.of("notification_mode"),
                          "policy `" + p.id + "` conferences the notification group unmuted: they can speak over the 911 call taker",
                          "use conference_muted");
                 for (const auto& e : p.extended_notifications)
                     if (e.notification_mode == NotificationMode::conference_unmuted)
                         emit(target(Kind::emergency_calling_policy, p.id), e.pos.of("notification_mode"),
                              "the extended notification for " + e.dial_string + " conferences unmuted", "use conference_muted");
             }
             for (const auto& p : x.cfg.location_policies)
                 if (p.conference_mode == ConferenceMode::twoway && !p.conference_uri.empty())
                     emit(target(Kind::location_policy, p.id), p.pos.of("conference_mode"),
                          "location policy `" + p.id + "` conferences the security desk two-way: they can speak over the 911 call taker", "use oneway");
         }},
        {"notification-group-limit", "notification",
         [](const LintContext& x, Emit& emit) {
             for (const auto& p : x.cfg.emergency_calling_policies) {
                 if (p.notification_group.size() > 10)
                     emit(target(Kind::emergency_calling_policy, p.id), p.pos.of("notification_group"),
                          std::to_string(p.notification_group.size()) + " addresses in the notification group; Teams accepts at most 10",
                          "notify a distribution group instead of listing people (at most 50 users are notified in total)");
                 for (const auto& e : p.extended_notifications)
                     if (e.notification_group && e.notification_group->size() > 10)
                         emit(target(Kind::emergency_calling_policy, p.id), e.pos.of("notification_group"),
                              std::to_string(e.notification_group->size()) + " addresses in the extended notification group for " + e.dial_string + "; at most 10",
                              "notify a distribution group instead");
             }
         }},
        {"external-lookup-global", "notification",
         [](const LintContext& x, Emit& emit) {
             if (x.c.global_ecp == npos) return;
             const auto& p = x.cfg.emergency_calling_policies[x.c.global_ecp];
             if (p.external_location_lookup)
                 emit(target(Kind::emergency_calling_policy, p.id), p.pos.of("external_location_lookup"),
                      "external_location_lookup is set on the `global` policy; in the field this did not take effect until assigned per user",
                      "assign a non-global policy with external_location_lookup: true to the users who need it");
         }},
    };
}

}  // namespace e911::detail
