// The simulator as a chain of decision stages. Each stage is a function returning a typed decision:
// enums for what was decided and why, indexes into the model, no text. The trace's explanations
// are rendered from the decisions afterwards (explain.cpp), and only when asked for, so batch,
// matrix and lint build no prose.
//
// Stages, in call order (one file each):
//   caller.cpp         caller fields -> CallerSetup (validated, parsed)
//   placement.cpp      trusted IP, network site, LIS location -> Placement
//   policies.cpp       the policies that do not depend on the number -> Policies
//   dial_plan.cpp      dial plan -> DialPlanDecision (normalised number in Trace::normalized)
//   emergency.cpp      emergency recognition -> EmergencyDecision (and the not_enabled outcome)
//   route.cpp          PSTN usage and route -> RouteDecision
//   gateways.cpp       which gateways of a route take the call -> GatewayDecision
//   calling_number.cpp caller's number or ELIN -> CallingNumberDecision
//   psap.cpp           which PSAP the gateway reaches, and whether it is the right one -> PsapDecision
//   notification.cpp   who is told -> NotificationDecision
//   pidf.cpp           the PIDF-LO in the INVITE -> PidfDecision
// Explanations: explain.cpp (and explain_placement.cpp), from the Decisions.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compile/compiled.hpp"
#include "compile/policy.hpp"
#include "e911/simulate.hpp"

