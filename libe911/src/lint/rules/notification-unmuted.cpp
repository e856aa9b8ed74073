// notification-unmuted: Notification conference is unmuted (Teams) or two-way (Skype for Business).
// Why it matters and how to fix it: docs/rules/notification-unmuted.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
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
}

}  // namespace

namespace lint_rules {
extern constinit const Rule notification_unmuted{"notification-unmuted", "notification", Severity::warning,
    "Notification conference is unmuted (Teams) or two-way (Skype for Business).",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
