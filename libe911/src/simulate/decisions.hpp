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
#include <string_view>
#include <vector>

#include "compile/compiled.hpp"
#include "compile/policy.hpp"
#include "e911/simulate.hpp"

namespace e911::detail {

// ---- caller ---------------------------------------------------------------------------------
// Conditions of the network at call time: the gateways to treat as down (domain §7, v2).
struct Conditions {
    std::vector<std::uint32_t> gateways_down;
    bool down(std::uint32_t gateway) const;
};
// The gateway ids given as down, each resolved; throws UsageError naming an unknown id with a suggestion.
Conditions conditions_down(const Compiled& c, const std::vector<std::string>& ids);
std::vector<std::string> split_ids(const std::string& comma_separated);
// Which of a dual-stack caller's addresses placement uses.
enum class FamilyCase : std::uint8_t {
    single,             // one address (or none): nothing to choose
    ipv6_in_subnet,     // the IPv6 address is in an IPv6 subnet: Teams checks IPv6 first
    ipv6_in_no_subnet,  // it is not: the IPv4 address is used
};
struct ClientAddress {
    IpAddress ip;
    int prefix_length = -1;  // -1: not given
};
// The named fields of a Caller (set_caller_field), found once by name so that a batch row's columns
// are dispatched with a switch instead of compared against every name in turn.
enum class CallerField : std::uint8_t {
    dialed, user, ip, public_ip, client_location, client_location_source, bssid, chassis_id, port_id, down,
    platform, client,
};
// The field called `name` ("dial" is "dialed"); nullopt when `name` names no caller field.
std::optional<CallerField> caller_field(std::string_view name);
// set_caller_field() for a field already found; throws UsageError naming the field.
void set_caller_field(Caller& caller, CallerField field, std::string_view value);
// "10.10.0.57" or "10.10.0.57/24", as a caller's `ip` gives it; throws UsageError naming `ip`.
ClientAddress parse_client_address(const std::string& text);
// A caller with every field parsed. `text` keeps the fields as given, for the explanations.
struct CallerSetup {
    const Caller* text = nullptr;
    const User* user = nullptr;
    Platform platform = Platform::teams;
    SfbClient client = SfbClient::modern;
    // The address (and public address) placement uses; for a dual-stack caller, of the family Teams
    // chose (choose_address_family), the other one in *_other.
    std::optional<ClientAddress> ip;
    std::optional<IpAddress> public_ip;
    std::optional<ClientAddress> ip_other;
    std::optional<IpAddress> public_ip_other;
    std::optional<MacAddress> bssid;
    std::string chassis;  // normalised when it is a MAC, else as given
    Conditions conditions;  // the caller's `down` gateways
    // the texts of the addresses used, why that family, and the location the client brings.
    std::string ip_text, public_ip_text;
    FamilyCase family = FamilyCase::single;
    std::uint32_t client_location = npos;  // a location the client brings, or
    std::uint32_t client_address = npos;   // an address the client brings
    LocationClass client_class = LocationClass::none;
};
// Parses and validates a caller against `c` (the user must exist); throws UsageError naming the field.
CallerSetup setup_caller(const Compiled& c, const Caller& caller);
// Dual stack (domain §2): puts the address of the family placement uses in `ip` / `public_ip`.
void choose_address_family(const Compiled& c, CallerSetup& s);
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

// Why the location has the class it has (domain §7).
enum class ClassCase : std::uint8_t {
    lis_or_given,       // the LIS found it (or the caller of the simulator placed it), or nothing below applies
    client,             // the client's own location
    client_refused,     // off-network and external location lookup is off: the client's location is not used
    static_address,     // the user's emergency_address
    none,               // nothing at all
};

struct Placement {
    std::optional<bool> trusted;  // Teams only
    std::uint32_t site = npos;
    std::uint32_t location = npos;
    LocationSource location_source = LocationSource::none;
    LocationClass location_class = LocationClass::none;  // lis here; client and static: classify_location()
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
    // a location not from the LIS (classify_location): an address without a location, and why.
    std::uint32_t address = npos;  // set with `location` when it has one; alone for an address id
    ClassCase class_case = ClassCase::lis_or_given;
};
Placement place(const Compiled& c, const CallerSetup& caller);
// A batch's look-ahead: the cache misses of a row's first lookups started a few rows before the row
// is simulated, in five stages run on rows further and further ahead: each stage reads only what
// the stage before it prefetched, and prefetches what the next one reads. They take the row's text
// as given (what does not parse is not prefetched) and change no answer.
struct LookAhead {
    // The row's trace will be explained step by step (Explain::steps): its steps also read the
    // subnet and LIS subnet objects and the source positions of the objects the row reaches.
    bool steps = false;
    std::string_view user;
    std::optional<ClientAddress> address;
    std::optional<std::uint64_t> bssid;
    std::uint32_t user_index = npos, subnet = npos, lis_subnet = npos, access_point = npos;
    std::uint32_t site = npos, location = npos;
};
// Whether the look-ahead pays for itself: only when the tables a call reads outgrow the caches. Each
// stage parses and hashes again what the row's own lookups will, which costs more than it saves when
// the lookups hit the cache anyway.
bool look_ahead_pays(const Compiled& c);
// Parses the row's keys and prefetches the table slots they hash to.
void look_ahead_keys(const Compiled& c, std::string_view user, std::string_view ip, std::string_view bssid,
                     bool steps, LookAhead& a);
// Reads those slots and prefetches the entries and objects they point to.
void look_ahead_entries(const Compiled& c, LookAhead& a);
// Reads those entries and prefetches the site, location and policy objects they name.
void look_ahead_objects(const Compiled& c, LookAhead& a);
// Reads those objects and prefetches what they refer to: the site's policy, the location's ELINs and
// address, the user's notification group.
void look_ahead_details(const Compiled& c, const LookAhead& a);
// Reads the lists those prefetched and prefetches their contents: the address's PSAPs, the
// notification group's addresses.
void look_ahead_lists(const Compiled& c, const LookAhead& a);

// ---- policies, dial plan ----------------------------------------------------------------------
struct Policies {
    PolicyChoice emergency_calling;  // Teams
    PolicyChoice location;           // SfB
    PolicyChoice routing, dial_plan;
};
Policies resolve_policies(const Compiled& c, const User* user, Platform platform, std::uint32_t site);
// After the LIS: the client's location (if it may supply one), else the user's static address (domain §7).
void classify_location(const Compiled& c, const User* user, const CallerSetup* caller, const Policies& p,
                       Placement& pl);

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
// Whether the LIS found a location plays no part (domain §5, v2).
enum class FallbackCase : std::uint8_t { none, no_site, site_has_no_policy, number_not_in_site_policy };
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
    // Teams routing policy with enhanced emergency services off: no location goes with the call (domain §5).
    bool location_withheld = false;
    // Calling Plan / Operator Connect (Teams): the numbers of Microsoft's table for `pstn_country`, and no
    // routing policy (domain §5). `number_source` says which list decided.
    PstnConnectivity pstn = PstnConnectivity::direct_routing;
    std::string pstn_country;
    bool pstn_listed = true;  // the country is in Microsoft's table (else libphonenumber's list)
};
EmergencyDecision recognise_emergency(const Compiled& c, const User* user, Platform platform, SfbClient client,
                                      const Placement& pl, const Policies& p, const std::string& dialed,
                                      const std::string& number);
