// Which cmdlet or layout a record came from, decided by the properties it carries (never by the
// file's name): each Get-Cs* object has a property that only it (or its family) has.
#include "import/importer.hpp"

namespace e911::detail::imp {

const char* type_name(Type t) {
    switch (t) {
        case Type::unknown: return "unknown";
        case Type::teams_civic_address: return "Get-CsOnlineLisCivicAddress";
        case Type::teams_lis_location: return "Get-CsOnlineLisLocation";
        case Type::teams_lis_subnet: return "Get-CsOnlineLisSubnet";
        case Type::teams_lis_wap: return "Get-CsOnlineLisWirelessAccessPoint";
        case Type::teams_lis_switch: return "Get-CsOnlineLisSwitch";
        case Type::teams_lis_port: return "Get-CsOnlineLisPort";
        case Type::sfb_lis_civic_address: return "Get-CsLisCivicAddress";
        case Type::sfb_lis_location: return "Get-CsLisLocation";
        case Type::sfb_lis_subnet: return "Get-CsLisSubnet";
        case Type::sfb_lis_wap: return "Get-CsLisWirelessAccessPoint";
        case Type::sfb_lis_switch: return "Get-CsLisSwitch";
        case Type::sfb_lis_port: return "Get-CsLisPort";
        case Type::e911automation_row: return "TeamsE911Automation CSV";
        case Type::region: return "Get-CsTenantNetworkRegion";
        case Type::site: return "Get-CsTenantNetworkSite";
        case Type::subnet: return "Get-CsTenantNetworkSubnet";
        case Type::trusted_ip: return "Get-CsTenantTrustedIPAddress";
        case Type::network_configuration: return "Get-CsTenantNetworkConfiguration";
        case Type::emergency_calling_policy: return "Get-CsTeamsEmergencyCallingPolicy";
        case Type::emergency_call_routing_policy: return "Get-CsTeamsEmergencyCallRoutingPolicy";
        case Type::location_policy: return "Get-CsLocationPolicy";
        case Type::pstn_usage: return "Get-CsOnlinePstnUsage";
        case Type::voice_route: return "Get-CsOnlineVoiceRoute";
        case Type::routing_policy: return "Get-CsOnlineVoiceRoutingPolicy";
        case Type::gateway: return "Get-CsOnlinePSTNGateway";
        case Type::trunk_configuration: return "Get-CsTrunkConfiguration";
        case Type::dial_plan: return "Get-CsTenantDialPlan";
        case Type::teams_user: return "Get-CsOnlineUser";
        case Type::sfb_user: return "Get-CsUser";
        case Type::user_policy_assignment: return "TeamsUserPolicyAssignment";
        case Type::voice_user: return "TeamsOnlineVoiceUser";
        case Type::policy_assignment: return "Get-CsUserPolicyAssignment";
        case Type::group_policy_assignment: return "Get-CsGroupPolicyAssignment";
    }
    return "?";
}

namespace {
bool civic(const Node& r) { return has(r, "HouseNumber") || has(r, "StreetName") || has(r, "City"); }
bool any(const Node& r, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (has(r, n)) return true;
    return false;
}
}  // namespace

Type detect(const Node& r) {
    if (r.kind != Node::Kind::mapping) return Type::unknown;
    if (has(r, "PolicyType") && has(r, "PolicyName"))
        return has(r, "GroupId") || has(r, "GroupDisplayName") ? Type::group_policy_assignment
                                                               : Type::policy_assignment;
    if (has(r, "NetworkObjectType") && has(r, "NetworkObjectIdentifier")) return Type::e911automation_row;
    // LIS network elements: Teams join by LocationId; SfB rows carry the civic address themselves.
    bool location_id = has(r, "LocationId");
    bool sfb_civic =
        !location_id && (has(r, "Location") || civic(r)) && (has(r, "State") || has(r, "Country") || civic(r));
    if (has(r, "BSSID")) return location_id ? Type::teams_lis_wap : sfb_civic ? Type::sfb_lis_wap : Type::unknown;
    if (has(r, "ChassisID") && has(r, "PortID"))
        return location_id ? Type::teams_lis_port : sfb_civic ? Type::sfb_lis_port : Type::unknown;
    if (has(r, "ChassisID"))
        return location_id ? Type::teams_lis_switch : sfb_civic ? Type::sfb_lis_switch : Type::unknown;
    if (has(r, "Subnet") && !has(r, "MaskBits"))
        return location_id ? Type::teams_lis_subnet : sfb_civic ? Type::sfb_lis_subnet : Type::unknown;
    if (has(r, "CivicAddressId") && has(r, "LocationId")) return Type::teams_lis_location;
    if (has(r, "CivicAddressId") && (has(r, "Location") || has(r, "Elin") || has(r, "IsDefault")) &&
        !has(r, "DefaultLocationId") && !civic(r))
        return Type::teams_lis_location;  // New-CsOnlineLisLocation bulk layout
    if (has(r, "CivicAddressId") || has(r, "DefaultLocationId")) return Type::teams_civic_address;
    if (has(r, "LocationId")) return Type::teams_lis_location;  // Select-Object Description,Elin,LocationId
    if (has(r, "StateOrProvince") || has(r, "CountryOrRegion")) return Type::teams_civic_address;  // bulk layout
    if (civic(r) && has(r, "MSAGValid")) return Type::sfb_lis_civic_address;
    if (civic(r) && has(r, "Location")) return Type::sfb_lis_location;
    if (civic(r) && (has(r, "State") || has(r, "Country"))) return Type::sfb_lis_civic_address;
    // Topology
    if (has(r, "NetworkSites") || has(r, "NetworkRegions")) return Type::network_configuration;
    if (has(r, "MaskBits")) return has(r, "NetworkSiteID") || has(r, "SubnetID") ? Type::subnet : Type::trusted_ip;
    if (has(r, "NetworkSiteID")) return Type::site;
    if (has(r, "NetworkRegionID") || has(r, "CentralSite")) return Type::region;
    // Policies and routing
    if (any(r, {"NotificationMode", "NotificationGroup", "ExtendedNotifications", "ExternalLocationLookupMode"}))
        return Type::emergency_calling_policy;
    if (has(r, "EnhancedEmergencyServicesEnabled") || has(r, "LocationRequired") || has(r, "NotificationUri"))
        return Type::location_policy;
    if (has(r, "EmergencyNumbers") || has(r, "AllowEnhancedEmergencyServices"))
        return Type::emergency_call_routing_policy;
    if (has(r, "NumberPattern")) return Type::voice_route;
    if (has(r, "NormalizationRules")) return Type::dial_plan;
    if (any(r, {"TeamsEmergencyCallingPolicy", "TeamsEmergencyCallRoutingPolicy", "OnlineVoiceRoutingPolicy",
                "TenantDialPlan", "FeatureTypes"}))
        return Type::teams_user;
    if (has(r, "SipAddress") && any(r, {"LineURI", "LocationPolicy", "VoicePolicy", "DialPlan", "RegistrarPool"}))
        return Type::sfb_user;
    if (has(r, "UserPrincipalName")) return Type::teams_user;
    if (has(r, "OnlinePstnUsages") || has(r, "PstnUsages")) return Type::routing_policy;
    if (has(r, "Usage")) return Type::pstn_usage;
    if (has(r, "EnablePIDFLOSupport")) return Type::trunk_configuration;
    if (any(r, {"PidfLoSupported", "SipSignalingPort", "Fqdn", "GatewaySiteId"})) return Type::gateway;
    return Type::unknown;
}

Type dsc_type(const std::string& resource) {
    static const std::pair<const char*, Type> table[] = {
        {"TeamsEmergencyCallingPolicy", Type::emergency_calling_policy},
        {"TeamsEmergencyCallRoutingPolicy", Type::emergency_call_routing_policy},
        {"TeamsTenantNetworkRegion", Type::region},
        {"TeamsTenantNetworkSite", Type::site},
        {"TeamsTenantNetworkSubnet", Type::subnet},
        {"TeamsTenantTrustedIPAddress", Type::trusted_ip},
        {"TeamsPstnUsage", Type::pstn_usage},
        {"TeamsVoiceRoute", Type::voice_route},
        {"TeamsVoiceRoutingPolicy", Type::routing_policy},
        {"TeamsTenantDialPlan", Type::dial_plan},
        {"TeamsUserPolicyAssignment", Type::user_policy_assignment},
        {"TeamsGroupPolicyAssignment", Type::group_policy_assignment},
        {"TeamsOnlineVoiceUser", Type::voice_user},
    };
    for (const auto& [name, t] : table)
        if (resource == name) return t;
    return Type::unknown;
}

}  // namespace e911::detail::imp
