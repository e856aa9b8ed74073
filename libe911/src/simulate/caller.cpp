// Caller setup: the one place a caller's fields are read, validated and parsed. Command-line flags,
// batch rows and Python keyword arguments all arrive here as the same named fields, so an error
// names the field (`ip: ...`) whichever way the caller was described.
#include <cctype>
#include <string_view>

#include "e911/limits.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911 {

namespace {

// "10.0.0.5/24 2001:db8::5/64": a dual-stack caller's two addresses; more than two is an error.
// Split by hand: a string stream per row cost a tenth of a batch's time in locale set-up.
void set_addresses(const char* field, std::string_view value, std::string& first, std::string& second) {
    std::string_view words[3];
    std::size_t n = 0, i = 0;
    auto space = [&](std::size_t at) { return std::isspace(static_cast<unsigned char>(value[at])) != 0; };
    while (n < 3) {
        while (i < value.size() && space(i)) ++i;
        if (i == value.size()) break;
        std::size_t start = i;
        while (i < value.size() && !space(i)) ++i;
        words[n++] = value.substr(start, i - start);
    }
    if (n == 3)
        throw UsageError(std::string(field) + " `" + std::string(value) + "`: give one address, or two (one IPv4, one IPv6)");
    first.assign(words[0]), second.assign(words[1]);
}

}  // namespace

bool set_caller_field(Caller& caller, const std::string& name, const std::string& value) {
    auto field = detail::caller_field(name);
    if (field) detail::set_caller_field(caller, *field, value);
    return field.has_value();
}

