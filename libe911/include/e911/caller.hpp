// A caller: what was dialled, by whom, and where the client says it is. Every way of describing a
// caller (command-line flags, batch rows, Python keyword arguments) sets the same fields through
// set_caller_field(); the simulator validates the whole caller once and names the field in its
// errors ("ip: ...", "dialed `9x11`: ..."), never a command-line flag.
#pragma once
#include <optional>
#include <string>

#include "e911/error.hpp"  // UsageError
#include "e911/model.hpp"

namespace e911 {

// How the client came by the location it brings (Microsoft's location-source table).
enum class ClientLocationSource : std::uint8_t { confirmed, unconfirmed, entered };

struct Caller {
    std::string dialed;      // digits, +, * and #
    std::string user;        // user id
    std::string ip;          // client address, optionally with its prefix length ("10.10.0.57/24")
    std::string public_ip;   // the address Teams sees (NAT egress)
    std::string bssid;
    std::string chassis_id;
    std::string port_id;
    std::optional<Platform> platform;
    std::optional<SfbClient> client;
    // gateways to treat as down for this call, comma-separated ids ("sbc1,sbc2"). Not a property of
    // the caller but of the network at call time; a field here so flags, batch columns and Python keywords
    // set it the same way.
    std::string down;
    // dual stack and client-supplied locations (domain §2, §7).
    std::string ip_other;         // the second client address (the other family) of a dual-stack caller
    std::string public_ip_other;  // the second public address (the other family)
    std::string client_location;  // a location or address id the client brings (OS location or typed)
    std::optional<ClientLocationSource> client_location_source;  // unset: entered
};

// Sets the caller field `name` (dialed or dial, user, ip, public_ip, bssid, chassis_id, port_id,
// platform, client, down, client_location, client_location_source) from text. `ip` and `public_ip` take one
// address, or two separated by whitespace (a dual-stack caller: one IPv4, one IPv6). Returns false when
// `name` is not a caller field; throws UsageError
// naming the field for a value that can never be valid (platform `x`: expected teams or sfb).
bool set_caller_field(Caller& caller, const std::string& name, const std::string& value);

}  // namespace e911
