// One description per object kind: every key of the configuration format, its value type, whether it is
// required, the model member it fills and (by the member's initial value) its default.
//
// A description is a function template `Describe<T>::fields(v, obj)` that names each key to a visitor `v`,
// in the order the format lists them. The same description is walked by the decoder (load/decode.cpp),
// the writer (`e911 convert`, Python's model JSON: questions/export.cpp), the reference walk (refs.hpp),
// the id indexes (model.cpp) and the schema/stub parity tests. Adding a key means adding one line here.
//
// A visitor provides `field(key, member, ...)` overloads (the member's C++ type is the value type),
// `ignored(key)` for keys accepted but not kept, and `objects(key, list, Describer, opt)` for nested lists
// of objects. Config's description adds `raw`, `object`, `section` and `list` (a list of one object kind).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "e911/model.hpp"

namespace e911::detail {

// The syntax a string value must have (it picks the check and the diagnostic a bad one gets).
enum class Syntax : std::uint8_t {
    text,           // any string
    digits,         // a dial string: 0-9 only
    e164,           // +<country code><number>
    country,        // ISO 3166-1 alpha-2, upper case
    sip,            // sip:...
    date,           // YYYY-MM-DD
    target,         // <kind>/<id>
    access_prefix,  // 1-4 of 0-9 * #
    chassis,        // a MAC address (normalised) or an IP address
    port_id,        // an LLDP port ID: a MAC address (normalised like a BSSID) or any other text as written
    elin,           // an E.164 number, or a Teams ELIN name matched in the SBC's ELIN table (MICROSOFT_ELIN)
};

// What a description says about one key beyond its value type.
struct Opt {
    bool required = false;  // a missing key is an error (required strings are always written back)
    bool key = false;       // identifies the entry: one whose key is missing or malformed is dropped
    Syntax syntax = Syntax::text;
    const char* hint = nullptr;  // the fix offered for a missing or malformed value (else the syntax's)
    long lo = 0, hi = 0;         // range of a number
    bool write_empty = false;    // a nested list written back even when empty
    Kind alternative = Kind::config;  // a reference: the second kind its id may name (config: none)
};

// One key of a key/value list such as a service area's {country, state, ...}.
template <class Pairs>
struct Keyed {
    Pairs* pairs;
};
template <class Pairs>
Keyed<Pairs> keyed(Pairs& p) {
    return {&p};
}

// Enum names as written in the format.
inline constexpr std::pair<const char*, Platform> kPlatforms[] = {{"teams", Platform::teams}, {"sfb", Platform::sfb}};
inline constexpr std::pair<const char*, NotificationMode> kPolicyModes[] = {
    {"notification_only", NotificationMode::notification_only},
    {"conference_muted", NotificationMode::conference_muted},
    {"conference_unmuted", NotificationMode::conference_unmuted}};
inline constexpr std::pair<const char*, NotificationMode> kExtendedModes[] = {
    {"none", NotificationMode::none},
    {"notification_only", NotificationMode::notification_only},
    {"conference_muted", NotificationMode::conference_muted},
    {"conference_unmuted", NotificationMode::conference_unmuted}};
inline constexpr std::pair<const char*, LocationRequired> kLocationRequired[] = {
    {"no", LocationRequired::no}, {"yes", LocationRequired::yes}, {"disclaimer", LocationRequired::disclaimer}};
inline constexpr std::pair<const char*, ConferenceMode> kConferenceModes[] = {{"oneway", ConferenceMode::oneway},
                                                                              {"twoway", ConferenceMode::twoway}};
inline constexpr std::pair<const char*, EmergencyRouting> kRoutings[] = {
    {"location", EmergencyRouting::location}, {"elin", EmergencyRouting::elin}, {"fixed", EmergencyRouting::fixed}};
inline constexpr std::pair<const char*, SfbClient> kClients[] = {{"modern", SfbClient::modern},
                                                                 {"legacy", SfbClient::legacy}};
inline constexpr std::pair<const char*, PstnConnectivity> kPstn[] = {
    {"direct_routing", PstnConnectivity::direct_routing},
    {"calling_plan", PstnConnectivity::calling_plan},
    {"operator_connect", PstnConnectivity::operator_connect}};

inline constexpr const char* kE164Hint =
    "write it as +<country code><number> with no spaces or dashes, e.g. \"+12175550100\"";
inline constexpr Opt kId{.required = true};
inline constexpr Opt kCountry{.syntax = Syntax::country};
inline constexpr Opt kE164{.syntax = Syntax::e164};
inline constexpr Opt kDigits{.syntax = Syntax::digits};
inline constexpr Opt kElin{.syntax = Syntax::elin};
inline constexpr Opt kRequiredRef{.required = true};

template <class T>
struct Describe;  // specialised below for every object kind and nested object

// ----------------------------------------------------------------- object kinds (they have ids)

template <>
struct Describe<Address> {
    static constexpr Kind kind = Kind::address;
    static constexpr const char* plural = "addresses";
    static const std::string& id(const Address& a) { return a.id; }
    template <class V, class O>
    static void fields(V& v, O& a) {
        v.field("id", a.id, kId);
        v.field("company", a.company);
        v.field("house_number", a.house_number);
        v.field("house_number_suffix", a.house_number_suffix);
        v.field("pre_directional", a.pre_directional);
        v.field("street_name", a.street_name);
        v.field("street_suffix", a.street_suffix);
        v.field("post_directional", a.post_directional);
        v.field("city", a.city);
        v.field("county", a.county);
        v.field("state", a.state);
        v.field("postal_code", a.postal_code);
        v.field("country", a.country, kCountry);
        v.field("latitude", a.latitude, Opt{.lo = -90, .hi = 90});
        v.field("longitude", a.longitude, Opt{.lo = -180, .hi = 180});
        v.field("validated", a.validated);
        v.field("elins", a.elins, kElin);
        v.ignored("description");
    }
};

template <>
struct Describe<Location> {
    static constexpr Kind kind = Kind::location;
    static constexpr const char* plural = "locations";
    static const std::string& id(const Location& l) { return l.id; }
    template <class V, class O>
    static void fields(V& v, O& l) {
        v.field("id", l.id, kId);
        v.field("address", l.address, Kind::address, kRequiredRef);
        v.field("place", l.place);
        v.field("elins", l.elins, kElin);
        v.ignored("description");
    }
};

template <>
struct Describe<Region> {
    static constexpr Kind kind = Kind::region;
    static constexpr const char* plural = "regions";
    static const std::string& id(const Region& r) { return r.id; }
    template <class V, class O>
    static void fields(V& v, O& r) {
        v.field("id", r.id, kId);
        v.ignored("description");
        v.ignored("central_site");
    }
};

template <>
struct Describe<Site> {
    static constexpr Kind kind = Kind::site;
    static constexpr const char* plural = "sites";
    static const std::string& id(const Site& s) { return s.id; }
    template <class V, class O>
    static void fields(V& v, O& s) {
        v.field("id", s.id, kId);
        v.field("region", s.region, Kind::region);
        v.field("country", s.country, kCountry);
        v.field("emergency_calling_policy", s.emergency_calling_policy, Kind::emergency_calling_policy);
        v.field("emergency_call_routing_policy", s.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        v.field("location_policy", s.location_policy, Kind::location_policy);
        v.ignored("description");
    }
};

template <>
struct Describe<Subnet> {
    static constexpr Kind kind = Kind::subnet;
    static constexpr const char* plural = "subnets";
    static std::string id(const Subnet& s) { return s.key(); }
    template <class V, class O>
    static void fields(V& v, O& s) {
        v.field("prefix", s.prefix, Opt{.required = true, .key = true});
        v.field("site", s.site, Kind::site, kRequiredRef);
        v.field("description", s.description);
    }
};

// Written as a bare string in `network.trusted_ips`, not as a mapping.
template <>
struct Describe<TrustedIp> {
    static constexpr Kind kind = Kind::trusted_ip;
    static constexpr const char* plural = "trusted_ips";
    static constexpr bool scalar_form = true;
    static std::string id(const TrustedIp& t) { return t.prefix.to_string(); }
    template <class V, class O>
    static void fields(V& v, O& t) {
        v.field("prefix", t.prefix,
                Opt{.required = true, .key = true, .hint = "write a public address or prefix, e.g. 203.0.113.0/28"});
    }
};

template <>
struct Describe<LisSubnet> {
    static constexpr Kind kind = Kind::lis_subnet;
    static constexpr const char* plural = "lis_subnets";
    static std::string id(const LisSubnet& s) { return s.network_id.to_string(); }
    template <class V, class O>
    static void fields(V& v, O& s) {
        v.field("network_id", s.network_id, Opt{.required = true, .key = true});
        v.field("location", s.location, Kind::location, kRequiredRef);
        v.ignored("description");
    }
};

template <>
struct Describe<WirelessAccessPoint> {
    static constexpr Kind kind = Kind::wireless_access_point;
    static constexpr const char* plural = "wireless_access_points";
    static std::string id(const WirelessAccessPoint& w) { return w.bssid.to_string(); }
    template <class V, class O>
    static void fields(V& v, O& w) {
        v.field(
            "bssid", w.bssid,
            Opt{.required = true,
                .key = true,
                .hint =
                    "write the BSSID as nn-nn-nn-nn-nn-nn; a trailing `*` may cover the last one or two hex digits"});
        v.field("location", w.location, Kind::location, kRequiredRef);
        v.field("site", w.site, Kind::site);
        v.field("description", w.description);
    }
};

inline constexpr Opt kChassis{.required = true, .key = true, .syntax = Syntax::chassis};

template <>
struct Describe<Switch> {
    static constexpr Kind kind = Kind::switch_;
    static constexpr const char* plural = "switches";
    static const std::string& id(const Switch& s) { return s.chassis_id; }
    template <class V, class O>
    static void fields(V& v, O& s) {
        v.field("chassis_id", s.chassis_id, kChassis);
        v.field("location", s.location, Kind::location, kRequiredRef);
        v.field("site", s.site, Kind::site);
        v.ignored("description");
    }
};

template <>
struct Describe<Port> {
    static constexpr Kind kind = Kind::port;
    static constexpr const char* plural = "ports";
    static std::string id(const Port& p) { return p.key(); }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("chassis_id", p.chassis_id, kChassis);
        v.field("port_id", p.port_id, Opt{.required = true, .key = true, .syntax = Syntax::port_id});
        v.field("location", p.location, Kind::location, kRequiredRef);
        v.field("site", p.site, Kind::site);
        v.ignored("description");
    }
};

template <>
struct Describe<ExtendedNotification> {
    template <class V, class O>
    static void fields(V& v, O& e) {
        v.field("dial_string", e.dial_string, Opt{.required = true, .key = true, .syntax = Syntax::digits});
        v.field("notification_mode", e.notification_mode, kExtendedModes);
        v.field("notification_group", e.notification_group);
        v.field("notification_dial_out", e.notification_dial_out, kE164);
    }
};

template <>
struct Describe<EmergencyCallingPolicy> {
    static constexpr Kind kind = Kind::emergency_calling_policy;
    static constexpr const char* plural = "emergency_calling_policies";
    static const std::string& id(const EmergencyCallingPolicy& p) { return p.id; }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("id", p.id, kId);
        v.ignored("description");
        v.field("notification_mode", p.notification_mode, kPolicyModes);
        v.field("notification_group", p.notification_group);
        v.field("notification_dial_out", p.notification_dial_out, kE164);
        v.field("external_location_lookup", p.external_location_lookup);
        v.objects("extended_notifications", p.extended_notifications, Describe<ExtendedNotification>{});
    }
};

