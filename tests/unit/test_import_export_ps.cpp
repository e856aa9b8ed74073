// e911 export --to powershell: dependency order, quoting, comments pointing at config lines, and
// --since writing only New-/Set-/Remove- for what changed.
#include <catch2/catch.hpp>

#include "e911/e911.hpp"
#include "e911/import.hpp"

namespace {

e911::Config cfg(const std::string& y, const std::string& name = "c.yaml") {
    auto r = e911::load_string(y, e911::Format::yaml, name);
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.ok());
    return std::move(r.config);
}

const char* kBase = R"(version: 1
addresses:
  - {id: hq, house_number: "1", street_name: "O'Neil", city: Boston, state: MA, country: US}
locations:
  - {id: hq-1, address: hq, place: Floor 1}
lis:
  subnets:
    - {network_id: 10.0.1.0, location: hq-1}
voice:
  pstn_usages: [Emergency]
  gateways:
    - {id: sbc.contoso.com, pidf_lo: true}
  routes:
    - {id: e911, number_pattern: '^\+?911$', pstn_usages: [Emergency], gateways: [sbc.contoso.com]}
emergency_call_routing_policies:
  - id: us
    numbers: [{dial_string: "911", dial_masks: ["933"], pstn_usage: Emergency}]
network:
  regions: [{id: na}]
  sites: [{id: boston, region: na, emergency_call_routing_policy: us}]
  subnets: [{prefix: 10.0.1.0/24, site: boston}]
users:
  - {id: ana@contoso.com, phone_number: "+16175550100", emergency_call_routing_policy: us}
)";

std::size_t at(const std::string& s, const std::string& what) {
    auto p = s.find(what);
    INFO(what);
    REQUIRE(p != std::string::npos);
    return p;
}

}  // namespace

TEST_CASE("export powershell: dependency order, quoting and config line comments", "[import][export]") {
    auto c = cfg(kBase);
    std::string s = e911::export_config(c, e911::ExportTarget::powershell).at(0).text;
    INFO(s);
    // usages < gateways < routes < policies < sites < subnets < LIS < users
    CHECK(at(s, "Set-CsOnlinePstnUsage -Identity Global -Usage @{Add='Emergency'}") < at(s, "New-CsOnlinePSTNGateway"));
    CHECK(at(s, "New-CsOnlinePSTNGateway -SipSignalingPort 5061 -Fqdn 'sbc.contoso.com'") <
          at(s, "New-CsOnlineVoiceRoute"));
    CHECK(at(s, "New-CsOnlineVoiceRoute -Identity 'e911' -Priority 1 -NumberPattern '^\\+?911$'") <
          at(s, "New-CsTeamsEmergencyCallRoutingPolicy"));
    CHECK(at(s,
             "New-CsTeamsEmergencyNumber -EmergencyDialString '911' -EmergencyDialMask '933' -OnlinePSTNUsage "
             "'Emergency'") < at(s, "New-CsTeamsEmergencyCallRoutingPolicy -Identity 'us'"));
    CHECK(at(s, "New-CsTeamsEmergencyCallRoutingPolicy -Identity 'us'") <
          at(s, "New-CsTenantNetworkSite"));  // sites name it
    CHECK(at(s,
             "New-CsTenantNetworkSite -NetworkSiteID 'boston' -NetworkRegionID 'na' -EmergencyCallRoutingPolicy 'us'") <
          at(s, "New-CsTenantNetworkSubnet -SubnetID '10.0.1.0' -MaskBits 24"));
    CHECK(at(s, "-StreetName 'O''Neil'") <
          at(s, "$loc_hq_1 = New-CsOnlineLisLocation -CivicAddressId $addr_hq.CivicAddressId"));
    CHECK(at(s, "Set-CsOnlineLisSubnet -Subnet '10.0.1.0' -LocationId $loc_hq_1.LocationId") <
          at(s, "Grant-CsTeamsEmergencyCallRoutingPolicy"));
    CHECK(at(s, "# c.yaml:12\nNew-CsOnlinePSTNGateway") > 0);
}

TEST_CASE("export powershell: the number's type and its static emergency address", "[import][export]") {
    std::string y = kBase;
    y += "  - {id: cp@contoso.com, phone_number: \"+16175550101\", pstn: calling_plan, emergency_address: hq-1}\n"
         "  - {id: oc@contoso.com, phone_number: \"+16175550102\", pstn: operator_connect, emergency_address: hq}\n";
    std::string s = e911::export_config(cfg(y), e911::ExportTarget::powershell).at(0).text;
    INFO(s);
    CHECK(at(s, "-PhoneNumber '+16175550100' -PhoneNumberType DirectRouting\n") > 0);
    CHECK(at(s, "-PhoneNumber '+16175550101' -PhoneNumberType CallingPlan -LocationId $loc_hq_1.LocationId\n") >
          at(s, "$loc_hq_1 = New-CsOnlineLisLocation"));
    CHECK(at(s, "-PhoneNumber '+16175550102' -PhoneNumberType OperatorConnect -LocationId $addr_hq.DefaultLocationId") >
          at(s, "$addr_hq = New-CsOnlineLisCivicAddress"));
}

TEST_CASE("export powershell --since: only what changed", "[import][export]") {
    auto before = cfg(kBase, "old.yaml");
    std::string changed = kBase;
    changed.replace(changed.find("pidf_lo: true"), 13, "pidf_lo: false");
    changed.replace(changed.find("  subnets: [{prefix: 10.0.1.0/24, site: boston}]"), 48,
                    "  subnets: [{prefix: 10.0.2.0/24, site: boston}]");
    auto after = cfg(changed, "new.yaml");
    std::string s = e911::export_config(after, e911::ExportTarget::powershell, &before).at(0).text;
    INFO(s);
    CHECK(
        s.find(
            "# changed\nSet-CsOnlinePSTNGateway -Identity 'sbc.contoso.com' -Enabled $true -PidfLoSupported $false") !=
        std::string::npos);
    CHECK(s.find("# new\nNew-CsTenantNetworkSubnet -SubnetID '10.0.2.0'") != std::string::npos);
    CHECK(s.find("Remove-CsTenantNetworkSubnet -Identity '10.0.1.0'") != std::string::npos);
    CHECK(s.find("New-CsOnlineVoiceRoute") == std::string::npos);  // unchanged
    std::string none = e911::export_config(after, e911::ExportTarget::powershell, &after).at(0).text;
    CHECK(none.find("# no changes") != std::string::npos);
}

TEST_CASE("export powershell: a Skype for Business configuration gets the pool's cmdlets", "[import][export]") {
    auto r = e911::load_files({E911_SOURCE_DIR "/examples/bern.yaml"});
    REQUIRE(r.ok());
    std::string s = e911::export_config(r.config, e911::ExportTarget::powershell).at(0).text;
    INFO(s);
    CHECK(s.find("Online") == std::string::npos);  // no Teams cmdlet
    CHECK(s.find("Tenant") == std::string::npos);
    CHECK(at(s, "Set-CsPstnUsage -Identity Global -Usage @{Add=") < at(s, "New-CsVoiceRoute -Identity"));
    CHECK(at(s, "New-CsTrunkConfiguration -Identity 'Service:PstnGateway:") < at(s, "New-CsVoiceRoute"));
    CHECK(at(s, "-PstnGatewayList @{Replace='PstnGateway:") > 0);
    CHECK(at(s, "New-CsLocationPolicy -Identity") < at(s, "New-CsNetworkSite -Identity"));
    CHECK(at(s, "Publish-CsLisConfiguration") > 0);
}