namespace detail {

std::optional<CallerField> caller_field(std::string_view name) {
    // By length first: every batch row's every column passes here.
    using namespace std::string_view_literals;
    using F = CallerField;
    switch (name.size()) {
        case 2: if (name == "ip"sv) return F::ip; break;
        case 4:
            if (name == "user"sv) return F::user;
            if (name == "dial"sv) return F::dialed;
            if (name == "down"sv) return F::down;
            break;
        case 5: if (name == "bssid"sv) return F::bssid; break;
        case 6:
            if (name == "dialed"sv) return F::dialed;
            if (name == "client"sv) return F::client;
            break;
        case 7: if (name == "port_id"sv) return F::port_id; break;
        case 8: if (name == "platform"sv) return F::platform; break;
        case 9: if (name == "public_ip"sv) return F::public_ip; break;
        case 10: if (name == "chassis_id"sv) return F::chassis_id; break;
        case 15: if (name == "client_location"sv) return F::client_location; break;
        case 22: if (name == "client_location_source"sv) return F::client_location_source; break;
        default: break;
    }
    return std::nullopt;
}

void set_caller_field(Caller& caller, CallerField field, std::string_view value) {
    switch (field) {
        case CallerField::dialed: caller.dialed.assign(value); break;
        case CallerField::user: caller.user.assign(value); break;
        case CallerField::ip: set_addresses("ip", value, caller.ip, caller.ip_other); break;
        case CallerField::public_ip: set_addresses("public_ip", value, caller.public_ip, caller.public_ip_other); break;
        case CallerField::client_location: caller.client_location.assign(value); break;
        case CallerField::client_location_source:
            if (value == "confirmed") caller.client_location_source = ClientLocationSource::confirmed;
            else if (value == "unconfirmed") caller.client_location_source = ClientLocationSource::unconfirmed;
            else if (value == "entered") caller.client_location_source = ClientLocationSource::entered;
            else throw UsageError("client_location_source `" + std::string(value) + "`: expected confirmed, unconfirmed or entered");
            break;
        case CallerField::bssid: caller.bssid.assign(value); break;
        case CallerField::chassis_id: caller.chassis_id.assign(value); break;
        case CallerField::port_id: caller.port_id.assign(value); break;
        case CallerField::down: caller.down.assign(value); break;
        case CallerField::platform:
            if (value == "teams") caller.platform = Platform::teams;
            else if (value == "sfb") caller.platform = Platform::sfb;
            else throw UsageError("platform `" + std::string(value) + "`: expected teams or sfb");
            break;
        case CallerField::client:
            if (value == "modern") caller.client = SfbClient::modern;
            else if (value == "legacy") caller.client = SfbClient::legacy;
            else throw UsageError("client `" + std::string(value) + "`: expected modern or legacy");
            break;
    }
}

const User* find_user(const Compiled& c, const std::string& id) {
    if (id.empty()) return nullptr;
    auto idx = c.callers().users_by_id.find(id);
    if (idx != npos) return &c.cfg.users[idx];
    std::vector<std::string> ids;
    for (const auto& u : c.cfg.users) ids.push_back(u.id);
    std::string sug = closest(id, ids);
    throw UsageError("user: unknown user `" + id + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
}

namespace {

void check_dialed(const std::string& dialed) {
    if (dialed.empty()) throw UsageError("dialed: nothing dialled");
    if (dialed.size() > limits::max_dial_length)
        throw UsageError("dialed is " + std::to_string(dialed.size()) + " characters, more than the limit of " +
                         std::to_string(limits::max_dial_length));
    for (char ch : dialed)
        if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != '+' && ch != '*' && ch != '#')
            throw UsageError("dialed `" + dialed + "`: use digits, +, * and # only");
}

// "::ffff:10.10.1.57" would silently match no IPv4 subnet: say which address to write instead.
void check_not_ipv4_mapped(const char* field, const std::string& ip) {
    if (ip.size() < 7 || ip[0] != ':' || !iequal_ascii(std::string_view(ip).substr(0, 7), "::ffff:") ||
        ip.find('.') == std::string::npos)
        return;
    throw UsageError(std::string(field) + " `" + ip + "` is an IPv4-mapped IPv6 address: sites and subnets are " +
                     "matched by the IPv4 address, so write " + ip.substr(7));
}

}  // namespace

ClientAddress parse_client_address(const std::string& text) {
    check_not_ipv4_mapped("ip", text);
    if (text.empty()) throw UsageError("ip: empty address");
    auto slash = text.find('/');
    std::string err;
    auto ip = parse_ip(text.substr(0, slash), &err);
    if (!ip) throw UsageError("ip: " + err);
    ClientAddress a{*ip, -1};
    if (slash != std::string::npos) {
        const std::string_view len = std::string_view(text).substr(slash + 1);
        int length = 0;
        if (is_digits(len) && len.size() <= 3)
            for (char ch : len) length = length * 10 + (ch - '0');
        else
            length = -1;
        if (length < 0 || length > ip->bits()) throw UsageError("ip: prefix length must be 0-" + std::to_string(ip->bits()));
        a.prefix_length = length;
    }
    return a;
}

namespace {

IpAddress parse_public_ip(const std::string& text) {
    check_not_ipv4_mapped("public_ip", text);
    std::string err;
    auto ip = parse_ip(text, &err);
    if (!ip) throw UsageError("public_ip: " + err);
    return *ip;
}

void check_families(const char* field, const std::optional<ClientAddress>& a, const std::optional<ClientAddress>& b) {
    if (!a || !b || a->ip.v6 != b->ip.v6) return;
    throw UsageError(std::string(field) + ": two " + (a->ip.v6 ? "IPv6" : "IPv4") +
                     " addresses; a dual-stack caller has one IPv4 and one IPv6");
}

// A location or address id the client brings; its class follows how the client came by it.
void set_client_location(const Compiled& c, const Caller& caller, CallerSetup& s) {
    if (caller.client_location.empty()) {
        if (caller.client_location_source)
            throw UsageError("client_location_source: give client_location too");
        return;
    }
    s.client_location = c.cfg.find(Kind::location, caller.client_location);
    if (s.client_location == npos) s.client_address = c.cfg.find(Kind::address, caller.client_location);
    if (s.client_location == npos && s.client_address == npos) {
        std::vector<std::string> ids;
        for (const auto& l : c.cfg.locations) ids.push_back(l.id);
        for (const auto& a : c.cfg.addresses) ids.push_back(a.id);
        std::string sug = closest(caller.client_location, ids);
        throw UsageError("client_location: no location or address `" + caller.client_location + "`" +
                         (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
    }
    auto source = caller.client_location_source.value_or(ClientLocationSource::entered);
    s.client_class = source == ClientLocationSource::confirmed     ? LocationClass::user_confirmed
                     : source == ClientLocationSource::unconfirmed ? LocationClass::os_unconfirmed
                                                                   : LocationClass::user_entered;
}

}  // namespace

CallerSetup setup_caller(const Compiled& c, const Caller& caller) {
    CallerSetup s;
    s.text = &caller;
    check_dialed(caller.dialed);
    s.user = find_user(c, caller.user);
    s.platform = caller.platform ? *caller.platform : s.user ? c.cfg.platform_of(*s.user) : c.cfg.defaults.platform;
    s.client = caller.client ? *caller.client : s.user ? s.user->sfb_client : SfbClient::modern;
    s.conditions = conditions_down(c, split_ids(caller.down));
    std::string err;
    if (!caller.public_ip.empty()) s.public_ip = parse_public_ip(caller.public_ip);
    if (!caller.public_ip_other.empty()) s.public_ip_other = parse_public_ip(caller.public_ip_other);
    if (!caller.ip.empty()) s.ip = parse_client_address(caller.ip);
    if (!caller.ip_other.empty()) s.ip_other = parse_client_address(caller.ip_other);
    s.ip_text = caller.ip, s.public_ip_text = caller.public_ip;
    check_families("ip", s.ip, s.ip_other);
    if (s.public_ip && s.public_ip_other && s.public_ip->v6 == s.public_ip_other->v6)
        throw UsageError("public_ip: two " + std::string(s.public_ip->v6 ? "IPv6" : "IPv4") +
                         " addresses; a dual-stack caller has one IPv4 and one IPv6");
    choose_address_family(c, s);
    set_client_location(c, caller, s);
    if (!caller.bssid.empty()) {
        s.bssid = parse_mac(caller.bssid, false, &err);
        if (!s.bssid) throw UsageError("bssid: " + err);
    }
    // LLDP chassis IDs are usually MACs but may be any string: normalise only what parses.
    if (!caller.chassis_id.empty()) {
        if (auto m = parse_mac(caller.chassis_id, false, nullptr)) s.chassis = m->to_string();
        else s.chassis = caller.chassis_id;
    }
    if (!caller.port_id.empty() && caller.chassis_id.empty())
        throw UsageError("port_id: a port is looked up on its switch; give chassis_id too");
    return s;
}

}  // namespace detail
}  // namespace e911