// An emergency number of a Teams routing policy (with its PSTN usage) or of an SfB location policy
// (whose usage is the policy's own): two descriptions of one model type.
template <bool Teams>
struct DescribeNumber {
    template <class V, class O>
    static void fields(V& v, O& n) {
        v.field("dial_string", n.dial_string, Opt{.required = true, .key = true, .syntax = Syntax::digits});
        v.field("dial_masks", n.dial_masks, kDigits);
        if constexpr (Teams) v.field("pstn_usage", n.pstn_usage, Kind::pstn_usage, kRequiredRef);
        v.ignored("description");
    }
};

template <>
struct Describe<EmergencyCallRoutingPolicy> {
    static constexpr Kind kind = Kind::emergency_call_routing_policy;
    static constexpr const char* plural = "emergency_call_routing_policies";
    static const std::string& id(const EmergencyCallRoutingPolicy& p) { return p.id; }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("id", p.id, kId);
        v.ignored("description");
        v.field("enhanced_emergency_services", p.enhanced_emergency_services);
        v.objects("numbers", p.numbers, DescribeNumber<true>{}, Opt{.write_empty = true});
    }
};

template <>
struct Describe<LocationPolicy> {
    static constexpr Kind kind = Kind::location_policy;
    static constexpr const char* plural = "location_policies";
    static const std::string& id(const LocationPolicy& p) { return p.id; }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("id", p.id, kId);
        v.ignored("description");
        v.field("enhanced_emergency_services", p.enhanced_emergency_services);
        v.field("location_required", p.location_required, kLocationRequired);
        v.field("pstn_usage", p.pstn_usage, Kind::pstn_usage);
        v.field("dial_string", p.dial_string, kDigits);
        v.field("dial_masks", p.dial_masks, kDigits);
        v.objects("numbers", p.numbers, DescribeNumber<false>{}, Opt{.write_empty = true});
        v.field("notification_uris", p.notification_uris,
                Opt{.syntax = Syntax::sip, .hint = "write SIP URIs such as sip:security@contoso.com"});
        v.field("conference_uri", p.conference_uri,
                Opt{.syntax = Syntax::sip, .hint = "write a SIP URI such as sip:+12175550199@contoso.com;user=phone"});
        v.field("conference_mode", p.conference_mode, kConferenceModes);
    }
};

