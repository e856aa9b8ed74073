#include "load/decode.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <stdexcept>

#include "model/refs.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

using NK = Node::Kind;

class Ctx {
public:
    Ctx(Config& c, std::vector<Diagnostic>& o) : cfg(c), out(o) {}
    Config& cfg;
    std::vector<Diagnostic>& out;

    void report(const char* id, const SourcePos& p, const std::string& key, std::string msg, std::string hint,
                Severity sev = Severity::error) {
        Diagnostic d;
        d.id = id;
        d.severity = sev;
        d.file = cfg.file_of(p);
        d.line = p.line;
        d.column = p.column;
        d.key = key;
        d.message = std::move(msg);
        d.hint = std::move(hint);
        out.push_back(std::move(d));
    }
    void wrong_type(const Node& n, const std::string& key, const std::string& expected) {
        std::string hint;
        if (expected == "a string" && (n.kind == NK::integer || n.kind == NK::real))
            hint = "put it in quotes: \"" + n.text + "\" (unquoted digits are a number, and numbers lose leading zeros: 000 becomes 0)";
        else if (expected == "a list" && n.is_scalar())
            hint = "write it as a list: [" + n.text + "]";
        else
            hint = "change `" + key + "` to " + expected;
        report("wrong-type", n.pos, key, "`" + key + "` must be " + expected + ", not " + article(n.kind_name()), hint);
    }
    static std::string article(const char* what) {
        std::string w = what;
        return (std::strchr("aeiou", w[0]) ? "an " : "a ") + w;
    }
};

// Where keys commonly land one level off in the format.
const std::map<std::string, std::string> kMisplaced = {
    {"sites", "network.sites"}, {"subnets", "network.subnets (or lis.subnets)"}, {"regions", "network.regions"},
    {"trusted_ips", "network.trusted_ips"}, {"gateways", "voice.gateways"}, {"routes", "voice.routes"},
    {"routing_policies", "voice.routing_policies"}, {"dial_plans", "voice.dial_plans"}, {"pstn_usages", "voice.pstn_usages"},
    {"wireless_access_points", "lis.wireless_access_points"}, {"switches", "lis.switches"}, {"ports", "lis.ports"},
};

