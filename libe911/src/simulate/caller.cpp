// Caller setup: the one place a caller's fields are read, validated and parsed. Command-line flags,
// batch rows and Python keyword arguments all arrive here as the same named fields, so an error
// names the field (`ip: ...`) whichever way the caller was described.
#include <cctype>

#include "e911/limits.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911 {

bool set_caller_field(Caller& caller, const std::string& name, const std::string& value) {
    if (name == "dialed" || name == "dial") caller.dialed = value;
    else if (name == "user") caller.user = value;
    else if (name == "ip") caller.ip = value;
    else if (name == "public_ip") caller.public_ip = value;
    else if (name == "bssid") caller.bssid = value;
    else if (name == "chassis_id") caller.chassis_id = value;
    else if (name == "port_id") caller.port_id = value;
    else if (name == "down") caller.down = value;
    else if (name == "platform") {
        if (value == "teams") caller.platform = Platform::teams;
        else if (value == "sfb") caller.platform = Platform::sfb;
        else throw UsageError("platform `" + value + "`: expected teams or sfb");
    } else if (name == "client") {
        if (value == "modern") caller.client = SfbClient::modern;
        else if (value == "legacy") caller.client = SfbClient::legacy;
        else throw UsageError("client `" + value + "`: expected modern or legacy");
    } else {
        return false;
    }
    return true;
}

namespace detail {

const User* find_user(const Compiled& c, const std::string& id) {
    if (id.empty()) return nullptr;
    auto idx = c.cfg.find(Kind::user, id);
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
    std::string lower = ip.substr(0, 7);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower != "::ffff:" || ip.find('.') == std::string::npos) return;
    throw UsageError(std::string(field) + " `" + ip + "` is an IPv4-mapped IPv6 address: sites and subnets are " +
                     "matched by the IPv4 address, so write " + ip.substr(7));
}

// "10.10.0.57" or "10.10.0.57/24".
ClientAddress parse_client_address(const std::string& text) {
    check_not_ipv4_mapped("ip", text);
    auto slash = text.find('/');
    std::string err;
    auto ip = parse_ip(text.substr(0, slash), &err);
    if (!ip) throw UsageError("ip: " + err);
    ClientAddress a{*ip, -1};
    if (slash != std::string::npos) {
        std::string len = text.substr(slash + 1);
        if (!is_digits(len) || len.size() > 3 || std::stoi(len) > ip->bits())
            throw UsageError("ip: prefix length must be 0-" + std::to_string(ip->bits()));
        a.prefix_length = std::stoi(len);
    }
    return a;
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
    if (!caller.public_ip.empty()) {
        check_not_ipv4_mapped("public_ip", caller.public_ip);
        s.public_ip = parse_ip(caller.public_ip, &err);
        if (!s.public_ip) throw UsageError("public_ip: " + err);
    }
    if (!caller.ip.empty()) s.ip = parse_client_address(caller.ip);
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
