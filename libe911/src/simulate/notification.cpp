// Who is told of an emergency call. Teams: the emergency calling policy, with an extended
// notification for the dial string taking over (domain §8). SfB: the location policy's
// notification URIs and conference.
#include "simulate/decisions.hpp"

namespace e911::detail {

NotificationDecision notify(const Compiled& c, Platform platform, const Policies& p, const std::string& dial_string,
                            Notifications& n) {
    NotificationDecision d;
    const Config& cfg = c.cfg;
    if (platform == Platform::teams) {
        d.policy = p.emergency_calling.index;
        if (d.policy == npos) {
            n.mode = NotificationMode::none;
            d.why = NotificationCase::no_policy;
            return d;
        }
        auto who = teams_notification(cfg.emergency_calling_policies[d.policy], dial_string);
        n.mode = who.mode;
        n.group = *who.group;
        n.dial_out = *who.dial_out;
        d.extended = who.extended;
        d.why = who.extended ? NotificationCase::teams_extended : NotificationCase::teams_policy;
        return d;
    }
    // Only reached for emergency calls, which need a location policy.
    d.policy = p.location.index;
    d.why = NotificationCase::sfb_location_policy;
    const auto& lp = cfg.location_policies[d.policy];
    n.uris = lp.notification_uris;
    n.conference_uri = lp.conference_uri;
    n.mode = !lp.conference_uri.empty()
                 ? (lp.conference_mode == ConferenceMode::oneway ? NotificationMode::conference_oneway
                                                                 : NotificationMode::conference_twoway)
             : !lp.notification_uris.empty() ? NotificationMode::notification_only
                                             : NotificationMode::none;
    return d;
}

}  // namespace e911::detail