// Reads one mapping; every key asked for becomes "known", the rest are reported with a suggestion.
class Obj {
public:
    Obj(Ctx& c, const Node* n, std::string path, Positions* pos) : c_(c), n_(n), path_(std::move(path)), pos_(pos) {
        if (n_ && pos_) pos_->self = n_->pos;
        if (n_ && n_->kind != NK::mapping) {
            c_.wrong_type(*n_, path_.empty() ? "document" : path_, "a mapping (key: value pairs)");
            n_ = nullptr;
        }
    }
    ~Obj() { finish(); }
    bool valid() const { return n_ != nullptr; }
    const SourcePos& pos() const { return n_ ? n_->pos : empty_; }
    std::string sub(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

    const Node* take(const char* key) {
        known_.emplace_back(key);
        if (!n_) return nullptr;
        for (std::size_t i = 0; i < n_->keys.size(); ++i) {
            if (n_->keys[i] != key) continue;
            if (pos_) pos_->fields.emplace_back(key, n_->items[i].pos);
            return n_->items[i].kind == NK::null ? nullptr : &n_->items[i];
        }
        return nullptr;
    }
    void missing(const char* key, const std::string& hint) {
        if (n_) c_.report("missing-field", n_->pos, sub(key), "`" + sub(key) + "` is required", hint);
    }
    std::string str(const char* key, bool required = false, const std::string& hint = {}) {
        const Node* v = take(key);
        if (!v) {
            if (required) missing(key, hint.empty() ? "add `" + std::string(key) + ": ...`" : hint);
            return {};
        }
        if (v->kind != NK::string) {
            c_.wrong_type(*v, sub(key), "a string");
            return {};
        }
        return v->text;
    }
    bool boolean(const char* key, bool dflt) {
        const Node* v = take(key);
        if (!v) return dflt;
        if (v->kind != NK::boolean) {
            c_.wrong_type(*v, sub(key), "true or false");
            return dflt;
        }
        return v->text == "true";
    }
    std::optional<double> number(const char* key, double lo, double hi) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        if (v->kind != NK::integer && v->kind != NK::real) {
            c_.wrong_type(*v, sub(key), "a number");
            return std::nullopt;
        }
        double d = 0;
        try { d = std::stod(v->text); } catch (...) { d = lo - 1; }
        if (!(d >= lo && d <= hi)) {
            c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is " + v->text + ", outside " + fmt(lo) + ".." + fmt(hi),
                      "use a value between " + fmt(lo) + " and " + fmt(hi));
            return std::nullopt;
        }
        return d;
    }
    std::optional<int> integer(const char* key, long lo, long hi) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        long val = 0;
        bool ok = v->kind == NK::integer;
        bool too_big = false;
        if (ok) {
            try { val = std::stol(v->text, nullptr, 0); } catch (const std::out_of_range&) { too_big = true; } catch (...) { ok = false; }
        }
        if (!ok) {
            c_.wrong_type(*v, sub(key), "a whole number");
            return std::nullopt;
        }
        if (too_big || val < lo || val > hi) {
            c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is " + v->text + ", outside " + std::to_string(lo) + ".." + std::to_string(hi),
                      "use a whole number between " + std::to_string(lo) + " and " + std::to_string(hi));
            return std::nullopt;
        }
        return static_cast<int>(val);
    }
    // A list of strings; `check` validates each item (returns an error message or "").
    template <class Check>
    std::vector<std::string> strings(const char* key, Check check, const char* id, const std::string& hint) {
        std::vector<std::string> r;
        const Node* v = take(key);
        if (!v) return r;
        if (v->kind != NK::sequence) {
            c_.wrong_type(*v, sub(key), "a list");
            return r;
        }
        for (std::size_t i = 0; i < v->items.size(); ++i) {
            const Node& it = v->items[i];
            std::string p = sub(key) + "[" + std::to_string(i) + "]";
            if (it.kind != NK::string) {
                c_.wrong_type(it, p, "a string");
                continue;
            }
            std::string err = check(it.text);
            if (!err.empty()) {
                c_.report(id, it.pos, p, err, hint);
                continue;
            }
            r.push_back(it.text);
        }
        return r;
    }
    std::vector<std::string> strings(const char* key) {
        return strings(key, [](const std::string&) { return std::string(); }, "invalid-value", "");
    }
    template <class E, std::size_t N>
    std::optional<E> enumeration(const char* key, const std::pair<const char*, E> (&table)[N]) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        std::vector<std::string> names;
        for (const auto& e : table) names.emplace_back(e.first);
        if (v->kind == NK::string) {
            for (const auto& e : table)
                if (v->text == e.first) return e.second;
        }
        std::string sug = v->is_scalar() ? closest(v->text, names) : "";
        c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is `" + v->text + "`; expected one of " + join(names, ", "),
                  sug.empty() ? "use one of: " + join(names, ", ") : "did you mean `" + sug + "`?");
        return std::nullopt;
    }
    Ref ref(const char* key, bool required = false) {
        Ref r;
        r.id = str(key, required, std::string("name the ") + key + " this refers to by its id");
        return r;
    }
    std::vector<Ref> refs(const char* key) {
        std::vector<Ref> r;
        for (auto& s : strings(key)) r.push_back(Ref{s, npos});
        return r;
    }
    // Validated scalar string: `check` returns an error message or "" (and may normalise `s`).
    template <class Check>
    std::string checked(const char* key, bool required, const char* id, Check check, const std::string& hint) {
        const Node* v = take(key);
        std::string s = v && v->kind == NK::string ? v->text : "";
        if (!v) {
            if (required) missing(key, hint);
            return s;
        }
        if (v->kind != NK::string) {
            c_.wrong_type(*v, sub(key), "a string");
            return {};
        }
        std::string err = check(s);
        if (!err.empty()) {
            c_.report(id, v->pos, sub(key), err, hint);
            return {};
        }
        return s;
    }
    // Each item of a list of mappings.
    template <class F>
    void each(const char* key, F f) {
        const Node* v = take(key);
        if (!v) return;
        if (v->kind != NK::sequence) {
            c_.wrong_type(*v, sub(key), "a list");
            return;
        }
        for (std::size_t i = 0; i < v->items.size(); ++i) f(v->items[i], sub(key) + "[" + std::to_string(i) + "]");
    }
    const Node* child(const char* key) { return take(key); }

    void finish() {
        if (!n_ || finished_) return;
        finished_ = true;
        for (std::size_t i = 0; i < n_->keys.size(); ++i) {
            const std::string& k = n_->keys[i];
            if (std::find(known_.begin(), known_.end(), k) != known_.end()) continue;
            std::string sug = closest(k, known_);
            std::string hint;
            if (!sug.empty()) hint = "rename it to `" + sug + "`";
            else if (path_.empty() && kMisplaced.count(k)) hint = "`" + k + "` belongs under " + kMisplaced.at(k);
            else hint = "known keys here: " + join(known_, ", ");
            std::string msg = "unknown key `" + k + "`" + (path_.empty() ? "" : " in `" + path_ + "`");
            if (!sug.empty()) msg += "; did you mean `" + sug + "`?";
            c_.report("unknown-key", n_->key_pos[i], sub(k.c_str()), msg, hint);
        }
    }

