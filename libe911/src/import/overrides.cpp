// Top-level `overrides:`: facts no export holds (a gateway's emergency routing, ELIN numbers, a
// site's country) written by hand against imported objects by target, so they survive a re-import.
//   overrides:
//     - target: gateway/sbc1.contoso.com
//       set: {emergency_routing: elin, address: hq, elin_callback_minutes: 45}
#include <algorithm>

#include "e911/net.hpp"
#include "import/importer.hpp"
#include "import/include_hook.hpp"

namespace e911::detail::imp {

namespace {

struct Section {
    Kind kind;
    const char* path;
    const char* key;  // the field that identifies an object
};
constexpr Section kSections[] = {
    {Kind::address, "addresses", "id"},
    {Kind::location, "locations", "id"},
    {Kind::region, "network.regions", "id"},
    {Kind::site, "network.sites", "id"},
    {Kind::subnet, "network.subnets", "prefix"},
    {Kind::lis_subnet, "lis.subnets", "network_id"},
    {Kind::wireless_access_point, "lis.wireless_access_points", "bssid"},
    {Kind::switch_, "lis.switches", "chassis_id"},
    {Kind::emergency_calling_policy, "emergency_calling_policies", "id"},
    {Kind::emergency_call_routing_policy, "emergency_call_routing_policies", "id"},
    {Kind::location_policy, "location_policies", "id"},
    {Kind::gateway, "voice.gateways", "id"},
    {Kind::route, "voice.routes", "id"},
    {Kind::routing_policy, "voice.routing_policies", "id"},
    {Kind::dial_plan, "voice.dial_plans", "id"},
    {Kind::user, "users", "id"},
    {Kind::psap, "psaps", "id"},
};

Node* list_at(Node& root, const std::string& path) {
    Node* n = &root;
    std::size_t start = 0;
    while (n) {
        auto dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        n = n->get(part);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return n && n->kind == Node::Kind::sequence ? n : nullptr;
}

bool same(const Section& s, const std::string& a, const std::string& b) {
    if (s.kind == Kind::wireless_access_point || s.kind == Kind::switch_) {
        std::string x = normalise_mac(a), y = normalise_mac(b);
        if (!x.empty() && !y.empty()) return x == y;
    }
    return a == b;
}

void report(Config& cfg, std::vector<Diagnostic>& out, const char* id, SourcePos p, const std::string& key,
            const std::string& msg, const std::string& hint) {
    Diagnostic d;
    d.id = id;
    d.file = cfg.file_of(p);
    d.line = p.line;
    d.column = p.column;
    d.key = key;
    d.message = msg;
    d.hint = hint;
    out.push_back(std::move(d));
}

void apply_one(Node& root, const Node& entry, const std::string& path, Config& cfg, std::vector<Diagnostic>& out) {
    const Node* target = entry.get("target");
    const Node* set_ = entry.get("set");
    if (entry.kind != Node::Kind::mapping || !target || target->kind != Node::Kind::string || !set_ ||
        set_->kind != Node::Kind::mapping) {
        report(cfg, out, "wrong-type", entry.pos, path,
               "an override needs `target: <kind>/<id>` and `set: {field: value, ...}`",
               "write e.g. {target: gateway/sbc1.contoso.com, set: {emergency_routing: elin}}");
        return;
    }
    for (const Node& value : entry.items)
        if (value.key != "target" && value.key != "set" && value.key != "reason")
            report(cfg, out, "unknown-key", value.key_pos, path + "." + value.key,
                   "unknown key `" + value.key + "` in an override",
                   "an override has target, set and (optionally) reason");
    const std::string t = target->text.str();
    auto slash = t.find('/');
    Kind kind{};
    const Section* sec = nullptr;
    if (slash != std::string::npos && parse_kind(t.substr(0, slash), kind))
        for (const auto& s : kSections)
            if (s.kind == kind) sec = &s;
    if (!sec) {
        report(cfg, out, "invalid-value", target->pos, path + ".target",
               "`" + t + "` is not a target of the form <kind>/<id>",
               "kinds: address, location, region, site, subnet, lis_subnet, wireless_access_point, switch, "
               "emergency_calling_policy, "
               "emergency_call_routing_policy, location_policy, gateway, route, routing_policy, dial_plan, user, psap");
        return;
    }
    std::string id = t.substr(slash + 1);
    Node* list = list_at(root, sec->path);
    Node* obj = nullptr;
    for (std::size_t i = 0; list && i < list->items.size() && !obj; ++i)
        if (const Node* k = list->items[i].get(sec->key); k && k->is_scalar() && same(*sec, k->text.str(), id))
            obj = &list->items[i];
    if (!obj) {
        report(cfg, out, "override-target-missing", target->pos, path + ".target",
               "override target `" + t + "` does not exist (not in this configuration or its includes)",
               "check the id against the import (e911 import shows what it read), or remove the override");
        return;
    }
    for (const Node& value : set_->items) {
        if (value.key == sec->key) {
            report(cfg, out, "invalid-value", value.key_pos, path + ".set." + value.key,
                   "an override cannot change `" + value.key + "`, which identifies the object",
                   "override another field");
            continue;
        }
        if (value.key == "elins")  // the numbers behind an ELIN-table name are now given
            out.erase(std::remove_if(
                          out.begin(), out.end(),
                          [&](const Diagnostic& d) { return d.id == "import-elin-name" && d.key == t + ".elins"; }),
                      out.end());
        set(*obj, value.key.str(), value);
        obj->get(value.key)->key_pos = value.key_pos;  // point at the override
    }
}

}  // namespace

void apply_overrides(Node& root, Config& cfg, std::vector<Diagnostic>& out) {
    if (root.kind != Node::Kind::mapping) return;
    std::size_t at = root.items.size();
    for (std::size_t i = 0; i < root.items.size(); ++i)
        if (root.items[i].key == "overrides") at = i;
    if (at == root.items.size()) return;
    Node overrides = std::move(root.items[at]);
    root.items.erase(root.items.begin() + static_cast<std::ptrdiff_t>(at));
    if (overrides.kind != Node::Kind::sequence) {
        report(cfg, out, "wrong-type", overrides.pos, "overrides", "`overrides` must be a list",
               "write overrides: [{target: ..., set: {...}}]");
        return;
    }
    for (std::size_t i = 0; i < overrides.items.size(); ++i)
        apply_one(root, overrides.items[i], "overrides[" + std::to_string(i) + "]", cfg, out);
}

}  // namespace e911::detail::imp
