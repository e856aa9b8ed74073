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
        Node* next = nullptr;
        for (std::size_t i = 0; n->kind == Node::Kind::mapping && i < n->keys.size(); ++i)
            if (n->keys[i] == part) next = &n->items[i];
        n = next;
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
    for (std::size_t i = 0; i < entry.keys.size(); ++i)
        if (entry.keys[i] != "target" && entry.keys[i] != "set" && entry.keys[i] != "reason")
            report(cfg, out, "unknown-key", entry.key_pos[i], path + "." + entry.keys[i],
                   "unknown key `" + entry.keys[i] + "` in an override",
                   "an override has target, set and (optionally) reason");
    const std::string& t = target->text;
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
        if (const Node* k = list->items[i].get(sec->key); k && k->is_scalar() && same(*sec, k->text, id))
            obj = &list->items[i];
    if (!obj) {
        report(cfg, out, "override-target-missing", target->pos, path + ".target",
               "override target `" + t + "` does not exist (not in this configuration or its includes)",
               "check the id against the import (e911 import shows what it read), or remove the override");
        return;
    }
    for (std::size_t i = 0; i < set_->keys.size(); ++i) {
        if (set_->keys[i] == sec->key) {
            report(cfg, out, "invalid-value", set_->key_pos[i], path + ".set." + set_->keys[i],
                   "an override cannot change `" + set_->keys[i] + "`, which identifies the object",
                   "override another field");
            continue;
        }
        if (set_->keys[i] == "elins")  // the numbers behind an ELIN-table name are now given
            out.erase(std::remove_if(
                          out.begin(), out.end(),
                          [&](const Diagnostic& d) { return d.id == "import-elin-name" && d.key == t + ".elins"; }),
                      out.end());
        set(*obj, set_->keys[i], set_->items[i]);
        for (std::size_t k = 0; k < obj->keys.size(); ++k)
            if (obj->keys[k] == set_->keys[i]) obj->key_pos[k] = set_->key_pos[i];  // point at the override
    }
}

}  // namespace

void apply_overrides(Node& root, Config& cfg, std::vector<Diagnostic>& out) {
    if (root.kind != Node::Kind::mapping) return;
    std::size_t at = root.keys.size();
    for (std::size_t i = 0; i < root.keys.size(); ++i)
        if (root.keys[i] == "overrides") at = i;
    if (at == root.keys.size()) return;
    Node overrides = std::move(root.items[at]);
    root.keys.erase(root.keys.begin() + static_cast<std::ptrdiff_t>(at));
    root.key_pos.erase(root.key_pos.begin() + static_cast<std::ptrdiff_t>(at));
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