// Written as a bare string (its name) in `voice.pstn_usages`.
template <>
struct Describe<PstnUsage> {
    static constexpr Kind kind = Kind::pstn_usage;
    static constexpr const char* plural = "pstn_usages";
    static constexpr bool scalar_form = true;
    static const std::string& id(const PstnUsage& u) { return u.id; }
    template <class V, class O>
    static void fields(V& v, O& u) {
        v.field("id", u.id, kId);
    }
};

template <>
struct Describe<Gateway> {
    static constexpr Kind kind = Kind::gateway;
    static constexpr const char* plural = "gateways";
    static const std::string& id(const Gateway& g) { return g.id; }
    template <class V, class O>
    static void fields(V& v, O& g) {
        v.field("id", g.id, kId);
        v.ignored("description");
        v.field("enabled", g.enabled);
        v.field("pidf_lo", g.pidf_lo);
        v.field("address", g.address, Kind::address);
        v.field("emergency_routing", g.emergency_routing, kRoutings);
        v.field("fallback_psap", g.fallback_psap, Kind::psap);
        v.field("elin_callback_minutes", g.elin_callback_minutes, Opt{.lo = 0, .hi = 60});  // 0: no callback routing
    }
};

template <>
struct Describe<Route> {
    static constexpr Kind kind = Kind::route;
    static constexpr const char* plural = "routes";
    static const std::string& id(const Route& r) { return r.id; }
    template <class V, class O>
    static void fields(V& v, O& r) {
        v.field("id", r.id, kId);
        v.ignored("description");
        v.field("priority", r.priority, Opt{.lo = 0, .hi = 1000000});
        v.field("number_pattern", r.number_pattern,
                Opt{.required = true, .hint = "add a .NET regular expression such as '^\\+?911$'"});
        v.field("pstn_usages", r.pstn_usages, Kind::pstn_usage);
        v.field("gateways", r.gateways, Kind::gateway);
    }
};