private:
    static std::string fmt(double d) {
        std::string s = std::to_string(d);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    Ctx& c_;
    const Node* n_;
    std::string path_;
    Positions* pos_;
    std::vector<std::string> known_;
    bool finished_ = false;
    SourcePos empty_;
};

// ----------------------------------------------------------------- value checks
std::string check_digits(const std::string& s) {
    if (is_digits(s)) return {};
    return "`" + s + "` is not a dial string: use digits 0-9 only" + (s.find('+') != std::string::npos ? " (no `+`)" : "");
}
const char* kDigitsHint = "write the digits only, quoted, e.g. \"911\"; keep leading zeros (\"000\")";
std::string check_e164(const std::string& s) {
    if (is_e164(s)) return {};
    return "`" + s + "` is not an E.164 number (`+`, country code, subscriber number, at most 15 digits)";
}
const char* kE164Hint = "write it as +<country code><number> with no spaces or dashes, e.g. \"+12175550100\"";
std::string check_country(const std::string& s) {
    if (is_iso_country(s)) return {};
    std::string up = upper_ascii(s);
    if (up != s && is_iso_country(up)) return "`" + s + "` must be upper case: `" + up + "`";
    return "`" + s + "` is not an ISO 3166-1 alpha-2 country code";
}
const char* kCountryHint = "use the two-letter ISO 3166-1 code in upper case, e.g. US, CH, GB";
std::string check_sip(const std::string& s) {
    if (s.rfind("sip:", 0) == 0 && s.size() > 4 && s.size() <= 256) return {};
    return "`" + s + "` is not a SIP URI (must start with `sip:`, at most 256 characters)";
}

const std::pair<const char*, Platform> kPlatforms[] = {{"teams", Platform::teams}, {"sfb", Platform::sfb}};
const std::pair<const char*, NotificationMode> kPolicyModes[] = {{"notification_only", NotificationMode::notification_only},
                                                                 {"conference_muted", NotificationMode::conference_muted},
                                                                 {"conference_unmuted", NotificationMode::conference_unmuted}};
const std::pair<const char*, NotificationMode> kExtendedModes[] = {{"none", NotificationMode::none},
                                                                   {"notification_only", NotificationMode::notification_only},
                                                                   {"conference_muted", NotificationMode::conference_muted},
                                                                   {"conference_unmuted", NotificationMode::conference_unmuted}};
const std::pair<const char*, LocationRequired> kLocationRequired[] = {
    {"no", LocationRequired::no}, {"yes", LocationRequired::yes}, {"disclaimer", LocationRequired::disclaimer}};
const std::pair<const char*, ConferenceMode> kConferenceModes[] = {{"oneway", ConferenceMode::oneway}, {"twoway", ConferenceMode::twoway}};
const std::pair<const char*, EmergencyRouting> kRoutings[] = {
    {"location", EmergencyRouting::location}, {"elin", EmergencyRouting::elin}, {"fixed", EmergencyRouting::fixed}};
const std::pair<const char*, SfbClient> kClients[] = {{"modern", SfbClient::modern}, {"legacy", SfbClient::legacy}};

// ----------------------------------------------------------------- objects
void decode_address(Ctx& c, const Node& n, const std::string& path) {
    Address a;
    Obj o(c, &n, path, &a.pos);
    a.id = o.str("id", true);
    a.company = o.str("company");
    a.house_number = o.str("house_number");
    a.house_number_suffix = o.str("house_number_suffix");
    a.pre_directional = o.str("pre_directional");
    a.street_name = o.str("street_name");
    a.street_suffix = o.str("street_suffix");
    a.post_directional = o.str("post_directional");
    a.city = o.str("city");
    a.county = o.str("county");
    a.state = o.str("state");
    a.postal_code = o.str("postal_code");
    a.country = o.checked("country", false, "invalid-country", check_country, kCountryHint);
    a.latitude = o.number("latitude", -90, 90);
    a.longitude = o.number("longitude", -180, 180);
    a.validated = o.boolean("validated", false);
    a.elins = o.strings("elins", check_e164, "invalid-e164", kE164Hint);
    o.str("description");
    if (o.valid()) c.cfg.addresses.push_back(std::move(a));
}

void decode_location(Ctx& c, const Node& n, const std::string& path) {
    Location l;
    Obj o(c, &n, path, &l.pos);
    l.id = o.str("id", true);
    l.address = o.ref("address", true);
    l.place = o.str("place");
    l.elins = o.strings("elins", check_e164, "invalid-e164", kE164Hint);
    o.str("description");
    if (o.valid()) c.cfg.locations.push_back(std::move(l));
}