namespace e911::detail {

// ---- caller ---------------------------------------------------------------------------------
struct ClientAddress {
    IpAddress ip;
    int prefix_length = -1;  // -1: not given
};
// A caller with every field parsed. `text` keeps the fields as given, for the explanations.
struct CallerSetup {
    const Caller* text = nullptr;
    const User* user = nullptr;
    Platform platform = Platform::teams;
    SfbClient client = SfbClient::modern;
    std::optional<ClientAddress> ip;
    std::optional<IpAddress> public_ip;
    // Room for dual-stack callers (an IPv4 and an IPv6 address): not filled yet.
    std::optional<ClientAddress> ip_other;
    std::optional<IpAddress> public_ip_other;
    std::optional<MacAddress> bssid;
    std::string chassis;  // normalised when it is a MAC, else as given
};
// Parses and validates a caller against `c` (the user must exist); throws UsageError naming the field.
CallerSetup setup_caller(const Compiled& c, const Caller& caller);
const User* find_user(const Compiled& c, const std::string& id);  // throws UsageError with a suggestion

// ---- placement ------------------------------------------------------------------------------
enum class TrustCase : std::uint8_t { not_teams, no_public_ip, trusted_ip, untrusted };
enum class SiteCase : std::uint8_t {
    given,           // placed by the caller of the simulator (matrix, lint): nothing to explain
    no_ip, untrusted,
    sfb_exact, sfb_exact_miss,  // SfB with a client prefix length: exact network-ID match
    no_subnet, longest_prefix,
};
enum class LocationCase : std::uint8_t {
    given, untrusted,
    bssid, bssid_wildcard, port, switch_, lis_subnet,  // found (earlier lookups that missed are implied)
    no_prefix_length, lis_subnet_miss, nothing_to_look_up,
};
// Where the location came from beyond the LIS: room for client-supplied and static locations.
enum class LocationClass : std::uint8_t { none, lis, user_confirmed, os_unconfirmed, user_entered, static_ };

struct Placement {
    std::optional<bool> trusted;  // Teams only
    std::uint32_t site = npos;
    std::uint32_t location = npos;
    LocationSource location_source = LocationSource::none;
    LocationClass location_class = LocationClass::none;  // not filled yet beyond lis/none
    bool screened = false;                               // room: national screening centre first
    // Why:
    TrustCase trust = TrustCase::not_teams;
    std::uint32_t trusted_ip = npos;  // the trusted IP entry that matched
    SiteCase site_case = SiteCase::given;
    std::uint32_t subnet = npos;      // the site subnet that placed the caller
    IpPrefix client_network;          // sfb_exact / sfb_exact_miss: what the client sent
    LocationCase location_case = LocationCase::given;
    std::uint32_t entry = npos;       // the wireless access point, port, switch or LIS subnet that matched
    int lis_prefix_length = -1;       // lis_subnet / lis_subnet_miss: the length used for the network ID
    IpAddress lis_network;
};
Placement place(const Compiled& c, const CallerSetup& caller);

// ---- policies, dial plan ----------------------------------------------------------------------
struct Policies {
    PolicyChoice emergency_calling;  // Teams
    PolicyChoice location;           // SfB
    PolicyChoice routing, dial_plan;
};
Policies resolve_policies(const Compiled& c, const User* user, Platform platform, std::uint32_t site);

struct DialPlanDecision {
    std::uint32_t plan = npos;  // npos: no dial plan, digits unchanged
    std::uint32_t rule = npos;  // npos: no rule matched
    // Rules tried before `rule` whose match was abandoned (limits::max_match_steps): passed over,
    // and the trace says so instead of a silent "no match".
    std::vector<std::uint32_t> abandoned;
};
// Writes the normalised number to `number`.
DialPlanDecision apply_dial_plan(const Compiled& c, const Policies& p, const std::string& dialed, std::string& number);

// ---- emergency recognition --------------------------------------------------------------------
// Which Teams emergency call routing policy decided (domain §5).
enum class RoutingPolicyCase : std::uint8_t {
    none,
    site,                   // the site's policy has the number
    user_fallback,          // a site or site policy was in play, but the user's (or global) policy decided
    user,                   // no site: the user's (or global) policy
    site_without_fallback,  // the site's policy lacks the number and there is nothing to fall back to
};
// Why the user's policy was consulted instead of the site's.
enum class FallbackCase : std::uint8_t { none, no_site, site_has_no_policy, location_unknown, number_not_in_site_policy };
struct EmergencyDecision {
    PolicyChoice site_policy, user_policy;  // Teams candidates
    RoutingPolicyCase routing_case = RoutingPolicyCase::none;
    FallbackCase fallback = FallbackCase::none;
    std::uint32_t routing_policy = npos;  // Teams: whose numbers were checked; the trace's policy
    std::optional<NumberMatch> match;
    std::optional<NumberMatch> disabled_match;  // SfB: matched, but enhanced emergency services are off
    bool enabled = true;
    bool not_enabled = false;  // an emergency number of the country, and no E9-1-1 configured for it
    std::uint32_t usage = npos;  // the emergency number's PSTN usage
};
EmergencyDecision recognise_emergency(const Compiled& c, const User* user, Platform platform, SfbClient client,
                                      const Placement& pl, const Policies& p, const std::string& dialed,
                                      const std::string& number);
std::string strip_plus(const std::string& s);
std::string caller_country(const Compiled& c, const User* user, std::uint32_t site);

// ---- PSTN ------------------------------------------------------------------------------------
// Conditions of the network at call time. Room for gateways that are down: not read yet.
struct Conditions {
    std::vector<std::uint32_t> gateways_down;
};
enum class UsageCase : std::uint8_t {
    emergency_usage,     // the emergency number's (Teams) or location policy's (SfB) usage
    emergency_no_usage,  // the emergency number has none
    first_matching,      // ordinary call: the first usage of the routing policy with a matching route
    none_matching, no_routing_policy,
};
struct RouteDecision {
    PstnConnectivity pstn = PstnConnectivity::direct_routing;
    UsageCase usage_case = UsageCase::no_routing_policy;
    std::uint32_t usage = npos;
    std::string routed;  // the number routes are matched against
    // Matching routes in the order tried (memoised per thread by Compiled: valid until the next
    // matching_routes call on this thread). Those before `route` were skipped as dead.
    const std::vector<std::uint32_t>* routes = nullptr;
    std::uint32_t route = npos;
    // Routes of the usages tried whose match was abandoned (limits::max_match_steps): passed over,
    // and the trace says so instead of a silent "no match".
    std::vector<std::uint32_t> abandoned;
};
struct GatewayDecision {
    std::uint32_t primary = npos;  // the gateway whose behaviour the rest of the trace follows
    std::uint32_t count = 0;       // enabled gateways of the route (ids in Trace::gateways)
};
// Fills `gateways` with the ids of the route's enabled gateways.
GatewayDecision choose_gateways(const Compiled& c, std::uint32_t route, const Conditions& when,
                                std::vector<std::string>& gateways);
RouteDecision choose_route(const Compiled& c, Platform platform, const Policies& p, const EmergencyDecision& e,
                           const std::string& number, const Conditions& when, std::vector<std::string>& gateways,
                           GatewayDecision& chosen);

// ---- calling number, PSAP, notification, PIDF-LO (emergency calls) ----------------------------------
enum class CallingNumberCase : std::uint8_t {
    none,                   // no gateway: nothing goes out
    own_number,             // an ordinary call
    not_elin_gateway,       // emergency, but the gateway does not substitute ELINs
    elin_gateway_pidf_off,  // an ELIN gateway that cannot read the ELIN from the call
    location_elin, address_elin, no_elin,
};
struct CallingNumberDecision {
    CallingNumberCase why = CallingNumberCase::none;
    const std::vector<std::string>* elins = nullptr;  // the ELINs picked from
};
// Picks which of a location's ELINs the gateway uses; default: the first.
using ElinPicker = std::function<std::string(const std::vector<std::string>&)>;
CallingNumberDecision choose_calling_number(const Compiled& c, bool emergency, std::uint32_t gateway,
                                            std::uint32_t location);

enum class PsapCase : std::uint8_t {
    none,
    location, location_pidf_off, location_no_location, location_not_validated,  // location routing
    elin, elin_without_elin,                                                    // ELIN routing
    fixed,
};
struct PsapReach {
    PsapCase why = PsapCase::none;
    std::uint32_t psap = npos;    // npos with fallback: the relay centre named by fallback_psap
    bool fallback = false;        // the gateway's fallback_psap
    std::uint32_t address = npos; // the address routed on
};
// The PSAP gateway `g` reaches for a caller at `address` (npos: unknown), with or without an ELIN.
PsapReach reach_psap(const Compiled& c, const Gateway& g, std::uint32_t address, bool have_elin);
const std::string& psap_id(const Compiled& c, const Gateway& g, const PsapReach& r);
struct PsapDecision {
    PsapReach reach;
    bool relay = false;
    std::optional<bool> correct;
};

enum class NotificationCase : std::uint8_t { teams_policy, teams_extended, no_policy, sfb_location_policy };
struct NotificationDecision {
    NotificationCase why = NotificationCase::no_policy;
    std::uint32_t policy = npos;  // emergency calling policy (Teams) or location policy (SfB)
    const ExtendedNotification* extended = nullptr;
};
NotificationDecision notify(const Compiled& c, Platform platform, const Policies& p, const std::string& dial_string,
                            Notifications& out);

struct PidfDecision {
    bool sent = false;
    const char* method = nullptr;  // RFC 4119 <gp:method>
};
PidfDecision decide_pidf(const Compiled& c, std::uint32_t gateway, std::uint32_t location, LocationSource source);
std::string pidf_for(const Config& cfg, std::uint32_t location, bool elin_in_nam, const std::string& entity,
                     const std::string& method);

// ---- the chain ---------------------------------------------------------------------------------
struct Decisions {
    Placement placement;
    Policies policies;
    DialPlanDecision dial_plan;
    EmergencyDecision emergency;
    RouteDecision route;
    GatewayDecision gateways;
    CallingNumberDecision calling_number;
    PsapDecision psap;
    NotificationDecision notification;
    PidfDecision pidf;
};

// Everything about one call that the stages read. `caller` is set when the placement came from
// caller fields (simulate, batch), so its steps can be explained.
struct Call {
    const User* user = nullptr;
    Platform platform = Platform::teams;
    SfbClient client = SfbClient::modern;
    const std::string* dialed = nullptr;
    const CallerSetup* caller = nullptr;
    const ElinPicker* pick_elin = nullptr;
    const Conditions* conditions = nullptr;
};

// Runs every stage after placement, filling `out` in place (its storage is reused: batch loops
// allocate far less) and `d`; then renders as much explanation as `explain` asks for.
void simulate_placed_into(Trace& out, Decisions& d, const Compiled& c, const Call& call, Placement placement,
                          Explain explain);
Trace simulate_placed(const Compiled& c, const Call& call, Placement placement, Explain explain);

// ---- explanations (explain.cpp) ---------------------------------------------------------------------
// The trace steps for decisions already taken, in the order the platform takes them.
void explain_steps(const Compiled& c, const Call& call, const Decisions& d, Trace& t);
std::string explain_psap(const Compiled& c, const Gateway& g, const PsapReach& r, const std::string& elin);

}  // namespace e911::detail
