// The configuration as the Get-Cs* cmdlets would return it (ConvertTo-Json, PowerShell 7 shape),
// one file per cmdlet named as the backup scripts name them (Get-CsXxx.txt). Objects only Skype
// for Business has (location policies, SfB users, sites with a location policy) use the SfB cmdlets.
#include <nlohmann/json.hpp>

#include "e911/import.hpp"
#include "import/export_ps.hpp"

namespace e911 {

namespace {

using J = nlohmann::ordered_json;

J opt(const std::string& s) { return s.empty() ? J(nullptr) : J(s); }
J ref(const Ref& r) { return r.set() ? J(r.id) : J(nullptr); }
J names(const std::vector<Ref>& refs) {
    J a = J::array();
    for (const auto& r : refs) a.push_back(r.id);
    return a;
}
std::string coord(const std::optional<double>& d) {
    if (!d) return {};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
}
std::string identity(const std::string& id) { return id == "global" ? "Global" : "Tag:" + id; }
std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

void civic(J& o, const Address& a) {
    o["CompanyName"] = opt(a.company);
    o["HouseNumber"] = opt(a.house_number);
    o["HouseNumberSuffix"] = opt(a.house_number_suffix);
    o["PreDirectional"] = opt(a.pre_directional);
    o["StreetName"] = opt(a.street_name);
    o["StreetSuffix"] = opt(a.street_suffix);
    o["PostDirectional"] = opt(a.post_directional);
    o["City"] = opt(a.city);
    o["CountyOrDistrict"] = opt(a.county);
    o["StateOrProvince"] = opt(a.state);
    o["PostalCode"] = opt(a.postal_code);
    o["CountryOrRegion"] = opt(a.country);
    o["Latitude"] = opt(coord(a.latitude));
    o["Longitude"] = opt(coord(a.longitude));
}

void lis(const Config& c, std::vector<ExportFile>& files) {
    J addresses = J::array(), locations = J::array();
    for (const auto& a : c.addresses) {
        J o;
        o["CivicAddressId"] = a.id;
        civic(o, a);
        o["Elin"] = a.elins.empty() ? J(nullptr) : J(joined(a.elins, ";"));
        o["ValidationStatus"] = a.validated ? "Validated" : "NotValidated";
        addresses.push_back(std::move(o));
    }
    for (const auto& l : c.locations) {
        J o;
        o["LocationId"] = l.id;
        o["CivicAddressId"] = l.address.id;
        o["Location"] = opt(l.place);
        o["Elin"] = l.elins.empty() ? J(nullptr) : J(joined(l.elins, ";"));
        locations.push_back(std::move(o));
    }
    J subnets = J::array(), waps = J::array(), switches = J::array(), ports = J::array();
    for (const auto& s : c.lis_subnets)
        subnets.push_back(
            J{{"Subnet", s.network_id.to_string()}, {"LocationId", s.location.id}, {"Description", nullptr}});
    for (const auto& w : c.wireless_access_points)
        waps.push_back(
            J{{"BSSID", w.bssid.to_string()}, {"LocationId", w.location.id}, {"Description", opt(w.description)}});
    for (const auto& s : c.switches)
        switches.push_back(J{{"ChassisID", s.chassis_id}, {"LocationId", s.location.id}, {"Description", nullptr}});
    for (const auto& p : c.ports)
        ports.push_back(J{{"PortID", p.port_id},
                          {"ChassisID", p.chassis_id},
                          {"LocationId", p.location.id},
                          {"Description", nullptr}});
    auto add = [&](const char* name, J& a) {
        if (!a.empty()) files.push_back({std::string(name) + ".txt", a.dump(2) + "\n"});
    };
    add("Get-CsOnlineLisCivicAddress", addresses);
    add("Get-CsOnlineLisLocation", locations);
    add("Get-CsOnlineLisSubnet", subnets);
    add("Get-CsOnlineLisWirelessAccessPoint", waps);
    add("Get-CsOnlineLisSwitch", switches);
    add("Get-CsOnlineLisPort", ports);
}

void topology(const Config& c, std::vector<ExportFile>& files) {
    const bool sfb = c.defaults.platform == Platform::sfb;
    J regions = J::array(), sites = J::array(), sfb_sites = J::array(), subnets = J::array(), trusted = J::array();
    for (const auto& r : c.regions)
        regions.push_back(J{{"Identity", r.id}, {"NetworkRegionID", r.id}, {"Description", nullptr}});
    for (const auto& s : c.sites) {
        J o{{"Identity", s.id}, {"NetworkSiteID", s.id}, {"NetworkRegionID", ref(s.region)}};
        if (s.location_policy.set() || sfb) {  // a Skype for Business network site
            o["LocationPolicy"] = ref(s.location_policy);
            if (s.emergency_calling_policy.set()) o["EmergencyCallingPolicy"] = s.emergency_calling_policy.id;
            if (s.emergency_call_routing_policy.set())
                o["EmergencyCallRoutingPolicy"] = s.emergency_call_routing_policy.id;
            sfb_sites.push_back(std::move(o));
            continue;
        }
        o["EmergencyCallingPolicy"] = ref(s.emergency_calling_policy);
        o["EmergencyCallRoutingPolicy"] = ref(s.emergency_call_routing_policy);
        sites.push_back(std::move(o));
    }
    for (const auto& s : c.subnets)
        subnets.push_back(J{{"Identity", s.prefix.network.to_string()},
                            {"SubnetID", s.prefix.network.to_string()},
                            {"MaskBits", s.prefix.length},
                            {"NetworkSiteID", s.site.id},
                            {"Description", opt(s.description)}});
    for (const auto& t : c.trusted_ips)
        trusted.push_back(J{{"Identity", t.prefix.network.to_string()},
                            {"IPAddress", t.prefix.network.to_string()},
                            {"MaskBits", t.prefix.length},
                            {"Description", nullptr}});
    auto add = [&](const char* name, J& a) {
        if (!a.empty()) files.push_back({std::string(name) + ".txt", a.dump(2) + "\n"});
    };
    add(sfb ? "Get-CsNetworkRegion" : "Get-CsTenantNetworkRegion", regions);
    add("Get-CsTenantNetworkSite", sites);
    add("Get-CsNetworkSite", sfb_sites);
    add(sfb ? "Get-CsNetworkSubnet" : "Get-CsTenantNetworkSubnet", subnets);
    add("Get-CsTenantTrustedIPAddress", trusted);
}

void policies(const Config& c, std::vector<ExportFile>& files) {
    J ecps = J::array(), ecrps = J::array(), lps = J::array();
    for (const auto& p : c.emergency_calling_policies) {
        J ext = J::array();
        for (const auto& e : p.extended_notifications)
            ext.push_back(
                J{{"EmergencyDialString", e.dial_string},
                  {"NotificationGroup", e.notification_group ? J(joined(*e.notification_group, ";")) : J(nullptr)},
                  {"NotificationDialOutNumber", e.notification_dial_out ? J(*e.notification_dial_out) : J(nullptr)},
                  {"NotificationMode", e.notification_mode ? J(detail::ps::mode(*e.notification_mode)) : J(nullptr)}});
        ecps.push_back(J{{"Identity", identity(p.id)},
                         {"Description", nullptr},
                         {"NotificationGroup", opt(joined(p.notification_group, ";"))},
                         {"NotificationDialOutNumber", opt(p.notification_dial_out)},
                         {"NotificationMode", detail::ps::mode(p.notification_mode)},
                         {"ExternalLocationLookupMode", p.external_location_lookup ? "Enabled" : "Disabled"},
                         {"ExtendedNotifications", ext}});
    }
    for (const auto& p : c.emergency_call_routing_policies) {
        J nums = J::array();
        for (const auto& n : p.numbers)
            nums.push_back(J{{"EmergencyDialString", n.dial_string},
                             {"EmergencyDialMask", opt(joined(n.dial_masks, ";"))},
                             {"OnlinePSTNUsage", ref(n.pstn_usage)}});
        ecrps.push_back(J{{"Identity", identity(p.id)},
                          {"Description", nullptr},
                          {"EmergencyNumbers", nums},
                          {"AllowEnhancedEmergencyServices", p.enhanced_emergency_services}});
    }
    for (const auto& p : c.location_policies) {
        J nums = J::array();
        for (const auto& n : p.numbers)
            nums.push_back(J{{"DialString", n.dial_string}, {"DialMask", opt(joined(n.dial_masks, ";"))}});
        lps.push_back(J{{"Identity", identity(p.id)},
                        {"EnhancedEmergencyServicesEnabled", p.enhanced_emergency_services},
                        {"LocationRequired", to_string(p.location_required)},
                        {"PstnUsage", ref(p.pstn_usage)},
                        {"EmergencyDialString", opt(p.dial_string)},
                        {"EmergencyDialMask", opt(joined(p.dial_masks, ";"))},
                        {"NotificationUri", opt(joined(p.notification_uris, ","))},
                        {"ConferenceUri", opt(p.conference_uri)},
                        {"ConferenceMode", to_string(p.conference_mode)},
                        {"EmergencyNumbers", nums}});
    }
    auto add = [&](const char* name, J& a) {
        if (!a.empty()) files.push_back({std::string(name) + ".txt", a.dump(2) + "\n"});
    };
    add("Get-CsTeamsEmergencyCallingPolicy", ecps);
    add("Get-CsTeamsEmergencyCallRoutingPolicy", ecrps);
    add("Get-CsLocationPolicy", lps);
}

// Skype for Business names the same objects differently: PstnUsages, PstnGatewayList entries
// "PstnGateway:<fqdn>", trunk configurations for PIDF-LO, rule identities "<dial plan>/<name>".
void voice(const Config& c, std::vector<ExportFile>& files) {
    const bool sfb = c.defaults.platform == Platform::sfb;
    if (!c.pstn_usages.empty()) {
        J u = J::array();
        for (const auto& p : c.pstn_usages) u.push_back(p.id);
        files.push_back({sfb ? "Get-CsPstnUsage.txt" : "Get-CsOnlinePstnUsage.txt",
                         J{{"Identity", "Global"}, {"Usage", u}}.dump(2) + "\n"});
    }
    J gws = J::array(), routes = J::array(), ovrps = J::array(), dps = J::array();
    for (const auto& g : c.gateways)
        gws.push_back(sfb ? J{{"Identity", "Service:PstnGateway:" + g.id}, {"EnablePIDFLOSupport", g.pidf_lo}}
                          : J{{"Identity", g.id},
                              {"Fqdn", g.id},
                              {"SipSignalingPort", 5061},
                              {"Enabled", g.enabled},
                              {"PidfLoSupported", g.pidf_lo}});
    for (const auto& r : c.routes) {
        J gw = J::array();
        for (const auto& g : r.gateways) gw.push_back(sfb ? "PstnGateway:" + g.id : g.id);
        routes.push_back(J{{"Identity", r.id},
                           {"Priority", r.priority},
                           {"Description", nullptr},
                           {"NumberPattern", r.number_pattern},
                           {sfb ? "PstnUsages" : "OnlinePstnUsages", names(r.pstn_usages)},
                           {sfb ? "PstnGatewayList" : "OnlinePstnGatewayList", gw},
                           {"Name", r.id}});
    }
    for (const auto& p : c.routing_policies)
        ovrps.push_back(J{{"Identity", identity(p.id)},
                          {sfb ? "PstnUsages" : "OnlinePstnUsages", names(p.pstn_usages)},
                          {"Description", nullptr}});
    for (const auto& d : c.dial_plans) {
        J rules = J::array();
        for (const auto& r : d.rules) {
            J o{{"Description", nullptr},
                {"Pattern", r.pattern},
                {"Translation", r.translation},
                {"Name", r.name},
                {"IsInternalExtension", false}};
            if (sfb) o["Identity"] = identity(d.id) + "/" + r.name;
            if (r.priority) o["Priority"] = *r.priority;
            rules.push_back(std::move(o));
        }
        J o{{"Identity", identity(d.id)}, {"Description", nullptr}, {"NormalizationRules", rules}};
        if (!sfb) o["SimpleName"] = d.id;
        if (!d.external_access_prefix.empty()) o["ExternalAccessPrefix"] = d.external_access_prefix;
        if (sfb) o["OptimizeDeviceDialing"] = !d.external_access_prefix.empty();
        dps.push_back(std::move(o));
    }
    auto add = [&](const char* name, J& a) {
        if (!a.empty()) files.push_back({std::string(name) + ".txt", a.dump(2) + "\n"});
    };
    add(sfb ? "Get-CsTrunkConfiguration" : "Get-CsOnlinePSTNGateway", gws);
    add(sfb ? "Get-CsVoiceRoute" : "Get-CsOnlineVoiceRoute", routes);
    add(sfb ? "Get-CsVoicePolicy" : "Get-CsOnlineVoiceRoutingPolicy", ovrps);
    add(sfb ? "Get-CsDialPlan" : "Get-CsTenantDialPlan", dps);
}

// Get-CsOnlineUser's FeatureTypes: a Calling Plan user has "CallingPlan" (Get-CsOnlineUser reference). Direct
// Routing and Operator Connect users both have only "PhoneSystem": Operator Connect is not carried by this export.
J feature_types(const User& u) {
    J f = J::array({"Teams", "PhoneSystem"});
    if (u.pstn == PstnConnectivity::calling_plan) f.push_back("CallingPlan");
    return f;
}

void users(const Config& c, std::vector<ExportFile>& files) {
    J teams = J::array(), sfb = J::array();
    for (const auto& u : c.users) {
        J line = u.phone_number.empty() ? J(nullptr) : J("tel:" + u.phone_number);
        if (c.platform_of(u) == Platform::sfb) {
            sfb.push_back(J{{"SipAddress", "sip:" + u.id},
                            {"LineURI", line},
                            {"EnterpriseVoiceEnabled", true},
                            {"LocationPolicy", ref(u.location_policy)},
                            {"VoicePolicy", ref(u.routing_policy)},
                            {"DialPlan", ref(u.dial_plan)}});
            continue;
        }
        teams.push_back(J{{"UserPrincipalName", u.id},
                          {"LineURI", line},
                          {"EnterpriseVoiceEnabled", true},
                          {"CountryAbbreviation", opt(u.country)},
                          {"UsageLocation", opt(u.usage_location.empty() ? u.country : u.usage_location)},
                          {"FeatureTypes", feature_types(u)},
                          {"TeamsEmergencyCallingPolicy", ref(u.emergency_calling_policy)},
                          {"TeamsEmergencyCallRoutingPolicy", ref(u.emergency_call_routing_policy)},
                          {"OnlineVoiceRoutingPolicy", ref(u.routing_policy)},
                          {"TenantDialPlan", ref(u.dial_plan)}});
    }
    if (!teams.empty()) files.push_back({"Get-CsOnlineUser.txt", teams.dump(2) + "\n"});
    if (!sfb.empty()) files.push_back({"Get-CsUser.txt", sfb.dump(2) + "\n"});
}

}  // namespace

std::vector<ExportFile> export_cmdlet_json(const Config& c) {
    std::vector<ExportFile> files;
    lis(c, files);
    topology(c, files);
    policies(c, files);
    voice(c, files);
    users(c, files);
    return files;
}

}  // namespace e911