std::optional<IpPrefix> prefix_field(Ctx& c, Obj& o, const char* key, bool required) {
    std::optional<IpPrefix> result;
    o.checked(key, required, "invalid-prefix",
              [&](const std::string& s) {
                  std::string err;
                  result = parse_prefix(s, PrefixHostBits::reject, &err);
                  return result ? std::string() : err;
              },
              "write the network ID and prefix length, e.g. 10.10.0.0/24 or 2001:db8::/64");
    (void)c;
    return result;
}

std::string chassis_field(Obj& o, bool required) {
    std::string normalised;
    o.checked("chassis_id", required, "invalid-mac",
              [&](const std::string& s) {
                  if (auto m = parse_mac(s, false, nullptr)) return normalised = m->to_string(), std::string();
                  if (parse_ip(s)) return normalised = s, std::string();
                  return "`" + s + "` is neither a MAC address (nn-nn-nn-nn-nn-nn) nor an IP address";
              },
              "write the switch chassis ID as a MAC address such as 00-11-22-33-44-55 (`:` and lower case are accepted)");
    return normalised;
}

void decode_network(Ctx& c, const Node& n) {
    Obj o(c, &n, "network", nullptr);
    if (const Node* t = o.child("trusted_ips")) {
        if (t->kind != NK::sequence) c.wrong_type(*t, "network.trusted_ips", "a list");
        else
            for (std::size_t i = 0; i < t->items.size(); ++i) {
                const Node& it = t->items[i];
                std::string p = "network.trusted_ips[" + std::to_string(i) + "]";
                if (it.kind != NK::string) { c.wrong_type(it, p, "a string"); continue; }
                std::string err;
                auto pre = parse_prefix(it.text, PrefixHostBits::reject, &err);
                if (!pre) { c.report("invalid-prefix", it.pos, p, err, "write a public address or prefix, e.g. 203.0.113.0/28"); continue; }
                TrustedIp ti;
                ti.prefix = *pre;
                ti.pos.self = it.pos;
                c.cfg.trusted_ips.push_back(ti);
            }
    }
    o.each("regions", [&](const Node& item, const std::string& path) {
        Region r;
        Obj ro(c, &item, path, &r.pos);
        r.id = ro.str("id", true);
        ro.str("description");
        ro.str("central_site");
        if (ro.valid()) c.cfg.regions.push_back(std::move(r));
    });
    o.each("sites", [&](const Node& item, const std::string& path) {
        Site s;
        Obj so(c, &item, path, &s.pos);
        s.id = so.str("id", true);
        s.region = so.ref("region");
        s.country = so.checked("country", false, "invalid-country", check_country, kCountryHint);
        s.emergency_calling_policy = so.ref("emergency_calling_policy");
        s.emergency_call_routing_policy = so.ref("emergency_call_routing_policy");
        s.location_policy = so.ref("location_policy");
        so.str("description");
        if (so.valid()) c.cfg.sites.push_back(std::move(s));
    });
    o.each("subnets", [&](const Node& item, const std::string& path) {
        Subnet s;
        Obj so(c, &item, path, &s.pos);
        auto p = prefix_field(c, so, "prefix", true);
        s.site = so.ref("site", true);
        s.description = so.str("description");
        if (so.valid() && p) {
            s.prefix = *p;
            c.cfg.subnets.push_back(std::move(s));
        }
    });
}

void decode_lis(Ctx& c, const Node& n) {
    Obj o(c, &n, "lis", nullptr);
    o.each("subnets", [&](const Node& item, const std::string& path) {
        LisSubnet s;
        Obj so(c, &item, path, &s.pos);
        std::optional<IpAddress> ip;
        so.checked("network_id", true, "invalid-ip",
                   [&](const std::string& t) {
                       if (t.find('/') != std::string::npos)
                           return "`" + t + "`: a LIS subnet is keyed by its network ID alone, without a prefix length";
                       std::string err;
                       ip = parse_ip(t, &err);
                       return ip ? std::string() : err;
                   },
                   "write the subnet's network ID, e.g. 10.10.10.128 for a client at 10.10.10.150/25");
        s.location = so.ref("location", true);
        so.str("description");
        if (so.valid() && ip) {
            s.network_id = *ip;
            c.cfg.lis_subnets.push_back(std::move(s));
        }
    });
    o.each("wireless_access_points", [&](const Node& item, const std::string& path) {
        WirelessAccessPoint w;
        Obj wo(c, &item, path, &w.pos);
        std::optional<MacAddress> m;
        wo.checked("bssid", true, "invalid-mac",
                   [&](const std::string& t) {
                       std::string err;
                       m = parse_mac(t, true, &err);
                       return m ? std::string() : err;
                   },
                   "write the BSSID as nn-nn-nn-nn-nn-nn; a trailing `*` may cover the last one or two hex digits");
        w.location = wo.ref("location", true);
        w.site = wo.ref("site");
        w.description = wo.str("description");
        if (wo.valid() && m) {
            w.bssid = *m;
            c.cfg.wireless_access_points.push_back(std::move(w));
        }
    });
    o.each("switches", [&](const Node& item, const std::string& path) {
        Switch s;
        Obj so(c, &item, path, &s.pos);
        s.chassis_id = chassis_field(so, true);
        s.location = so.ref("location", true);
        s.site = so.ref("site");
        so.str("description");
        if (so.valid() && !s.chassis_id.empty()) c.cfg.switches.push_back(std::move(s));
    });
    o.each("ports", [&](const Node& item, const std::string& path) {
        Port p;
        Obj po(c, &item, path, &p.pos);
        p.chassis_id = chassis_field(po, true);
        p.port_id = po.str("port_id", true);
        p.location = po.ref("location", true);
        p.site = po.ref("site");
        po.str("description");
        if (po.valid() && !p.chassis_id.empty() && !p.port_id.empty()) c.cfg.ports.push_back(std::move(p));
    });
}