std::string strip_plus(const std::string& s);
// The recognition step alone: does `policy` (an emergency call routing policy or a location policy) take
// `number`, the dial plan's result, as an emergency number? Lint asks this instead of reading the rules again.
std::optional<NumberMatch> recognise_in(const Compiled& c, Kind policy_kind, std::uint32_t policy, SfbClient client,
                                        const std::string& number);
const std::string& caller_country(const Compiled& c, const User* user, std::uint32_t site);

// ---- PSTN ------------------------------------------------------------------------------------
enum class UsageCase : std::uint8_t {
    emergency_usage,     // the emergency number's (Teams) or location policy's (SfB) usage
    emergency_no_usage,  // the emergency number has none
    first_matching,      // ordinary call: the first usage of the routing policy with a matching route
    none_matching, no_routing_policy,
    microsoft_routes,    // Calling Plan / Operator Connect: Microsoft or the operator routes the call
};
// A gateway skipped because it is down, and the route it belonged to.
struct DownSkip {
    std::uint32_t route, gateway;
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
    std::vector<DownSkip> down;  // gateways skipped as down, in the order met
    // Routes of the usages tried whose match was abandoned (limits::max_match_steps): passed over,
    // and the trace says so instead of a silent "no match".
    std::vector<std::uint32_t> abandoned;
};
struct GatewayDecision {
    std::uint32_t primary = npos;  // the gateway whose behaviour the rest of the trace follows
    std::uint32_t count = 0;       // enabled gateways of the route (ids in Trace::gateways)
    std::vector<std::uint32_t> down;  // enabled gateways of the route skipped because they are down
};
// Fills `gateways` with the ids of the route's enabled gateways that are not down.
GatewayDecision choose_gateways(const Compiled& c, std::uint32_t route, const Conditions& when,
                                std::vector<std::string>& gateways);
