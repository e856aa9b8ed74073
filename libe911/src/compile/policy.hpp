// Which policy applies, and which emergency number a dial string is: docs/behaviour.md §4 and §6.
// One implementation, used by the simulator and by every lint rule that speaks of an
// "effective" policy, so the two can never disagree.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compile/compiled.hpp"

namespace e911::detail {

enum class PolicySource : std::uint8_t { none, site, user, global };
struct PolicyChoice {
    std::uint32_t index = npos;
    PolicySource from = PolicySource::none;
};
// "site hall-a", "user alice@...", "global" or "": built only when a trace is wanted.
std::string describe(const Config& cfg, const PolicyChoice& p, std::uint32_t site, const User* user);

// Teams emergency calling policy (notification): site over user over global.
PolicyChoice effective_ecp(const Compiled& c, std::uint32_t site, const User* user);
// Teams emergency call routing policy before the per-number fallback: site over user over global.
PolicyChoice user_ecrp(const Compiled& c, const User* user);
// The site's routing policy, for a caller at a known network site whether or not the LIS found a
// location (domain §5: sites carry policies, the LIS carries locations). The caller falls back to the
// user's when the site has none or the number is not one of the site policy's (emergency.cpp).
PolicyChoice site_ecrp(const Compiled& c, std::uint32_t site);
// SfB location policy: a network site's policy overrides the user's; then user; then global.
PolicyChoice effective_lp(const Compiled& c, std::uint32_t site, const User* user);
PolicyChoice effective_routing_policy(const Compiled& c, const User* user);
PolicyChoice effective_dial_plan(const Compiled& c, const User* user);

struct NumberMatch {
    std::string dial_string;   // what is dialled out
    std::string matched;       // the dial string or mask that matched
    bool via_mask = false;
    std::uint32_t number = npos;  // index into the policy's numbers; npos for the SfB legacy pair
};

std::optional<NumberMatch> match_number(const EmergencyCallRoutingPolicy& p, const std::string& digits);
// SfB: modern clients use `numbers` when the policy has any; legacy clients the legacy pair.
std::optional<NumberMatch> match_number(const LocationPolicy& p, const std::string& digits, SfbClient client);

// Every dial string and mask a policy recognises (for lint and the matrix).
struct DialEntry {
    std::string digits;
    std::string dial_string;
    bool is_mask;
    std::uint32_t number;  // npos: SfB legacy pair
};
std::vector<DialEntry> dial_entries(const EmergencyCallRoutingPolicy& p);
std::vector<DialEntry> dial_entries(const LocationPolicy& p, SfbClient client);

// How each platform presents an emergency dial string to the routes (SfB prepends '+').
inline std::string routed_form(Platform p, const std::string& dial_string) {
    return p == Platform::sfb ? "+" + dial_string : dial_string;
}

// The country that applies to a site: its own, else its locations' addresses, else the default.
// Both return a reference into the configuration: they are asked once per simulated call.
const std::string& site_country(const Compiled& c, std::uint32_t site);
// The same, worked out from the site's locations (Compiled keeps the answer for site_country).
const std::string& country_of_site(const Compiled& c, std::uint32_t site);
const std::string& user_country(const Compiled& c, const User& u);

}  // namespace e911::detail

namespace e911::detail {
// Who a Teams emergency calling policy notifies when `dial_string` is dialled: the policy's
// settings, or, when an extended notification exists for that dial string, the extended
// notification's alone (domain §8, v2: it replaces, fields it leaves empty included; Microsoft's
// 933 example with nothing set notifies nobody). The dial-out number only joins conferences; mode
// `none` notifies nobody.
struct TeamsNotification {
    NotificationMode mode;
    const std::vector<std::string>* group;
    const std::string* dial_out;              // empty when it does not take part
    const ExtendedNotification* extended;     // the override used, if any
    bool anyone() const { return mode != NotificationMode::none && (!group->empty() || !dial_out->empty()); }
};
TeamsNotification teams_notification(const EmergencyCallingPolicy& p, const std::string& dial_string);
}  // namespace e911::detail