std::vector<std::string> dial_masks(Obj& o) { return o.strings("dial_masks", check_digits, "invalid-dial-string", kDigitsHint); }

void decode_emergency_calling_policy(Ctx& c, const Node& n, const std::string& path) {
    EmergencyCallingPolicy p;
    Obj o(c, &n, path, &p.pos);
    p.id = o.str("id", true);
    o.str("description");
    p.notification_mode = o.enumeration("notification_mode", kPolicyModes).value_or(NotificationMode::notification_only);
    p.notification_group = o.strings("notification_group");
    p.notification_dial_out = o.checked("notification_dial_out", false, "invalid-e164", check_e164, kE164Hint);
    p.external_location_lookup = o.boolean("external_location_lookup", false);
    o.each("extended_notifications", [&](const Node& item, const std::string& ipath) {
        ExtendedNotification e;
        Obj eo(c, &item, ipath, &e.pos);
        e.dial_string = eo.checked("dial_string", true, "invalid-dial-string", check_digits, kDigitsHint);
        e.notification_mode = eo.enumeration("notification_mode", kExtendedModes);
        const Node* g = item.kind == NK::mapping ? item.get("notification_group") : nullptr;
        auto group = eo.strings("notification_group");
        if (g && g->kind != NK::null) e.notification_group = group;
        std::string d = eo.checked("notification_dial_out", false, "invalid-e164", check_e164, kE164Hint);
        if (!d.empty()) e.notification_dial_out = d;
        if (eo.valid() && !e.dial_string.empty()) p.extended_notifications.push_back(std::move(e));
    });
    if (o.valid()) c.cfg.emergency_calling_policies.push_back(std::move(p));
}

EmergencyNumber decode_number(Ctx& c, const Node& n, const std::string& path, bool teams, bool& ok) {
    EmergencyNumber e;
    Obj o(c, &n, path, &e.pos);
    e.dial_string = o.checked("dial_string", true, "invalid-dial-string", check_digits, kDigitsHint);
    e.dial_masks = dial_masks(o);
    if (teams) e.pstn_usage = o.ref("pstn_usage", true);
    o.str("description");
    ok = o.valid() && !e.dial_string.empty();
    return e;
}

void decode_routing_policy_ecrp(Ctx& c, const Node& n, const std::string& path) {
    EmergencyCallRoutingPolicy p;
    Obj o(c, &n, path, &p.pos);
    p.id = o.str("id", true);
    o.str("description");
    p.enhanced_emergency_services = o.boolean("enhanced_emergency_services", true);
    o.each("numbers", [&](const Node& item, const std::string& ipath) {
        bool ok = false;
        auto e = decode_number(c, item, ipath, true, ok);
        if (ok) p.numbers.push_back(std::move(e));
    });
    if (o.valid()) c.cfg.emergency_call_routing_policies.push_back(std::move(p));
}

void decode_location_policy(Ctx& c, const Node& n, const std::string& path) {
    LocationPolicy p;
    Obj o(c, &n, path, &p.pos);
    p.id = o.str("id", true);
    o.str("description");
    p.enhanced_emergency_services = o.boolean("enhanced_emergency_services", false);
    p.location_required = o.enumeration("location_required", kLocationRequired).value_or(LocationRequired::no);
    p.pstn_usage = o.ref("pstn_usage");
    p.dial_string = o.checked("dial_string", false, "invalid-dial-string", check_digits, kDigitsHint);
    p.dial_masks = dial_masks(o);
    o.each("numbers", [&](const Node& item, const std::string& ipath) {
        bool ok = false;
        auto e = decode_number(c, item, ipath, false, ok);
        if (ok) p.numbers.push_back(std::move(e));
    });
    p.notification_uris = o.strings("notification_uris", check_sip, "invalid-value", "write SIP URIs such as sip:security@contoso.com");
    p.conference_uri = o.checked("conference_uri", false, "invalid-value", check_sip, "write a SIP URI such as sip:+12175550199@contoso.com;user=phone");
    p.conference_mode = o.enumeration("conference_mode", kConferenceModes).value_or(ConferenceMode::oneway);
    if (o.valid()) c.cfg.location_policies.push_back(std::move(p));
}

