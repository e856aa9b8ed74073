// Simulation: a caller dials digits; what does the platform do, step by step?
// Each decision: docs/behaviour.md. Traces are data; only usage errors (unknown user, malformed address) throw.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "e911/caller.hpp"
#include "e911/model.hpp"

namespace e911 {

// What became of the call; JSON names are to_string()'s.
enum class Outcome : std::uint8_t { routed, no_route, not_enabled, not_emergency_routed, not_emergency_no_route };
// Where the LIS location came from; `none` (JSON null) when no location was found.
enum class LocationSource : std::uint8_t { none, wireless_access_point, port, switch_, lis_subnet };
const char* to_string(Outcome);
const char* to_string(LocationSource);  // "switch" for switch_
// Where the caller's location came from (domain §7); decides direct vs screened-and-transferred.
enum class LocationClass : std::uint8_t { none, lis, user_confirmed, os_unconfirmed, user_entered, static_ };
const char* to_string(LocationClass);  // "static" for static_

// How much explanation a simulation builds; the decisions and result fields are the same at
// every level. `reasons` adds psap_reason; `steps` also the step-by-step trace and the PIDF-LO.
enum class Explain : std::uint8_t { none, reasons, steps };

struct TraceStep {
    std::string step;
    std::string result;
    std::string because;
    std::string file;
    std::uint32_t line = 0;
};

struct Notifications {
    // Teams: the policy's mode; SfB: conference_oneway / conference_twoway / notification_only / none.
    NotificationMode mode = NotificationMode::none;
    std::vector<std::string> group;
    std::string dial_out;
    std::vector<std::string> uris;
    std::string conference_uri;
    bool anyone() const {
        return mode != NotificationMode::none &&
               (!group.empty() || !dial_out.empty() || !uris.empty() || !conference_uri.empty());
    }
    // Whether conferenced parties are muted: null when nobody is conferenced in. A Teams dial-out
    // party is always muted; conference_unmuted only unmutes the notification group.
    std::optional<bool> muted() const {
        if (mode == NotificationMode::conference_muted || mode == NotificationMode::conference_oneway) return true;
        if (mode == NotificationMode::conference_unmuted || mode == NotificationMode::conference_twoway) return false;
        return std::nullopt;
    }
};

struct EffectivePolicies {
    std::string emergency_calling, emergency_call_routing, location, routing, dial_plan;
};

// Field names follow the JSON contract of `e911 simulate --format json`; empty = null.
struct Trace {
    std::string dialed;
    std::string normalized;     // after the dial plan
    bool emergency = false;
    std::string dial_string;
    Platform platform = Platform::teams;
    std::optional<bool> trusted;
    std::string user;
    std::string site;
    std::string location;
    LocationSource location_source = LocationSource::none;
    std::string address;
    EffectivePolicies policies;
    std::string pstn_usage;
    std::string route;
    std::vector<std::string> gateways;
    std::string calling_number;
    std::string elin;
    std::string psap;
    std::string psap_reason;  // why this PSAP: the gateway's routing and what it routed on
    bool psap_relay = false;
    std::vector<std::string> psap_expected;
    std::optional<bool> psap_correct;
    std::optional<Notifications> notifications;
    Outcome outcome = Outcome::not_emergency_no_route;
    std::string pidf_lo;
    std::vector<TraceStep> trace;
    // gateways of the routes tried that were skipped because they were given as down, in the order
    // met (JSON `gateways_down`); `route` and `gateways` say where the call went instead.
    std::vector<std::string> gateways_down;
    // how a Teams caller reaches the PSTN (Direct Routing, Calling Plan, Operator Connect); null for
    // Skype for Business callers.
    std::optional<PstnConnectivity> pstn;
    // where the location came from, and whether a relay centre screens the call before a PSAP.
    LocationClass location_class = LocationClass::none;
    bool screened = false;
};

std::string trace_to_json(const Trace& t, int indent = 2);
std::string trace_to_text(const Trace& t);

namespace detail { class Compiled; }

// Compiles the configuration's lookup structures once; simulate() is const and thread-safe.
// The Config must outlive the Simulator.
class Simulator {
public:
    explicit Simulator(const Config& config);
    ~Simulator();
    Simulator(Simulator&&) noexcept;
    Simulator& operator=(Simulator&&) noexcept;

    Trace simulate(const Caller& caller) const;  // throws UsageError naming the caller field
    Trace simulate(const Caller& caller, Explain explain) const;
    const Config& config() const;
    const detail::Compiled& compiled() const { return *compiled_; }

private:
    std::unique_ptr<detail::Compiled> compiled_;
};

// PIDF-LO (RFC 4119 / 5139 civic, RFC 5491 device profile) for a location.
// `elin_in_nam` puts the ELINs in NAM as Skype for Business does. Throws UsageError for an unknown id.
std::string pidf(const Config& config, const std::string& location_id, bool elin_in_nam = false);

}  // namespace e911
