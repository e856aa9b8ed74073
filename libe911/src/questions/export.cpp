#include "e911/export.hpp"

#include "util/json_util.hpp"

namespace e911 {
namespace {
using detail::json;

class Writer {
public:
    Writer(const Config& c, bool pos) : cfg_(c), pos_(pos) {}
    json obj(const Positions& p) const {
        json o = json::object();
        if (pos_) {
            o["file"] = cfg_.file_of(p.self);
            o["line"] = p.self.line;
            o["column"] = p.self.column;
        }
        return o;
    }
    static void put(json& o, const char* k, const std::string& v) {
        if (!v.empty()) o[k] = v;
    }
    static void put(json& o, const char* k, const Ref& r) {
        if (r.set()) o[k] = r.id;
    }
    static void put(json& o, const char* k, const std::vector<std::string>& v) {
        if (!v.empty()) o[k] = v;
    }
    static void put(json& o, const char* k, const std::vector<Ref>& v) {
        if (v.empty()) return;
        json a = json::array();
        for (const auto& r : v) a.push_back(r.id);
        o[k] = a;
    }
    json numbers(const std::vector<EmergencyNumber>& ns, bool usage) const {
        json a = json::array();
        for (const auto& n : ns) {
            json o = obj(n.pos);
            o["dial_string"] = n.dial_string;
            put(o, "dial_masks", n.dial_masks);
            if (usage) put(o, "pstn_usage", n.pstn_usage);
            a.push_back(o);
        }
        return a;
    }
    json write() const {
        const Config& c = cfg_;
        json root = json::object();
        root["version"] = c.version;
        put(root, "name", c.name);
        put(root, "description", c.description);
        json d = obj(c.defaults.pos);
        d["platform"] = to_string(c.defaults.platform);
        put(d, "country", c.defaults.country);
        root["defaults"] = d;
        json a = json::array();
        for (const auto& x : c.addresses) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "company", x.company), put(o, "house_number", x.house_number), put(o, "house_number_suffix", x.house_number_suffix);
            put(o, "pre_directional", x.pre_directional), put(o, "street_name", x.street_name), put(o, "street_suffix", x.street_suffix);
            put(o, "post_directional", x.post_directional), put(o, "city", x.city), put(o, "county", x.county), put(o, "state", x.state);
            put(o, "postal_code", x.postal_code), put(o, "country", x.country);
            if (x.latitude) o["latitude"] = *x.latitude;
            if (x.longitude) o["longitude"] = *x.longitude;
            o["validated"] = x.validated;
            put(o, "elins", x.elins);
            a.push_back(o);
        }
        root["addresses"] = a;
        a = json::array();
        for (const auto& x : c.locations) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "address", x.address), put(o, "place", x.place), put(o, "elins", x.elins);
            a.push_back(o);
        }
        root["locations"] = a;
        json net = json::object();
        json t = json::array();
        for (const auto& x : c.trusted_ips) t.push_back(x.prefix.to_string());
        net["trusted_ips"] = t;
        a = json::array();
        for (const auto& x : c.regions) {
            json o = obj(x.pos);
            o["id"] = x.id;
            a.push_back(o);
        }
        net["regions"] = a;
        a = json::array();
        for (const auto& x : c.sites) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "region", x.region), put(o, "country", x.country), put(o, "emergency_calling_policy", x.emergency_calling_policy);
            put(o, "emergency_call_routing_policy", x.emergency_call_routing_policy), put(o, "location_policy", x.location_policy);
            a.push_back(o);
        }
        net["sites"] = a;
        a = json::array();
        for (const auto& x : c.subnets) {
            json o = obj(x.pos);
            o["prefix"] = x.prefix.to_string();
            put(o, "site", x.site), put(o, "description", x.description);
            a.push_back(o);
        }
        net["subnets"] = a;
        root["network"] = net;
        json lis = json::object();
        a = json::array();
        for (const auto& x : c.lis_subnets) {
            json o = obj(x.pos);
            o["network_id"] = x.network_id.to_string();
            put(o, "location", x.location);
            a.push_back(o);
        }
        lis["subnets"] = a;
        a = json::array();
        for (const auto& x : c.wireless_access_points) {
            json o = obj(x.pos);
            o["bssid"] = x.bssid.to_string();
            put(o, "location", x.location), put(o, "site", x.site), put(o, "description", x.description);
            a.push_back(o);
        }
        lis["wireless_access_points"] = a;
        a = json::array();
        for (const auto& x : c.switches) {
            json o = obj(x.pos);
            o["chassis_id"] = x.chassis_id;
            put(o, "location", x.location), put(o, "site", x.site);
            a.push_back(o);
        }
        lis["switches"] = a;
        a = json::array();
        for (const auto& x : c.ports) {
            json o = obj(x.pos);
            o["chassis_id"] = x.chassis_id;
            o["port_id"] = x.port_id;
            put(o, "location", x.location), put(o, "site", x.site);
            a.push_back(o);
        }
        lis["ports"] = a;
        root["lis"] = lis;
        a = json::array();
        for (const auto& x : c.emergency_calling_policies) {
            json o = obj(x.pos);
            o["id"] = x.id;
            o["notification_mode"] = to_string(x.notification_mode);
            put(o, "notification_group", x.notification_group), put(o, "notification_dial_out", x.notification_dial_out);
            o["external_location_lookup"] = x.external_location_lookup;
            json e = json::array();
            for (const auto& n : x.extended_notifications) {
                json eo = obj(n.pos);
                eo["dial_string"] = n.dial_string;
                if (n.notification_mode) eo["notification_mode"] = to_string(*n.notification_mode);
                if (n.notification_group) eo["notification_group"] = *n.notification_group;
                if (n.notification_dial_out) eo["notification_dial_out"] = *n.notification_dial_out;
                e.push_back(eo);
            }
            if (!e.empty()) o["extended_notifications"] = e;
            a.push_back(o);
        }
        root["emergency_calling_policies"] = a;
        a = json::array();
        for (const auto& x : c.emergency_call_routing_policies) {
            json o = obj(x.pos);
            o["id"] = x.id;
            o["enhanced_emergency_services"] = x.enhanced_emergency_services;
            o["numbers"] = numbers(x.numbers, true);
            a.push_back(o);
        }
        root["emergency_call_routing_policies"] = a;
        a = json::array();
        for (const auto& x : c.location_policies) {
            json o = obj(x.pos);
            o["id"] = x.id;
            o["enhanced_emergency_services"] = x.enhanced_emergency_services;
            o["location_required"] = to_string(x.location_required);
            put(o, "pstn_usage", x.pstn_usage), put(o, "dial_string", x.dial_string), put(o, "dial_masks", x.dial_masks);
            o["numbers"] = numbers(x.numbers, false);
            put(o, "notification_uris", x.notification_uris), put(o, "conference_uri", x.conference_uri);
            o["conference_mode"] = to_string(x.conference_mode);
            a.push_back(o);
        }
        root["location_policies"] = a;
        json voice = json::object();
        json u = json::array();
        for (const auto& x : c.pstn_usages) u.push_back(x.id);
        voice["pstn_usages"] = u;
        a = json::array();
        for (const auto& x : c.gateways) {
            json o = obj(x.pos);
            o["id"] = x.id;
            o["enabled"] = x.enabled;
            o["pidf_lo"] = x.pidf_lo;
            put(o, "address", x.address);
            o["emergency_routing"] = to_string(x.emergency_routing);
            put(o, "fallback_psap", x.fallback_psap);
            o["elin_callback_minutes"] = x.elin_callback_minutes;
            a.push_back(o);
        }
        voice["gateways"] = a;
        a = json::array();
        for (const auto& x : c.routes) {
            json o = obj(x.pos);
            o["id"] = x.id;
            o["priority"] = x.priority;
            o["number_pattern"] = x.number_pattern;
            put(o, "pstn_usages", x.pstn_usages), put(o, "gateways", x.gateways);
            a.push_back(o);
        }
        voice["routes"] = a;
        a = json::array();
        for (const auto& x : c.routing_policies) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "pstn_usages", x.pstn_usages);
            a.push_back(o);
        }
        voice["routing_policies"] = a;
        a = json::array();
        for (const auto& x : c.dial_plans) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "external_access_prefix", x.external_access_prefix);
            json rules = json::array();
            for (const auto& r : x.rules) {
                json ro = obj(r.pos);
                ro["name"] = r.name;
                ro["pattern"] = r.pattern;
                ro["translation"] = r.translation;
                if (r.priority) ro["priority"] = *r.priority;
                rules.push_back(ro);
            }
            o["rules"] = rules;
            a.push_back(o);
        }
        voice["dial_plans"] = a;
        root["voice"] = voice;
        a = json::array();
        for (const auto& x : c.users) {
            json o = obj(x.pos);
            o["id"] = x.id;
            if (x.platform) o["platform"] = to_string(*x.platform);
            put(o, "country", x.country), put(o, "phone_number", x.phone_number);
            put(o, "emergency_calling_policy", x.emergency_calling_policy), put(o, "emergency_call_routing_policy", x.emergency_call_routing_policy);
            put(o, "location_policy", x.location_policy), put(o, "routing_policy", x.routing_policy), put(o, "dial_plan", x.dial_plan);
            o["sfb_client"] = to_string(x.sfb_client);
            a.push_back(o);
        }
        root["users"] = a;
        a = json::array();
        for (const auto& x : c.psaps) {
            json o = obj(x.pos);
            o["id"] = x.id;
            put(o, "name", x.name);
            o["relay"] = x.relay;
            json serves = json::array();
            for (const auto& area : x.serves) {
                json so = obj(area.pos);
                for (const auto& [k, v] : area.keys) so[k] = v;
                serves.push_back(so);
            }
            o["serves"] = serves;
            a.push_back(o);
        }
        root["psaps"] = a;
        a = json::array();
        for (const auto& x : c.waivers) {
            json o = obj(x.pos);
            o["rule"] = x.rule, o["target"] = x.target, o["reason"] = x.reason, o["approved_by"] = x.approved_by, o["expires"] = x.expires;
            a.push_back(o);
        }
        root["waivers"] = a;
        return root;
    }
private:
    const Config& cfg_;
    bool pos_;
};
}  // namespace

std::string config_to_json(const Config& config, bool positions, int indent) { return Writer(config, positions).write().dump(indent); }

}  // namespace e911