void decode_voice(Ctx& c, const Node& n) {
    Obj o(c, &n, "voice", nullptr);
    if (const Node* u = o.child("pstn_usages")) {
        if (u->kind != NK::sequence) c.wrong_type(*u, "voice.pstn_usages", "a list");
        else
            for (std::size_t i = 0; i < u->items.size(); ++i) {
                const Node& it = u->items[i];
                if (it.kind != NK::string) { c.wrong_type(it, "voice.pstn_usages[" + std::to_string(i) + "]", "a string"); continue; }
                PstnUsage pu;
                pu.id = it.text;
                pu.pos.self = it.pos;
                c.cfg.pstn_usages.push_back(std::move(pu));
            }
    }
    o.each("gateways", [&](const Node& item, const std::string& path) {
        Gateway g;
        Obj go(c, &item, path, &g.pos);
        g.id = go.str("id", true);
        go.str("description");
        g.enabled = go.boolean("enabled", true);
        g.pidf_lo = go.boolean("pidf_lo", false);
        g.address = go.ref("address");
        g.emergency_routing = go.enumeration("emergency_routing", kRoutings).value_or(EmergencyRouting::location);
        g.fallback_psap = go.ref("fallback_psap");
        g.elin_callback_minutes = go.integer("elin_callback_minutes", 1, 60).value_or(30);
        if (go.valid()) c.cfg.gateways.push_back(std::move(g));
    });
    o.each("routes", [&](const Node& item, const std::string& path) {
        Route r;
        Obj ro(c, &item, path, &r.pos);
        r.id = ro.str("id", true);
        ro.str("description");
        r.priority = ro.integer("priority", 0, 1000000).value_or(1);
        r.number_pattern = ro.str("number_pattern", true, "add a .NET regular expression such as '^\\+?911$'");
        r.pstn_usages = ro.refs("pstn_usages");
        r.gateways = ro.refs("gateways");
        if (ro.valid()) c.cfg.routes.push_back(std::move(r));
    });
    o.each("routing_policies", [&](const Node& item, const std::string& path) {
        RoutingPolicy p;
        Obj po(c, &item, path, &p.pos);
        p.id = po.str("id", true);
        po.str("description");
        p.pstn_usages = po.refs("pstn_usages");
        if (po.valid()) c.cfg.routing_policies.push_back(std::move(p));
    });
    o.each("dial_plans", [&](const Node& item, const std::string& path) {
        DialPlan d;
        Obj dpo(c, &item, path, &d.pos);
        d.id = dpo.str("id", true);
        dpo.str("description");
        d.external_access_prefix = dpo.checked(
            "external_access_prefix", false, "invalid-value",
            [](const std::string& s) {
                if (!s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789*#") == std::string::npos) return std::string();
                return "`" + s + "` is not an external access prefix (1-4 characters of 0-9, * and #)";
            },
            "use up to four characters of 0-9, * and #, e.g. \"9\"");
        dpo.each("rules", [&](const Node& rn, const std::string& rpath) {
            NormalizationRule r;
            Obj ro(c, &rn, rpath, &r.pos);
            r.name = ro.str("name", true);
            r.pattern = ro.str("pattern", true);
            r.translation = ro.str("translation", true);
            r.priority = ro.integer("priority", 0, 1000000);
            ro.str("description");
            if (ro.valid()) d.rules.push_back(std::move(r));
        });
        if (dpo.valid()) c.cfg.dial_plans.push_back(std::move(d));
    });
}

void decode_user(Ctx& c, const Node& n, const std::string& path) {
    User u;
    Obj o(c, &n, path, &u.pos);
    u.id = o.str("id", true);
    o.str("display_name");
    u.platform = o.enumeration("platform", kPlatforms);
    u.country = o.checked("country", false, "invalid-country", check_country, kCountryHint);
    u.phone_number = o.checked("phone_number", false, "invalid-e164", check_e164, kE164Hint);
    u.emergency_calling_policy = o.ref("emergency_calling_policy");
    u.emergency_call_routing_policy = o.ref("emergency_call_routing_policy");
    u.location_policy = o.ref("location_policy");
    u.routing_policy = o.ref("routing_policy");
    u.dial_plan = o.ref("dial_plan");
    u.sfb_client = o.enumeration("sfb_client", kClients).value_or(SfbClient::modern);
    if (o.valid()) c.cfg.users.push_back(std::move(u));
}

void decode_psap(Ctx& c, const Node& n, const std::string& path) {
    Psap p;
    Obj o(c, &n, path, &p.pos);
    p.id = o.str("id", true);
    p.name = o.str("name");
    p.relay = o.boolean("relay", false);
    o.str("uri");
    o.str("description");
    o.each("serves", [&](const Node& item, const std::string& spath) {
        ServiceArea a;
        Obj so(c, &item, spath, &a.pos);
        for (const char* key : {"country", "state", "county", "city", "postal_code"}) {
            std::string v = std::strcmp(key, "country") == 0 ? so.checked(key, false, "invalid-country", check_country, kCountryHint)
                                                             : so.str(key);
            if (!v.empty()) a.keys.emplace_back(key, v);
        }
        if (so.valid() && a.keys.empty())
            c.report("missing-field", item.pos, spath, "a service area needs at least one of country, state, county, city, postal_code",
                     "add e.g. {country: US, state: IL, county: SANGAMON}");
        else if (so.valid()) p.serves.push_back(std::move(a));
    });
    if (o.valid()) c.cfg.psaps.push_back(std::move(p));
}

void decode_waiver(Ctx& c, const Node& n, const std::string& path) {
    Waiver w;
    Obj o(c, &n, path, &w.pos);
    w.rule = o.str("rule", true, "name the lint rule id this waiver accepts, e.g. kari-notification-building");
    w.target = o.checked("target", true, "invalid-value",
                         [](const std::string& s) {
                             auto slash = s.find('/');
                             Kind k;
                             if (slash != std::string::npos && slash + 1 < s.size() && parse_kind(s.substr(0, slash), k)) return std::string();
                             return "`" + s + "` is not a target of the form <kind>/<id> (kinds: address, location, site, subnet, user, ...)";
                         },
                         "write the target as <kind>/<id>, e.g. site/campus-wifi");
    w.reason = o.str("reason", true, "say why the risk is accepted; a waiver without a reason is not accepted");
    w.approved_by = o.str("approved_by", true, "name who accepted the risk");
    w.expires = o.checked("expires", true, "invalid-value",
                          [](const std::string& s) { return is_date(s) ? std::string() : "`" + s + "` is not a date (YYYY-MM-DD)"; },
                          "give an expiry date as YYYY-MM-DD; waivers must be reviewed");
    if (o.valid()) c.cfg.waivers.push_back(std::move(w));
}

template <class F>
void each_top(Ctx& c, Obj& o, const char* key, F f) {
    o.each(key, [&](const Node& n, const std::string& path) { f(c, n, path); });
}

}  // namespace

