// The vendor-neutral model of one organisation's emergency-calling configuration.
// Plain value types; references are kept by id and resolved to indexes after load.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/net.hpp"

namespace e911 {

constexpr std::uint32_t npos = 0xFFFFFFFFu;

// A reference to another object by id; `index` is filled in by resolution (npos if dangling or unset).
// A few references may name an object of either of two kinds (a user's emergency address: a location or an
// address); `alternative` then says the id resolved to the second kind.
struct Ref {
    std::string id;
    std::uint32_t index = npos;
    bool alternative = false;
    bool set() const { return !id.empty(); }
    bool resolved() const { return index != npos; }
};

// Where an object and each of its fields were written. Field names are the format's keys.
struct Positions {
    SourcePos self;
    // Keys are the format's own names (static strings): no allocation per field of a million objects.
    std::vector<std::pair<std::string_view, SourcePos>> fields;
    SourcePos of(std::string_view key) const;  // the field's position, else the object's
};

enum class Platform : std::uint8_t { teams, sfb };
// The last two are Skype for Business conference modes, used only in simulation results.
enum class NotificationMode : std::uint8_t {
    none, notification_only, conference_muted, conference_unmuted, conference_oneway, conference_twoway
};
enum class LocationRequired : std::uint8_t { no, yes, disclaimer };
enum class ConferenceMode : std::uint8_t { oneway, twoway };
enum class EmergencyRouting : std::uint8_t { location, elin, fixed };
enum class SfbClient : std::uint8_t { modern, legacy };
// How a Teams user reaches the PSTN (domain §5, v2): only Direct Routing uses the routing policies of this model.
enum class PstnConnectivity : std::uint8_t { direct_routing, calling_plan, operator_connect };

const char* to_string(Platform);
const char* to_string(NotificationMode);
const char* to_string(LocationRequired);
const char* to_string(ConferenceMode);
const char* to_string(EmergencyRouting);
const char* to_string(SfbClient);
const char* to_string(PstnConnectivity);

struct Defaults {
    Platform platform = Platform::teams;
    std::string country;  // ISO 3166-1 alpha-2, may be empty
    Positions pos;
};

struct Address {
    std::string id;
    std::string company, house_number, house_number_suffix, pre_directional, street_name, street_suffix,
        post_directional, city, county, state, postal_code, country;
    std::optional<double> latitude, longitude;
    bool validated = false;
    std::vector<std::string> elins;
    Positions pos;
};

struct Location {
    std::string id;
    Ref address;
    std::string place;  // floor / suite / room
    std::vector<std::string> elins;
    Positions pos;
};

struct Region {
    std::string id;
    Positions pos;
};

struct Site {
    std::string id;
    Ref region;
    std::string country;  // optional: what law and numbers apply here
    Ref emergency_calling_policy;        // Teams notification
    Ref emergency_call_routing_policy;   // Teams Direct Routing
    Ref location_policy;                 // Skype for Business (network site)
    Positions pos;
};

struct Subnet {
    IpPrefix prefix;
    Ref site;
    std::string description;
    Positions pos;
    std::string key() const { return prefix.to_string(); }
};

struct TrustedIp {
    IpPrefix prefix;
    Positions pos;
};

struct LisSubnet {
    IpAddress network_id;
    Ref location;
    Positions pos;
};

// `site` (optional, our addition to the format) names the network site whose subnets this element's
// clients get addresses in; it is what ties a BSSID or switch to a site's notification policy.
struct WirelessAccessPoint {
    MacAddress bssid;
    Ref location;
    Ref site;
    std::string description;
    Positions pos;
};

struct Switch {
    std::string chassis_id;  // normalised MAC when MAC-shaped, else as written (e.g. an IP)
    Ref location;
    Ref site;
    Positions pos;
};

struct Port {
    std::string chassis_id;
    std::string port_id;
    Ref location;
    Ref site;
    Positions pos;
    std::string key() const { return chassis_id + "/" + port_id; }
};

struct ExtendedNotification {
    std::string dial_string;
    std::optional<NotificationMode> notification_mode;
    std::optional<std::vector<std::string>> notification_group;
    std::optional<std::string> notification_dial_out;
    Positions pos;
};

struct EmergencyCallingPolicy {
    std::string id;
    NotificationMode notification_mode = NotificationMode::notification_only;
    std::vector<std::string> notification_group;
    std::string notification_dial_out;
    bool external_location_lookup = false;
    std::vector<ExtendedNotification> extended_notifications;
    Positions pos;
};

struct EmergencyNumber {
    std::string dial_string;
    std::vector<std::string> dial_masks;
    Ref pstn_usage;  // Teams only; SfB numbers use the location policy's usage
    Positions pos;
};

struct EmergencyCallRoutingPolicy {
    std::string id;
    bool enhanced_emergency_services = true;
    std::vector<EmergencyNumber> numbers;
    Positions pos;
};

struct LocationPolicy {
    std::string id;
    bool enhanced_emergency_services = false;  // the cmdlet's default
    LocationRequired location_required = LocationRequired::no;
    Ref pstn_usage;
    std::string dial_string;              // legacy single number (older clients)
    std::vector<std::string> dial_masks;  // legacy masks
    std::vector<EmergencyNumber> numbers; // multiple emergency numbers (newer clients)
    std::vector<std::string> notification_uris;
    std::string conference_uri;
    ConferenceMode conference_mode = ConferenceMode::oneway;
    Positions pos;
};

struct PstnUsage {
    std::string id;
    Positions pos;
};

struct Gateway {
    std::string id;
    bool enabled = true;
    bool pidf_lo = false;  // Microsoft's default for PIDF-LO support is off
    Ref address;           // where the trunk is registered
    EmergencyRouting emergency_routing = EmergencyRouting::location;
    Ref fallback_psap;
    int elin_callback_minutes = 30;
    Positions pos;
};

struct Route {
    std::string id;
    int priority = 1;
    std::string number_pattern;
    std::vector<Ref> pstn_usages;
    std::vector<Ref> gateways;
    Positions pos;
};

struct RoutingPolicy {
    std::string id;
    std::vector<Ref> pstn_usages;
    Positions pos;
};

struct NormalizationRule {
    std::string name;
    std::string pattern;
    std::string translation;
    std::optional<int> priority;  // SfB: lowest matching priority wins; absent: list order
    Positions pos;
};

struct DialPlan {
    std::string id;
    std::string external_access_prefix;
    std::vector<NormalizationRule> rules;
    Positions pos;
};

struct User {
    std::string id;
    std::optional<Platform> platform;  // unset: defaults.platform
    std::string country;
    std::string phone_number;
    Ref emergency_calling_policy;
    Ref emergency_call_routing_policy;
    Ref location_policy;
    Ref routing_policy;
    Ref dial_plan;
    SfbClient sfb_client = SfbClient::modern;
    PstnConnectivity pstn = PstnConnectivity::direct_routing;
    std::string usage_location;  // ISO country of the licence; empty: the user's country
    Ref emergency_address;       // static emergency address: a location, or (alternative) an address
    bool common_area_phone = false;
    Positions pos;
};

// One service-area entry: every key present must equal the address's value (case-insensitive).
struct ServiceArea {
    std::vector<std::pair<std::string, std::string>> keys;  // country, state, county, city, postal_code
    Positions pos;
};

struct Psap {
    std::string id;
    std::string name;
    bool relay = false;
    std::vector<ServiceArea> serves;
    Positions pos;
};

struct Waiver {
    std::string rule;
    std::string target;  // "<kind>/<id>"
    std::string reason;
    std::string approved_by;
    std::string expires;  // YYYY-MM-DD
    Positions pos;
};

// Object kinds as used in targets ("site/hall-a").
enum class Kind : std::uint8_t {
    address, location, region, site, subnet, trusted_ip, lis_subnet, wireless_access_point, switch_, port,
    emergency_calling_policy, emergency_call_routing_policy, location_policy, pstn_usage, gateway, route,
    routing_policy, dial_plan, user, psap, waiver, config
};
const char* to_string(Kind);
bool parse_kind(std::string_view text, Kind& out);

class Config {
public:
    int version = 1;
    std::string name;
    std::string description;
    Defaults defaults;
    std::vector<Address> addresses;
    std::vector<Location> locations;
    std::vector<TrustedIp> trusted_ips;
    std::vector<Region> regions;
    std::vector<Site> sites;
    std::vector<Subnet> subnets;
    std::vector<LisSubnet> lis_subnets;
    std::vector<WirelessAccessPoint> wireless_access_points;
    std::vector<Switch> switches;
    std::vector<Port> ports;
    std::vector<EmergencyCallingPolicy> emergency_calling_policies;
    std::vector<EmergencyCallRoutingPolicy> emergency_call_routing_policies;
    std::vector<LocationPolicy> location_policies;
    std::vector<PstnUsage> pstn_usages;
    std::vector<Gateway> gateways;
    std::vector<Route> routes;
    std::vector<RoutingPolicy> routing_policies;
    std::vector<DialPlan> dial_plans;
    std::vector<User> users;
    std::vector<Psap> psaps;
    std::vector<Waiver> waivers;