template <>
struct Describe<RoutingPolicy> {
    static constexpr Kind kind = Kind::routing_policy;
    static constexpr const char* plural = "routing_policies";
    static const std::string& id(const RoutingPolicy& p) { return p.id; }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("id", p.id, kId);
        v.ignored("description");
        v.field("pstn_usages", p.pstn_usages, Kind::pstn_usage);
    }
};

template <>
struct Describe<NormalizationRule> {
    template <class V, class O>
    static void fields(V& v, O& r) {
        v.field("name", r.name, kId);
        v.field("pattern", r.pattern, kId);
        v.field("translation", r.translation, kId);
        v.field("priority", r.priority, Opt{.lo = 0, .hi = 1000000});
        v.ignored("description");
    }
};

template <>
struct Describe<DialPlan> {
    static constexpr Kind kind = Kind::dial_plan;
    static constexpr const char* plural = "dial_plans";
    static const std::string& id(const DialPlan& d) { return d.id; }
    template <class V, class O>
    static void fields(V& v, O& d) {
        v.field("id", d.id, kId);
        v.ignored("description");
        v.field("external_access_prefix", d.external_access_prefix, Opt{.syntax = Syntax::access_prefix});
        v.objects("rules", d.rules, Describe<NormalizationRule>{}, Opt{.write_empty = true});
    }
};