void decode(const Node& root, Config& cfg, std::vector<Diagnostic>& out) {
    Ctx c(cfg, out);
    Obj o(c, &root, "", nullptr);
    if (!o.valid()) return;
    if (auto v = o.integer("version", 1, 1000)) {
        cfg.version = *v;
        if (*v != 1)
            c.report("unsupported-version", root.get("version")->pos, "version",
                     "configuration format version " + std::to_string(*v) + " is not supported", "this libe911 reads version 1");
    } else if (!root.get("version")) {
        c.report("missing-field", root.pos, "version", "`version` is required", "add `version: 1` at the top of the file");
    }
    o.child("include");  // handled before decoding
    o.child("$schema");
    cfg.name = o.str("name");
    cfg.description = o.str("description");
    if (const Node* d = o.child("defaults")) {
        Obj dobj(c, d, "defaults", &cfg.defaults.pos);
        cfg.defaults.platform = dobj.enumeration("platform", kPlatforms).value_or(Platform::teams);
        cfg.defaults.country = dobj.checked("country", false, "invalid-country", check_country, kCountryHint);
    }
    each_top(c, o, "addresses", decode_address);
    each_top(c, o, "locations", decode_location);
    if (const Node* n = o.child("network")) decode_network(c, *n);
    if (const Node* n = o.child("lis")) decode_lis(c, *n);
    each_top(c, o, "emergency_calling_policies", decode_emergency_calling_policy);
    each_top(c, o, "emergency_call_routing_policies", decode_routing_policy_ecrp);
    each_top(c, o, "location_policies", decode_location_policy);
    if (const Node* n = o.child("voice")) decode_voice(c, *n);
    each_top(c, o, "users", decode_user);
    each_top(c, o, "psaps", decode_psap);
    each_top(c, o, "waivers", decode_waiver);
}

