// Skype for Business exports: LIS CSVs with the civic address on every row and ELINs in
// CompanyName, location policies, voice routes naming PstnGateway:<fqdn>, users; and Teams'
// Get-CsTenantNetworkConfiguration with nested (or depth-flattened) sites and subnets.
#include <catch2/catch.hpp>

#include "e911/e911.hpp"
#include "e911/import.hpp"

namespace {
std::string dump(const e911::ImportResult& r) {
    return e911::diagnostics_to_text(r.diagnostics, false) + e911::import_report_text(r.report);
}
}  // namespace

TEST_CASE("import: SfB LIS subnet CSV, ELINs in CompanyName separated by ;", "[import][sfb]") {
    // The layout Microsoft documents for Import-Csv subnets.csv | Set-CsLisSubnet.
    auto r = e911::import_bytes(
        "Subnet,Description,Location,CompanyName,HouseNumber,HouseNumberSuffix,PreDirectional,StreetName,StreetSuffix,"
        "PostDirectional,City,State,PostalCode,Country\n"
        "157.56.66.0,Subnet 1,Location1,425-555-0100; 425-555-0200,1234,,,163rd,Ave,NE,Redmond,WA,99123,US\n"
        "157.56.67.0,Subnet 2,Location2,Litware,1234,,,163rd,Ave,NE,Redmond,WA,99123,US\n",
        "subnets.csv");
    INFO(dump(r));
    CHECK(r.ok());
    CHECK(r.report.files[0].read.at("Get-CsLisSubnet") == 2);
    REQUIRE(r.config.addresses.size() == 1);  // the same civic tuple on both rows
    CHECK(r.config.addresses[0].street_name == "163rd");
    REQUIRE(r.config.locations.size() == 2);
    CHECK(r.config.locations[0].elins == std::vector<std::string>{"+14255550100", "+14255550200"});
    CHECK(r.config.locations[1].elins.empty());
    CHECK(r.config.addresses[0].company.empty());  // the first row's CompanyName held ELINs
    REQUIRE(r.config.lis_subnets.size() == 2);
    CHECK(r.config.lis_subnets[1].location.resolved());
    CHECK(r.config.defaults.platform == e911::Platform::sfb);
}

TEST_CASE("import: SfB LIS port CSV keeps PortID verbatim and normalises the chassis MAC", "[import][sfb]") {
    auto r = e911::import_bytes(
        "ChassisID,PortIDSubType,PortID,Description,Location,CompanyName,HouseNumber,HouseNumberSuffix,"
        "PreDirectional,StreetName,StreetSuffix,PostDirectional,City,State,PostalCode,Country\n"
        "0c:23:cd:16:aa:cc,LocallyAssigned,0A-abcd,Port1,Location2,Litware,2345,,,163rd,Ave,NE,Bellevue,WA,99234,US\n",
        "ports.csv");
    INFO(dump(r));
    REQUIRE(r.config.ports.size() == 1);
    CHECK(r.config.ports[0].key() == "0C-23-CD-16-AA-CC/0A-abcd");
    CHECK(r.config.ports[0].location.resolved());
}

TEST_CASE("import: SfB location policy, voice route, voice policy, trunk and user", "[import][sfb]") {
    auto lp = e911::import_bytes(
        R"([{"Identity":"Tag:Redmond","EnhancedEmergencyServicesEnabled":true,"LocationRequired":"yes",
        "PstnUsage":"Emergency","EmergencyDialString":"911","EmergencyDialMask":"9911;112","NotificationUri":"sip:security@contoso.com",
        "ConferenceUri":"sip:+14255550199@contoso.com;user=phone","ConferenceMode":"twoway",
        "EmergencyNumbers":[{"DialString":"911","DialMask":"112"},"DialString=933;DialMask="]}])",
        "lp.json");
    INFO(dump(lp));
    REQUIRE(lp.config.location_policies.size() == 1);
    const auto& p = lp.config.location_policies[0];
    CHECK(p.id == "Redmond");
    CHECK(p.enhanced_emergency_services);
    CHECK(p.location_required == e911::LocationRequired::yes);
    CHECK(p.dial_masks == std::vector<std::string>{"9911", "112"});
    CHECK(p.conference_mode == e911::ConferenceMode::twoway);
    REQUIRE(p.numbers.size() == 2);
    CHECK(p.numbers[1].dial_string == "933");

    auto rt = e911::import_bytes(
        R"([{"Identity":"Emergency","Priority":0,"NumberPattern":"^\\+911$","PstnUsages":["Emergency"],
        "PstnGatewayList":["PstnGateway:gw1.contoso.com"],"SuppressCallerId":false},
        {"Identity":"Service:PstnGateway:gw1.contoso.com","EnablePIDFLOSupport":true},
        {"Identity":"Global","Usage":["Emergency"]},
        {"Identity":"Tag:RedmondVoice","PstnUsages":["Emergency"],"AllowSimulRing":true},
        {"SipAddress":"sip:bob@contoso.com","LineURI":"tel:+14255550123","EnterpriseVoiceEnabled":true,"LocationPolicy":"Redmond",
         "VoicePolicy":"RedmondVoice","DialPlan":null}])",
        "mixed.json");
    INFO(dump(rt));
    REQUIRE(rt.config.routes.size() == 1);
    CHECK(rt.config.routes[0].gateways.at(0).id == "gw1.contoso.com");
    CHECK(rt.config.routes[0].gateways.at(0).resolved());
    CHECK(rt.config.gateways.at(0).pidf_lo);
    CHECK(rt.config.routing_policies.at(0).id == "RedmondVoice");
    REQUIRE(rt.config.users.size() == 1);
    CHECK(rt.config.users[0].id == "bob@contoso.com");
    CHECK(rt.config.users[0].platform == e911::Platform::sfb);
    CHECK(rt.config.users[0].routing_policy.resolved());
    CHECK(rt.config.users[0].location_policy.id == "Redmond");  // not in this export: kept, reported
}

TEST_CASE("import: Get-CsTenantNetworkConfiguration, nested objects and depth-flattened strings", "[import]") {
    auto r = e911::import_bytes(R"({"Identity":"Global",
        "NetworkRegions":[{"Identity":"EMEA","NetworkRegionID":"EMEA","Description":null}],
        "NetworkSites":["Identity=Zurich;NetworkSiteID=Zurich;Description=;NetworkRegionID=EMEA;EmergencyCallingPolicy=;EmergencyCallRoutingPolicy=CH"],
        "Subnets":[{"Identity":"10.30.0.0","SubnetID":"10.30.0.0","MaskBits":24,"NetworkSiteID":"Zurich","Description":null}]})",
                                "netcfg.json");
    INFO(dump(r));
    REQUIRE(r.config.regions.size() == 1);
    REQUIRE(r.config.sites.size() == 1);
    CHECK(r.config.sites[0].region.resolved());
    CHECK(r.config.sites[0].emergency_call_routing_policy.id == "CH");
    REQUIRE(r.config.subnets.size() == 1);
    CHECK(r.config.subnets[0].site.resolved());
    auto lost = e911::import_bytes(R"({"Identity":"Global","NetworkRegions":"System.Collections.Generic.List`1[Region]",
                                       "NetworkSites":null,"Subnets":null})",
                                   "netcfg2.json");
    bool said = false;
    for (const auto& d : lost.diagnostics)
        said |= d.id == "import-lost-collection" && d.hint.find("-Depth") != std::string::npos;
    CHECK(said);
}