template <>
struct Describe<User> {
    static constexpr Kind kind = Kind::user;
    static constexpr const char* plural = "users";
    static const std::string& id(const User& u) { return u.id; }
    template <class V, class O>
    static void fields(V& v, O& u) {
        v.field("id", u.id, kId);
        v.ignored("display_name");
        v.field("platform", u.platform, kPlatforms);
        v.field("country", u.country, kCountry);
        v.field("phone_number", u.phone_number, kE164);
        v.field("emergency_calling_policy", u.emergency_calling_policy, Kind::emergency_calling_policy);
        v.field("emergency_call_routing_policy", u.emergency_call_routing_policy, Kind::emergency_call_routing_policy);
        v.field("location_policy", u.location_policy, Kind::location_policy);
        v.field("routing_policy", u.routing_policy, Kind::routing_policy);
        v.field("dial_plan", u.dial_plan, Kind::dial_plan);
        v.field("sfb_client", u.sfb_client, kClients);
        v.field("pstn", u.pstn, kPstn);
        v.field("usage_location", u.usage_location, kCountry);
        v.field("emergency_address", u.emergency_address, Kind::location, Opt{.alternative = Kind::address});
        v.field("common_area_phone", u.common_area_phone);
    }
};

// Every key present must match the address (see compile/): kept as (key, value) pairs in format order.
template <>
struct Describe<ServiceArea> {
    template <class V, class O>
    static void fields(V& v, O& a) {
        v.field("country", keyed(a.keys), kCountry);
        for (const char* key : {"state", "county", "city", "postal_code"}) v.field(key, keyed(a.keys));
    }
};

template <>
struct Describe<Psap> {
    static constexpr Kind kind = Kind::psap;
    static constexpr const char* plural = "psaps";
    static const std::string& id(const Psap& p) { return p.id; }
    template <class V, class O>
    static void fields(V& v, O& p) {
        v.field("id", p.id, kId);
        v.field("name", p.name);
        v.field("relay", p.relay);
        v.ignored("uri");
        v.ignored("description");
        v.objects("serves", p.serves, Describe<ServiceArea>{}, Opt{.write_empty = true});
    }
};

// Waivers have no id of their own: they are not indexed and nothing refers to them.
template <>
struct Describe<Waiver> {
    static constexpr Kind kind = Kind::waiver;
    static constexpr const char* plural = "waivers";
    template <class V, class O>
    static void fields(V& v, O& w) {
        v.field("rule", w.rule,
                Opt{.required = true,
                    .hint = "name the lint rule id this waiver accepts, e.g. kari-notification-building"});
        v.field("target", w.target,
                Opt{.required = true,
                    .syntax = Syntax::target,
                    .hint = "write the target as <kind>/<id>, e.g. site/campus-wifi"});
        v.field(
            "reason", w.reason,
            Opt{.required = true, .hint = "say why the risk is accepted; a waiver without a reason is not accepted"});
        v.field("approved_by", w.approved_by, Opt{.required = true, .hint = "name who accepted the risk"});
        v.field("expires", w.expires,
                Opt{.required = true,
                    .syntax = Syntax::date,
                    .hint = "give an expiry date as YYYY-MM-DD; waivers must be reviewed"});
    }
};