namespace {
std::string id_of(const Config& c, Kind k, std::uint32_t i, const Positions** pos) {
    switch (k) {
#define E911_CASE(kind, list, expr) \
    case Kind::kind: *pos = &c.list[i].pos; return expr;
        E911_CASE(address, addresses, c.addresses[i].id)
        E911_CASE(location, locations, c.locations[i].id)
        E911_CASE(region, regions, c.regions[i].id)
        E911_CASE(site, sites, c.sites[i].id)
        E911_CASE(subnet, subnets, c.subnets[i].key())
        E911_CASE(trusted_ip, trusted_ips, c.trusted_ips[i].prefix.to_string())
        E911_CASE(lis_subnet, lis_subnets, c.lis_subnets[i].network_id.to_string())
        E911_CASE(wireless_access_point, wireless_access_points, c.wireless_access_points[i].bssid.to_string())
        E911_CASE(switch_, switches, c.switches[i].chassis_id)
        E911_CASE(port, ports, c.ports[i].key())
        E911_CASE(emergency_calling_policy, emergency_calling_policies, c.emergency_calling_policies[i].id)
        E911_CASE(emergency_call_routing_policy, emergency_call_routing_policies, c.emergency_call_routing_policies[i].id)
        E911_CASE(location_policy, location_policies, c.location_policies[i].id)
        E911_CASE(pstn_usage, pstn_usages, c.pstn_usages[i].id)
        E911_CASE(gateway, gateways, c.gateways[i].id)
        E911_CASE(route, routes, c.routes[i].id)
        E911_CASE(routing_policy, routing_policies, c.routing_policies[i].id)
        E911_CASE(dial_plan, dial_plans, c.dial_plans[i].id)
        E911_CASE(user, users, c.users[i].id)
        E911_CASE(psap, psaps, c.psaps[i].id)
#undef E911_CASE
        default: break;
    }
    static const Positions none;
    *pos = &none;
    return {};
}

std::vector<std::string> ids_of_kind(const Config& c, Kind k) {
    std::vector<std::string> r;
    const Positions* p = nullptr;
    std::size_t n = 0;
    switch (k) {
        case Kind::address: n = c.addresses.size(); break;
        case Kind::location: n = c.locations.size(); break;
        case Kind::region: n = c.regions.size(); break;
        case Kind::site: n = c.sites.size(); break;
        case Kind::emergency_calling_policy: n = c.emergency_calling_policies.size(); break;
        case Kind::emergency_call_routing_policy: n = c.emergency_call_routing_policies.size(); break;
        case Kind::location_policy: n = c.location_policies.size(); break;
        case Kind::pstn_usage: n = c.pstn_usages.size(); break;
        case Kind::gateway: n = c.gateways.size(); break;
        case Kind::route: n = c.routes.size(); break;
        case Kind::routing_policy: n = c.routing_policies.size(); break;
        case Kind::dial_plan: n = c.dial_plans.size(); break;
        case Kind::user: n = c.users.size(); break;
        case Kind::psap: n = c.psaps.size(); break;
        default: break;
    }
    n = std::min<std::size_t>(n, 20000);
    for (std::uint32_t i = 0; i < n; ++i) r.push_back(id_of(c, k, i, &p));
    return r;
}
}  // namespace

void check_references(Config& cfg, const std::vector<std::pair<Kind, std::uint32_t>>& duplicates, std::vector<Diagnostic>& out) {
    Ctx c(cfg, out);
    for (const auto& [kind, idx] : duplicates) {
        if (kind == Kind::subnet) continue;  // the same prefix in two places is lint's subnet-overlap / subnet-redundant
        const Positions* later = nullptr;
        const Positions* first = nullptr;
        std::string id = id_of(cfg, kind, idx, &later);
        id_of(cfg, kind, cfg.find(kind, id), &first);
        SourcePos fp = first->self;
        c.report("duplicate-id", later->of("id").known() ? later->of("id") : later->self, std::string(to_string(kind)) + "/" + id,
                 std::string(to_string(kind)) + " `" + id + "` is defined twice (first at " + cfg.file_of(fp) + ":" + std::to_string(fp.line) + ")",
                 "give each " + std::string(to_string(kind)) + " a unique id, or merge the two entries");
    }
    std::map<Kind, std::vector<std::string>> candidates;
    for_each_ref(cfg, [&](const RefVisit& v) {
        if (v.ref->resolved()) return;
        auto it = candidates.find(v.target);
        if (it == candidates.end()) it = candidates.emplace(v.target, ids_of_kind(cfg, v.target)).first;
        std::string sug = closest(v.ref->id, it->second);
        std::string owner = std::string(to_string(v.owner_kind)) + " `" + v.owner_id + "`";
        std::string msg = owner + " refers to " + to_string(v.target) + " `" + v.ref->id + "`, which is not defined";
        std::string hint = sug.empty() ? "define " + std::string(to_string(v.target)) + " `" + v.ref->id + "` or correct the reference"
                                       : "did you mean `" + sug + "`?";
        c.report("dangling-reference", v.owner_pos->of(v.field), std::string(to_string(v.owner_kind)) + "/" + v.owner_id + "." + v.field, msg, hint);
    });
}

}  // namespace e911::detail