// Tries `routes` in order (failover): the first with a gateway left takes the call; npos when none does.
std::uint32_t walk_routes(const Compiled& c, const std::vector<std::uint32_t>& routes, const Conditions& when,
                          std::vector<std::string>& gateways, GatewayDecision& chosen, std::vector<DownSkip>* down);
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
// The PIDF-LO document of `location`, appended to `x`; its entity is pres:<entity_id><entity_suffix>.
// `elin_element`: the ELINs also go in <ca:ELIN> (Teams; AudioCodes reads it before NAM).
void append_pidf(std::string& x, const Config& cfg, std::uint32_t location, bool elin_in_nam, std::string_view entity_id,
                 std::string_view entity_suffix, std::string_view method, bool elin_element);

// Whether a relay centre screens the call before a PSAP (domain §7: Microsoft's location-source table and
// the Direct Routing country rules). Decided for location-routing gateways only.
enum class ScreenCase : std::uint8_t {
    none,                  // not an emergency call, or no gateway
    not_location_gateway,  // ELIN or fixed routing: the PSTN routes on the number, nobody screens
    direct,                // US: a LIS or user-confirmed location goes straight to the PSAP
    common_area_static,    // US: a common area phone on its registered address goes straight to the PSAP
    screened,              // US: any other location class is screened and transferred
    canada,                // CA: every call is screened nationally first
    not_us,                // elsewhere: dynamic routing is US-only; the trunk's own routing applies
};
struct ScreeningDecision {
    ScreenCase why = ScreenCase::none;
    bool screened = false;
    std::string country;  // the country the rule was chosen by
};
ScreeningDecision decide_screening(const Compiled& c, const User* user, const Placement& pl, std::uint32_t gateway,
                                   std::uint32_t address);

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
    ScreeningDecision screening;
};
// Decides screening for an emergency call and, when screened, sends it to the relay centre (screening.cpp).
void apply_screening(Trace& t, const Compiled& c, const User* user, std::uint32_t gateway, std::uint32_t address,
                     Decisions& d);

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
    // false leaves Trace::pidf_lo empty even with Explain::steps (batch rows do not carry it,
    // and it is the costliest text of a trace).
    bool pidf = true;
};

// Runs every stage after placement, filling `out` in place (its storage is reused: batch loops
// allocate far less) and `d`; then renders as much explanation as `explain` asks for.
void simulate_placed_into(Trace& out, Decisions& d, const Compiled& c, const Call& call, Placement placement,
                          Explain explain);
Trace simulate_placed(const Compiled& c, const Call& call, Placement placement, Explain explain);

// ---- explanations (explain.cpp) ---------------------------------------------------------------------
// A Trace filled again (a batch's, a Python session's) keeps its steps while it is explained again:
// step `i` overwrites the previous row's step `i` in place, and only the steps one row has more or
// fewer than the last go through this thread's spare list. A row moves no step and allocates none.
// Step `i` of t.trace (i <= its size): the existing one, or a new one taken from the spare list.
TraceStep& step_at(Trace& t, std::size_t i);
// Gives t.trace's steps from `count` on to the spare list, leaving the first `count`.
void keep_steps(Trace& t, std::size_t count);
// Empties t.trace, its steps to the spare list (a trace not explained step by step this time).
inline void recycle_steps(Trace& t) { keep_steps(t, 0); }
// The trace steps for decisions already taken, in the order the platform takes them.
void explain_steps(const Compiled& c, const Call& call, const Decisions& d, Trace& t);
std::string explain_psap(const Compiled& c, const Gateway& g, const PsapReach& r, const std::string& elin);
// Why a screened call reaches the relay centre, appended to psap_reason (explain_screening.cpp).
std::string explain_screening_reason(const Compiled& c, const Decisions& d);

}  // namespace e911::detail