template <>
struct Describe<Defaults> {
    template <class V, class O>
    static void fields(V& v, O& d) {
        v.field("platform", d.platform, kPlatforms);
        v.field("country", d.country, kCountry);
    }
};

// The document: where each object kind's list lives (`network.sites`, `voice.routes`, ...).
template <>
struct Describe<Config> {
    template <class V, class C>
    static void fields(V& v, C& c) {
        v.field("version", c.version,
                Opt{.required = true, .hint = "add `version: 1` at the top of the file", .lo = 1, .hi = 1000});
        v.raw("include");  // resolved before decoding
        v.ignored("$schema");  // the editor's schema reference: a string, not kept
        v.field("name", c.name);
        v.field("description", c.description);
        v.object("defaults", c.defaults);
        v.list("addresses", c.addresses);
        v.list("locations", c.locations);
        v.section("network", [&](auto& s) {
            s.list("trusted_ips", c.trusted_ips);
            s.list("regions", c.regions);
            s.list("sites", c.sites);
            s.list("subnets", c.subnets);
        });
        v.section("lis", [&](auto& s) {
            s.list("subnets", c.lis_subnets);
            s.list("wireless_access_points", c.wireless_access_points);
            s.list("switches", c.switches);
            s.list("ports", c.ports);
        });
        v.list("emergency_calling_policies", c.emergency_calling_policies);
        v.list("emergency_call_routing_policies", c.emergency_call_routing_policies);
        v.list("location_policies", c.location_policies);
        v.section("voice", [&](auto& s) {
            s.list("pstn_usages", c.pstn_usages);
            s.list("gateways", c.gateways);
            s.list("routes", c.routes);
            s.list("routing_policies", c.routing_policies);
            s.list("dial_plans", c.dial_plans);
        });
        v.list("users", c.users);
        v.list("psaps", c.psaps);
        v.list("waivers", c.waivers);
    }
};

template <class T>
inline constexpr bool is_scalar_form = requires {
    Describe<T>::scalar_form;
};
template <class T>
inline constexpr bool has_id = requires(const T& t) {
    Describe<T>::id(t);
};

// The list walk's visitor: only the lists of object kinds matter.
template <class F>
struct ListWalk {
    F& f;
    template <class... A>
    void field(const char*, A&&...) {}
    void raw(const char*) {}
    void ignored(const char*) {}
    template <class D>
    void object(const char*, D&) {}
    template <class B>
    void section(const char*, B body) {
        body(*this);
    }
    template <class L>
    void list(const char*, L& l) {
        f(l);
    }
};

// Calls f(list) for every object kind's list in the document, in format order. `list` is the
// model's vector (const when `c` is const); Describe<element type> says the rest.
template <class C, class F>
void for_each_list(C& c, F&& f) {
    ListWalk<F> v{f};
    Describe<Config>::fields(v, c);
}

// How many objects the document's lists hold together: the size that decides whether loading,
// compiling and linting are worth spreading over threads (kParallelObjects, util/parallel.hpp).
inline std::size_t object_count(const Config& c) {
    std::size_t n = 0;
    for_each_list(c, [&](const auto& list) { n += list.size(); });
    return n;
}

// Calls f(list) for the list holding `kind`'s objects; false when the kind has none (waiver, config).
template <class C, class F>
bool with_list(C& c, Kind kind, F&& f) {
    bool found = false;
    for_each_list(c, [&](auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if (Describe<T>::kind == kind) found = true, f(list);
    });
    return found;
}

}  // namespace e911::detail
