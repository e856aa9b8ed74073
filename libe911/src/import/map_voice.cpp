// Topology, emergency policies, routing and users: Teams (Get-CsTenantNetwork*, Get-CsTeams*,
// Get-CsOnline*) and Skype for Business (Get-CsNetwork*, Get-CsLocationPolicy, Get-CsVoice*),
// also as Microsoft365DSC resource blocks, which carry the same property names.
#include <cctype>

#include "import/importer.hpp"

namespace e911::detail::imp {

namespace {

void count(Ctx& c, const char* kind) { ++c.file.mapped[kind]; }

std::string id_of(const Node& r) {
    std::string id = text(r, "Identity");
    if (id.empty()) id = text(r, "Name");
    return normalise_identity(id);
}

Node& object(Ctx& c, const char* section, const char* kind, const Node& r, const std::string& id, SourcePos id_pos) {
    Node& o = c.doc.add(section, r.pos);
    set(o, "id", str(id, id_pos));
    count(c, kind);
    return o;
}

SourcePos identity_pos(const Node& r) { return has(r, "Identity") ? pos_of(r, "Identity") : pos_of(r, "Name"); }

void flag(Ctx& c, Node& obj, const char* key, const Node& r, std::string_view property) {
    bool v = false;
    const Node* n = prop(r, property);
    if (!n || n->kind == Node::Kind::null || text(r, property).empty()) return;
    if (parse_bool(n->text, v))
        set(obj, key, boolean(v, n->pos));
    else
        c.note("import-invalid-value", Severity::error, n->pos, std::string(property),
               "`" + std::string(property) + "` is `" + n->text + "`, not True or False",
               "correct the value in the export");
}

// An enum property as its name. Integers are what ConvertTo-Json writes without -EnumsAsStrings;
// Microsoft publishes no number-to-name table for these enums, so a number is reported, not guessed.
void enumeration(Ctx& c, Node& obj, const char* key, const Node& r, std::string_view property,
                 std::initializer_list<std::pair<const char*, const char*>> names) {
    const Node* n = prop(r, property);
    if (!n || n->kind == Node::Kind::null || text(r, property).empty()) return;
    std::string t = text(r, property);
    if (n->kind == Node::Kind::integer || std::isdigit(static_cast<unsigned char>(t[0]))) {
        c.note("import-enum-number", Severity::error, n->pos, std::string(property),
               "`" + std::string(property) + "` is the number " + t +
                   ", not a name; the cmdlet's enum numbering is not documented",
               "re-export with ConvertTo-Json -EnumsAsStrings (PowerShell 7), or select it as text: "
               "Select-Object *,@{n='" +
                   std::string(property) + "';e={\"$($_." + std::string(property) + ")\"}}");
        return;
    }
    for (const auto& [ps, ours] : names) {
        if (iequal_ascii(t, ps)) {
            if (ours) set(obj, key, str(ours, n->pos));
            return;
        }
    }
    c.note("import-invalid-value", Severity::error, n->pos, std::string(property),
           "`" + std::string(property) + "` is `" + t + "`, which is not a known value",
           "correct the value in the export");
}

// Nested objects, which ConvertTo-Json's default depth may have flattened to "Key=Value;..." text.
std::vector<Node> nested(Ctx& c, const Node& r, std::string_view property, const std::vector<std::string>& keys) {
    std::vector<Node> out;
    if (lost_collection(c, r, property)) return out;
    for (const Node* item : items(prop(r, property))) {
        if (item->kind == Node::Kind::mapping) {
            out.push_back(*item);
            continue;
        }
        Node m;
        if (parse_flattened(*item, keys, m)) {
            out.push_back(std::move(m));
            continue;
        }
        c.note("import-unmapped", Severity::error, item->pos, std::string(property),
               "an entry of `" + std::string(property) + "` is `" + item->text + "`, which is not an object with " +
                   keys[0],
               "re-export with ConvertTo-Json -Depth 5");
    }
    return out;
}

void strings_to(Ctx& c, Node& obj, const char* key, const Node& r, std::string_view property, const char* seps,
                bool identities = false) {
    if (!has(r, property)) return;
    auto list = string_list(c, r, property, seps);
    if (list.empty()) return;
    Node s = seq(pos_of(r, property));
    for (auto& n : list) {
        if (identities) n.text = normalise_identity(n.text.str());
        s.items.push_back(std::move(n));
    }
    set(obj, key, std::move(s));
}

void ref(Node& obj, const char* key, const Node& r, std::string_view property) {
    const Node* v = prop(r, property);
    if (!v) return;
    std::string t;
    if (v->kind == Node::Kind::mapping)
        t = text(*v, "Name");  // older Get-CsOnlineUser: {Name, Authority}
    else
        t = text(r, property);
    if (!t.empty()) set(obj, key, str(normalise_identity(t), v->pos));
}

// ------------------------------------------------------------------ topology
void region(Ctx& c, const Node& r) {
    std::string id = text(r, "NetworkRegionID");
    if (id.empty()) id = text(r, "Identity");
    if (c.doc.seen("regions", id)) return;
    Node& o = object(c, "network.regions", "region", r, id,
                     has(r, "NetworkRegionID") ? pos_of(r, "NetworkRegionID") : identity_pos(r));
    copy_text(o, "description", r, "Description");
    copy_text(o, "central_site", r, "CentralSite");
}

void site(Ctx& c, const Node& r) {
    std::string id = text(r, "NetworkSiteID");
    if (id.empty()) id = text(r, "Identity");
    Node& o = object(c, "network.sites", "site", r, id,
                     has(r, "NetworkSiteID") ? pos_of(r, "NetworkSiteID") : identity_pos(r));
    copy_text(o, "region", r, "NetworkRegionID");
    for (const char* p : {"EmergencyCallingPolicyName", "EmergencyCallingPolicy"})
        ref(o, "emergency_calling_policy", r, p);
    for (const char* p : {"EmergencyCallRoutingPolicyName", "EmergencyCallRoutingPolicy"})
        ref(o, "emergency_call_routing_policy", r, p);
    ref(o, "location_policy", r, "LocationPolicy");
    copy_text(o, "description", r, "Description");
}

void subnet(Ctx& c, const Node& r) {
    std::string ip = text(r, "SubnetID");
    if (ip.empty()) ip = text(r, "Identity");
    Node& o = c.doc.add("network.subnets", r.pos);
    count(c, "subnet");
    set(o, "prefix", str(ip + "/" + text(r, "MaskBits"), has(r, "SubnetID") ? pos_of(r, "SubnetID") : identity_pos(r)));
    copy_text(o, "site", r, "NetworkSiteID");
    copy_text(o, "description", r, "Description");
}

void trusted_ip(Ctx& c, const Node& r) {
    std::string ip = text(r, "IPAddress");
    if (ip.empty()) ip = text(r, "Identity");
    std::string bits = text(r, "MaskBits");
    if (bits.empty()) bits = ip.find(':') != std::string::npos ? "128" : "32";
    c.doc.list("network.trusted_ips", r.pos).items.push_back(str(ip + "/" + bits, r.pos));
    count(c, "trusted_ip");
}

void network_configuration(Ctx& c, const Node& r) {
    static const std::vector<std::string> region_keys = {"Identity", "NetworkRegionID", "Description", "CentralSite"};
    static const std::vector<std::string> site_keys = {
        "Identity",        "NetworkSiteID",          "Description",
        "NetworkRegionID", "EmergencyCallingPolicy", "EmergencyCallRoutingPolicy",
        "LocationPolicy"};
    static const std::vector<std::string> subnet_keys = {"Identity", "SubnetID", "MaskBits", "Description",
                                                         "NetworkSiteID"};
    for (const auto& n : nested(c, r, "NetworkRegions", region_keys)) region(c, n);
    for (const auto& n : nested(c, r, "NetworkSites", site_keys)) site(c, n);
    for (const auto& n : nested(c, r, "Subnets", subnet_keys)) subnet(c, n);
}

// ------------------------------------------------------------------ emergency policies
const std::initializer_list<std::pair<const char*, const char*>> kModes = {{"NotificationOnly", "notification_only"},
                                                                           {"ConferenceMuted", "conference_muted"},
                                                                           {"ConferenceUnMuted", "conference_unmuted"},
                                                                           {"None", "none"}};

void emergency_calling_policy(Ctx& c, const Node& r) {
    Node& o = object(c, "emergency_calling_policies", "emergency_calling_policy", r, id_of(r), identity_pos(r));
    copy_text(o, "description", r, "Description");
    enumeration(c, o, "notification_mode", r, "NotificationMode",
                {{"NotificationOnly", "notification_only"},
                 {"ConferenceMuted", "conference_muted"},
                 {"ConferenceUnMuted", "conference_unmuted"}});
    strings_to(c, o, "notification_group", r, "NotificationGroup", ";,");
    copy_text(o, "notification_dial_out", r, "NotificationDialOutNumber");
    enumeration(c, o, "external_location_lookup", r, "ExternalLocationLookupMode",
                {{"Enabled", nullptr}, {"Disabled", nullptr}});
    if (text(r, "ExternalLocationLookupMode") == "Enabled")
        set(o, "external_location_lookup", boolean(true, pos_of(r, "ExternalLocationLookupMode")));
    static const std::vector<std::string> keys = {"EmergencyDialString", "NotificationGroup",
                                                  "NotificationDialOutNumber", "NotificationMode"};
    Node list = seq(pos_of(r, "ExtendedNotifications"));
    for (const auto& n : nested(c, r, "ExtendedNotifications", keys)) {
        Node e;
        e.kind = Node::Kind::mapping;
        e.pos = n.pos;
        copy_text(e, "dial_string", n, "EmergencyDialString");
        enumeration(c, e, "notification_mode", n, "NotificationMode", kModes);
        strings_to(c, e, "notification_group", n, "NotificationGroup", ";,");
        copy_text(e, "notification_dial_out", n, "NotificationDialOutNumber");
        list.items.push_back(std::move(e));
    }
    if (!list.items.empty()) set(o, "extended_notifications", std::move(list));
}

Node emergency_number(Ctx& c, const Node& n, const char* dial_string, const char* mask, const char* usage) {
    Node e;
    e.kind = Node::Kind::mapping;
    e.pos = n.pos;
    copy_text(e, "dial_string", n, dial_string);
    strings_to(c, e, "dial_masks", n, mask, ";,");
    if (usage) copy_text(e, "pstn_usage", n, usage);
    return e;
}

void emergency_call_routing_policy(Ctx& c, const Node& r) {
    Node& o =
        object(c, "emergency_call_routing_policies", "emergency_call_routing_policy", r, id_of(r), identity_pos(r));
    copy_text(o, "description", r, "Description");
    flag(c, o, "enhanced_emergency_services", r, "AllowEnhancedEmergencyServices");
    static const std::vector<std::string> keys = {"EmergencyDialString", "EmergencyDialMask", "OnlinePSTNUsage"};
    Node list = seq(pos_of(r, "EmergencyNumbers"));
    for (const auto& n : nested(c, r, "EmergencyNumbers", keys))
        list.items.push_back(emergency_number(c, n, "EmergencyDialString", "EmergencyDialMask", "OnlinePSTNUsage"));
    if (!list.items.empty()) set(o, "numbers", std::move(list));
}

void location_policy(Ctx& c, const Node& r) {
    Node& o = object(c, "location_policies", "location_policy", r, id_of(r), identity_pos(r));
    copy_text(o, "description", r, "Description");
    flag(c, o, "enhanced_emergency_services", r, "EnhancedEmergencyServicesEnabled");
    enumeration(c, o, "location_required", r, "LocationRequired",
                {{"no", "no"}, {"yes", "yes"}, {"disclaimer", "disclaimer"}});
    copy_text(o, "pstn_usage", r, "PstnUsage");
    copy_text(o, "dial_string", r, "EmergencyDialString");
    strings_to(c, o, "dial_masks", r, "EmergencyDialMask", ";,");
    strings_to(c, o, "notification_uris", r, "NotificationUri", ",;");
    copy_text(o, "conference_uri", r, "ConferenceUri");
    enumeration(c, o, "conference_mode", r, "ConferenceMode", {{"oneway", "oneway"}, {"twoway", "twoway"}});
    static const std::vector<std::string> keys = {"DialString", "DialMask"};
    Node list = seq(pos_of(r, "EmergencyNumbers"));
    for (const auto& n : nested(c, r, "EmergencyNumbers", keys))
        list.items.push_back(emergency_number(c, n, "DialString", "DialMask", nullptr));
    if (!list.items.empty()) set(o, "numbers", std::move(list));
}

// ------------------------------------------------------------------ routing
void pstn_usages(Ctx& c, const Node& r) {
    for (auto& u : string_list(c, r, "Usage", "\n")) {
        if (c.doc.seen("pstn_usages", u.text.str())) continue;
        c.doc.list("voice.pstn_usages", r.pos).items.push_back(std::move(u));
        count(c, "pstn_usage");
    }
}

void voice_route(Ctx& c, const Node& r) {
    std::string id = text(r, "Name").empty() ? id_of(r) : text(r, "Name");
    Node& o = object(c, "voice.routes", "route", r, id, has(r, "Name") ? pos_of(r, "Name") : identity_pos(r));
    copy_text(o, "description", r, "Description");
    std::string p = text(r, "Priority");
    if (!p.empty()) {
        char* end = nullptr;
        long v = std::strtol(p.c_str(), &end, 10);
        if (end && *end == '\0')
            set(o, "priority", integer(v, pos_of(r, "Priority")));
        else
            set(o, "priority", str(p, pos_of(r, "Priority")));
    }
    copy_text(o, "number_pattern", r, "NumberPattern");
    bool teams = has(r, "OnlinePstnUsages");
    strings_to(c, o, "pstn_usages", r, teams ? "OnlinePstnUsages" : "PstnUsages", ",;");
    strings_to(c, o, "gateways", r, has(r, "OnlinePstnGatewayList") ? "OnlinePstnGatewayList" : "PstnGatewayList", ",;",
               true);
}

void routing_policy(Ctx& c, const Node& r) {
    Node& o = object(c, "voice.routing_policies", "routing_policy", r, id_of(r), identity_pos(r));
    copy_text(o, "description", r, "Description");
    strings_to(c, o, "pstn_usages", r, has(r, "OnlinePstnUsages") ? "OnlinePstnUsages" : "PstnUsages", ",;");
}

void gateway(Ctx& c, const Node& r) {
    std::string id = text(r, "Identity");
    if (id.empty()) id = text(r, "Fqdn");
    Node& o = object(c, "voice.gateways", "gateway", r, normalise_identity(id),
                     has(r, "Identity") ? pos_of(r, "Identity") : pos_of(r, "Fqdn"));
    copy_text(o, "description", r, "Description");
    flag(c, o, "enabled", r, "Enabled");
    flag(c, o, "pidf_lo", r, "PidfLoSupported");
}

void trunk_configuration(Ctx& c, const Node& r) {
    std::string id = text(r, "Identity");
    std::string fqdn = normalise_identity(id);
    if (fqdn == id || fqdn == "global") {
        c.note("import-unmapped", Severity::info, identity_pos(r), "Identity",
               "trunk configuration `" + id +
                   "` is not for one gateway (service:PstnGateway:<fqdn>); its EnablePIDFLOSupport was not "
                   "applied to any gateway",
               "set pidf_lo on each gateway with an override if it relies on this configuration");
        return;
    }
    Node& o = object(c, "voice.gateways", "gateway", r, fqdn, identity_pos(r));
    flag(c, o, "pidf_lo", r, "EnablePIDFLOSupport");
}

void dial_plan(Ctx& c, const Node& r) {
    Node& o = object(c, "voice.dial_plans", "dial_plan", r, id_of(r),
                     identity_pos(r));  // (the format has no description here)
    copy_text(o, "external_access_prefix", r, "ExternalAccessPrefix");
    static const std::vector<std::string> keys = {"Description",         "Pattern",  "Translation", "Name",
                                                  "IsInternalExtension", "Priority", "Identity"};
    Node list = seq(pos_of(r, "NormalizationRules"));
    for (const auto& n : nested(c, r, "NormalizationRules", keys)) {
        Node rule;
        rule.kind = Node::Kind::mapping;
        rule.pos = n.pos;
        std::string name = text(n, "Name");
        if (name.empty()) {
            name = text(n, "Identity");
            name = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
        }
        set(rule, "name", str(name, pos_of(n, "Name")));
        copy_text(rule, "pattern", n, "Pattern");
        const Node* t = prop(n, "Translation");
        set(rule, "translation", str(t && t->is_scalar() ? t->text.str() : std::string(), pos_of(n, "Translation")));
        std::string p = text(n, "Priority");
        // Digits only, at most 9 of them: the decoder reports a range error, never an overflow here.
        if (!p.empty() && p.size() <= 9 && p.find_first_not_of("0123456789") == std::string::npos)
            set(rule, "priority", integer(std::strtol(p.c_str(), nullptr, 10), pos_of(n, "Priority")));
        else if (!p.empty())
            set(rule, "priority", str(p, pos_of(n, "Priority")));
        copy_text(rule, "description", n, "Description");
        list.items.push_back(std::move(rule));
    }
    set(o, "rules", std::move(list));
}

// ------------------------------------------------------------------ users
Node& user(Ctx& c, const Node& r, const std::string& id, SourcePos id_pos) {
    if (c.doc.seen("users", id))
        if (Node* u = c.doc.find("users", id)) return *u;  // a second export of the same user adds fields
    return object(c, "users", "user", r, id, id_pos);
}

void phone(Ctx& c, Node& u, const Node& r, std::string_view property) {
    std::string raw = text(r, property);
    if (raw.empty()) return;
    std::string n = line_uri_number(raw);
    if (raw.find(";ext=") != std::string::npos)
        c.note("import-extension-dropped", Severity::info, pos_of(r, property), std::string(property),
               "line URI `" + raw + "`: the extension is not part of the number the PSAP calls back; imported as " + n,
               "");
    set(u, "phone_number", str(n, pos_of(r, property)));
}

// Get-CsOnlineUser has the directory's country (`CountryAbbreviation`; `Country` is its display name) and the
// licence's `UsageLocation` (Get-CsOnlineUser reference, MicrosoftDocs/office-docs-powershell). With
// CountryAbbreviation the usage location is kept only where it differs, so a user whose two agree imports as
// before; an export without it (a selection, or a -Filter query, which Microsoft notes leaves it out at times)
// gives its UsageLocation as the user's country.
void countries(Node& u, const Node& r) {
    std::string usage = country_alpha2(text(r, "UsageLocation"));
    std::string country = country_alpha2(text(r, "CountryAbbreviation"));
    if (country.empty()) {
        if (!usage.empty()) set(u, "country", str(usage, pos_of(r, "UsageLocation")));
        return;
    }
    set(u, "country", str(country, pos_of(r, "CountryAbbreviation")));
    if (!usage.empty() && usage != country) set(u, "usage_location", str(usage, pos_of(r, "UsageLocation")));
}

// Get-CsOnlineUser's FeatureTypes lists the user's features, "PhoneSystem" and "CallingPlan" among them, and
// "Direct Routing Numbers can be distinguished from Calling Plan Numbers by looking at the FeatureTypes attribute"
// (Get-CsOnlineUser reference). Operator Connect has no feature of its own there (only
// Get-CsPhoneNumberAssignment's NumberType shows it, a cmdlet this importer does not read): it stays hand-written.
void pstn(Ctx& c, Node& u, const Node& r) {
    if (!has(r, "FeatureTypes")) return;
    for (const auto& f : string_list(c, r, "FeatureTypes", ",; ")) {
        if (iequal_ascii(f.text, "callingplan")) {
            set(u, "pstn", str("calling_plan", f.pos));
            return;
        }
    }
}

void teams_user(Ctx& c, const Node& r, const char* id_property) {
    Node& u = user(c, r, text(r, id_property), pos_of(r, id_property));
    set(u, "platform", str("teams", r.pos));
    phone(c, u, r, has(r, "LineURI") ? "LineURI" : "TelephoneNumber");
    countries(u, r);
    pstn(c, u, r);
    ref(u, "emergency_calling_policy", r, "TeamsEmergencyCallingPolicy");
    ref(u, "emergency_call_routing_policy", r, "TeamsEmergencyCallRoutingPolicy");
    ref(u, "routing_policy", r, "OnlineVoiceRoutingPolicy");
    ref(u, "dial_plan", r, "TenantDialPlan");
}

void sfb_user(Ctx& c, const Node& r) {
    std::string id = text(r, "SipAddress");
    if (id.rfind("sip:", 0) == 0 || id.rfind("SIP:", 0) == 0) id = id.substr(4);
    Node& u = user(c, r, id, pos_of(r, "SipAddress"));
    set(u, "platform", str("sfb", r.pos));
    phone(c, u, r, "LineURI");
    ref(u, "location_policy", r, "LocationPolicy");
    ref(u, "routing_policy", r, "VoicePolicy");
    ref(u, "dial_plan", r, "DialPlan");
}

}  // namespace

bool lost_collection(Ctx& c, const Node& r, std::string_view name) {
    const Node* v = prop(r, name);
    if (!v || v->kind != Node::Kind::string || !is_collection_type_name(v->text)) return false;
    c.note("import-lost-collection", Severity::error, v->pos, std::string(name),
           "`" + std::string(name) + "` holds `" + v->text +
               "`: the export wrote the collection's type name, so its values are lost",
           "re-export with ConvertTo-Json -Depth 5, or before Export-Csv add "
           "Select-Object *,@{n='" +
               std::string(name) + "';e={$_." + std::string(name) + " -join ','}} -ExcludeProperty " +
               std::string(name));
    return true;
}

// Get-CsUserPolicyAssignment output does not name its user. Said once per file rather than guessed.
void policy_assignment(Ctx& c, const Node& r) {
    if (c.file.read[type_name(Type::policy_assignment)] != 1) return;
    c.note("import-unmapped", Severity::warning, r.pos, "PolicyType",
           "per-user policy assignment records (PolicyType, PolicyName) cannot be mapped: the output does not name "
           "the user",
           "import Get-CsOnlineUser, which shows each user's effective policy names");
}

// Group policy assignments (Get-CsGroupPolicyAssignment, Microsoft365DSC TeamsGroupPolicyAssignment).
// The model has no groups and no export holds group membership, so each assignment of a policy type
// we model is reported (which policy, which group, its priority) and nothing is guessed: an imported
// user without a direct assignment keeps falling back to the global policy, as Teams does for users
// outside every assigned group. Other policy types (meeting, messaging, ...) are counted, not noted.
void group_policy_assignment(Ctx& c, const Node& r) {
    static const std::pair<const char*, const char*> ours[] = {
        {"TeamsEmergencyCallingPolicy", "emergency_calling_policies"},
        {"TeamsEmergencyCallRoutingPolicy", "emergency_call_routing_policies"},
        {"OnlineVoiceRoutingPolicy", "voice.routing_policies"},
        {"TenantDialPlan", "voice.dial_plans"},
    };
    std::string type = text(r, "PolicyType");
    const char* section = nullptr;
    for (const auto& [ps, sec] : ours)
        if (iequal_ascii(type, ps)) section = sec;
    if (!section) {
        ++c.file.read["ignored group assignment of " + (type.empty() ? std::string("(no PolicyType)") : type)];
        return;
    }
    std::string group = text(r, "GroupDisplayName");
    std::string group_id = text(r, "GroupId");
    if (group.empty()) group = group_id;
    else if (!group_id.empty()) group += " (" + group_id + ")";
    std::string policy = normalise_identity(text(r, "PolicyName"));
    std::string priority = text(r, has(r, "Priority") ? "Priority" : "Rank");
    bool exported = !policy.empty() && c.doc.find(section, policy) != nullptr;
    ++c.doc.group_assignments;
    ++c.file.mapped["group assignment (reported only)"];
    c.note("import-group-assignment", exported ? Severity::info : Severity::warning, r.pos, "PolicyName",
           type + " `" + (policy.empty() ? "global" : policy) + "` is assigned to group `" + group + "`" +
               (priority.empty() ? "" : " at priority " + priority) +
               "; the export holds no group membership, so imported users without a direct assignment use the "
               "global policy" +
               (exported || policy.empty() ? "" : "; the policy itself is not in the export"),
           "give the group's members the policy directly (users: or overrides:), or import Get-CsOnlineUser, whose "
           "policy columns show each user's effective policy");
}

void map_voice(Ctx& c, Type t, const Node& r) {
    switch (t) {
        case Type::policy_assignment: policy_assignment(c, r); break;
        case Type::group_policy_assignment: group_policy_assignment(c, r); break;
        case Type::region: region(c, r); break;
        case Type::site: site(c, r); break;
        case Type::subnet: subnet(c, r); break;
        case Type::trusted_ip: trusted_ip(c, r); break;
        case Type::network_configuration: network_configuration(c, r); break;
        case Type::emergency_calling_policy: emergency_calling_policy(c, r); break;
        case Type::emergency_call_routing_policy: emergency_call_routing_policy(c, r); break;
        case Type::location_policy: location_policy(c, r); break;
        case Type::pstn_usage: pstn_usages(c, r); break;
        case Type::voice_route: voice_route(c, r); break;
        case Type::routing_policy: routing_policy(c, r); break;
        case Type::gateway: gateway(c, r); break;
        case Type::trunk_configuration: trunk_configuration(c, r); break;
        case Type::dial_plan: dial_plan(c, r); break;
        case Type::teams_user: teams_user(c, r, "UserPrincipalName"); break;
        case Type::user_policy_assignment: teams_user(c, r, "User"); break;
        case Type::voice_user: teams_user(c, r, "Identity"); break;
        case Type::sfb_user: sfb_user(c, r); break;
        default: break;
    }
}

void map_record(Ctx& c, Type t, const Node& r) {
    ++c.file.read[type_name(t)];
    // Shared shapes (network sites, routes, usages, dial plans) do not say which platform they are.
    switch (t) {
        case Type::teams_civic_address:
        case Type::teams_lis_location:
        case Type::teams_lis_subnet:
        case Type::teams_lis_wap:
        case Type::teams_lis_switch:
        case Type::teams_lis_port:
        case Type::e911automation_row:
        case Type::emergency_calling_policy:
        case Type::emergency_call_routing_policy:
        case Type::gateway:
        case Type::teams_user:
        case Type::user_policy_assignment:
        case Type::group_policy_assignment:
        case Type::voice_user:
        case Type::trusted_ip:
        case Type::network_configuration: c.platforms.insert("teams"); break;
        case Type::sfb_lis_civic_address:
        case Type::sfb_lis_location:
        case Type::sfb_lis_subnet:
        case Type::sfb_lis_wap:
        case Type::sfb_lis_switch:
        case Type::sfb_lis_port:
        case Type::location_policy:
        case Type::trunk_configuration:
        case Type::sfb_user: c.platforms.insert("sfb"); break;
        default: break;
    }
    map_lis(c, t, r);
    map_voice(c, t, r);
}

}  // namespace e911::detail::imp