    std::vector<std::string> files;  // SourcePos::file indexes this; files[0] is the root document

    // O(1) lookups by id, valid after build_indexes(). Returns npos when absent.
    std::uint32_t find(Kind kind, std::string_view id) const;
    // (Re)builds the id indexes and resolves every Ref. Returns one entry per duplicate id
    // (kind, index of the later duplicate) so a loader can report them.
    std::vector<std::pair<Kind, std::uint32_t>> build_indexes();

    // Where a SourcePos points, as a path.
    const std::string& file_of(const SourcePos& p) const;
    // The effective country for an object with an optional own country.
    const std::string& country_or_default(const std::string& own) const {
        return own.empty() ? defaults.country : own;
    }
    Platform platform_of(const User& u) const { return u.platform.value_or(defaults.platform); }
    // The country whose emergency numbers a Calling Plan / Operator Connect user gets: usage_location, else
    // the user's country, else the default.
    const std::string& usage_location_of(const User& u) const {
        return u.usage_location.empty() ? country_or_default(u.country) : u.usage_location;
    }

private:
    // Per kind, an open-addressing table of slots (the id's 32-bit hash tag << 32 | the object's list
    // index). The ids stay in the lists: 8 bytes a slot and no strings or nodes, so building it for a
    // million objects costs no allocation per object, and copying a Config copies it as it is.
    std::vector<std::uint64_t> index_[static_cast<int>(Kind::config)];
    bool id_is(Kind kind, std::uint32_t index, std::string_view id) const;
};

}  // namespace e911
