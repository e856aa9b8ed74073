// Each PowerShell export pitfall the importer must survive, one test each.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "e911/e911.hpp"
#include "e911/import.hpp"

namespace {

e911::ImportResult imp(const std::string& text, const std::string& name = "export.json") {
    return e911::import_bytes(text, name);
}

bool has_diag(const e911::ImportResult& r, const std::string& id, std::uint32_t line = 0) {
    for (const auto& d : r.diagnostics)
        if (d.id == id && (line == 0 || d.line == line)) return true;
    return false;
}

std::string dump(const e911::ImportResult& r) {
    return e911::diagnostics_to_text(r.diagnostics, false) + e911::import_report_text(r.report);
}

}  // namespace

TEST_CASE("import: default-depth ConvertTo-Json flattens normalization rules to Key=Value strings", "[import]") {
    // Windows PowerShell's default -Depth 2 turns each rule into its ToString(); `;` inside a pattern stays.
    auto r = imp(R"([{"Identity":"Tag:NZ","SimpleName":"NZ","NormalizationRules":[
 "Description=Wellington;Pattern=^(\\d{7})$;Translation=+644$1;Name=TS-NZ-NR-04;IsInternalExtension=False",
 "Description=odd;Pattern=^(1;2)$;Translation=+64111;Name=semi;IsInternalExtension=False"]}])");
    INFO(dump(r));
    REQUIRE(r.ok());
    REQUIRE(r.config.dial_plans.size() == 1);
    const auto& d = r.config.dial_plans[0];
    CHECK(d.id == "NZ");
    REQUIRE(d.rules.size() == 2);
    CHECK(d.rules[0].name == "TS-NZ-NR-04");
    CHECK(d.rules[0].pattern == "^(\\d{7})$");
    CHECK(d.rules[0].translation == "+644$1");
    CHECK(d.rules[1].pattern == "^(1;2)$");
}

TEST_CASE("import: a single object instead of an array", "[import]") {
    auto r = imp(R"({"Identity":"Global","Usage":["Emergency","Local"]})", "usages.json");
    REQUIRE(r.ok());
    REQUIRE(r.config.pstn_usages.size() == 2);
    CHECK(r.config.pstn_usages[1].id == "Local");
}

TEST_CASE("import: enums as names are read, as integers are reported (no documented numbering)", "[import]") {
    auto names = imp(
        R"([{"Identity":"Tag:Sec","NotificationGroup":"a@contoso.com;b@contoso.com","NotificationMode":"ConferenceUnMuted",
                         "NotificationDialOutNumber":"+14255551234","ExternalLocationLookupMode":"Enabled"}])");
    INFO(dump(names));
    REQUIRE(names.ok());
    const auto& p = names.config.emergency_calling_policies.at(0);
    CHECK(p.id == "Sec");
    CHECK(p.notification_mode == e911::NotificationMode::conference_unmuted);
    CHECK(p.notification_group == std::vector<std::string>{"a@contoso.com", "b@contoso.com"});
    CHECK(p.external_location_lookup);
    auto ints = imp("[{\"Identity\":\"Global\",\"NotificationGroup\":\"a@contoso.com\",\n\"NotificationMode\":1}]");
    CHECK(has_diag(ints, "import-enum-number", 2));
    CHECK(!ints.ok());
}

TEST_CASE("import: PS 5.1 \\/Date()\\/ and ISO dates do not disturb the object", "[import]") {
    auto r = imp(R"([{"Identity":"r1","Name":"r1","NumberPattern":"^\\+1","Priority":1,"OnlinePstnUsages":["Local"],
        "OnlinePstnGatewayList":["sbc.contoso.com"],"WhenCreated":"\/Date(1588640000000)\/"},
       {"Identity":"r2","Name":"r2","NumberPattern":"^\\+44","Priority":2,"OnlinePstnUsages":["Local"],
        "OnlinePstnGatewayList":[],"WhenCreated":"2020-05-05T00:53:20Z"}])");
    REQUIRE(r.config.routes.size() == 2);
    CHECK(r.config.routes[0].gateways.at(0).id == "sbc.contoso.com");
}

TEST_CASE("import: UTF-8 with BOM and UTF-16 LE (Out-File in Windows PowerShell)", "[import]") {
    std::string json = R"({"Identity":"Global","Usage":["Notruf Zürich"]})";
    auto bom = imp("\xEF\xBB\xBF" + json);
    REQUIRE(bom.config.pstn_usages.size() == 1);
    CHECK(bom.report.files[0].encoding == "utf-8 (BOM)");
    // UTF-16 LE with BOM, as `>` writes it.
    std::string u16 = "\xFF\xFE";
    const std::string ascii = R"({"Identity":"Global","Usage":["Notruf Z)";
    for (char ch : ascii) u16 += ch, u16 += '\0';
    u16 += "\xFC";  // ü
    u16 += '\0';
    for (char ch : std::string(R"(rich"]})")) u16 += ch, u16 += '\0';
    auto le = imp(u16);
    INFO(dump(le));
    REQUIRE(le.config.pstn_usages.size() == 1);
    CHECK(le.config.pstn_usages[0].id == "Notruf Zürich");
    CHECK(le.report.files[0].encoding == "utf-16le (BOM)");
}

TEST_CASE("import: Export-Csv collection columns are reported with the column and a re-export recipe", "[import]") {
    auto r =
        imp("#TYPE Deserialized.Microsoft.Rtc.Management.WritableConfig.Policy.Voice.OnlineRoute\n"
            "\"Identity\",\"Name\",\"Priority\",\"NumberPattern\",\"OnlinePstnUsages\",\"OnlinePstnGatewayList\"\n"
            "\"US\",\"US\",\"1\",\"^\\+1\",\"System.Object[]\",\"System.Collections.Generic.List`1[System.String]\"\n",
            "routes.csv");
    INFO(dump(r));
    REQUIRE(r.report.files[0].format == "csv");
    CHECK(r.report.files[0].read.at("Get-CsOnlineVoiceRoute") == 1);
    int lost = 0;
    for (const auto& d : r.diagnostics)
        if (d.id == "import-lost-collection") {
            ++lost;
            CHECK(d.line == 3);
            CHECK(d.hint.find("-join") != std::string::npos);
        }
    CHECK(lost == 2);
    REQUIRE(r.config.routes.size() == 1);
    CHECK(r.config.routes[0].pstn_usages.empty());  // never guessed
}

TEST_CASE("import: identities Global, Tag:, site: and service:PstnGateway: become our ids", "[import]") {
    auto r = imp(R"([{"Identity":"Global","PstnUsages":["Local"]},{"Identity":"Tag:Intl","PstnUsages":["Local"]}])",
                 "vp.json");
    REQUIRE(r.config.routing_policies.size() == 2);
    CHECK(r.config.routing_policies[0].id == "global");
    CHECK(r.config.routing_policies[1].id == "Intl");
    auto t = imp(R"([{"Identity":"Service:PstnGateway:sbc1.contoso.com","EnablePIDFLOSupport":true},
                     {"Identity":"Global","EnablePIDFLOSupport":false}])",
                 "trunks.json");
    REQUIRE(t.config.gateways.size() == 1);
    CHECK(t.config.gateways[0].id == "sbc1.contoso.com");
    CHECK(t.config.gateways[0].pidf_lo);
    auto lp =
        imp(R"({"Identity":"site:Redmond","EnhancedEmergencyServicesEnabled":true,"LocationRequired":"disclaimer"})");
    INFO(dump(lp));
    REQUIRE(lp.config.location_policies.size() == 1);
    CHECK(lp.config.location_policies[0].id == "site:Redmond");
    CHECK(lp.config.location_policies[0].location_required == e911::LocationRequired::disclaimer);
    CHECK(lp.config.defaults.platform == e911::Platform::sfb);
}

TEST_CASE("import: users with $null policies (global) and tel: line URIs with ;ext=", "[import]") {
    auto r = imp(R"([{"UserPrincipalName":"ana@contoso.com","LineURI":"tel:+14255550100;ext=100","UsageLocation":"US",
        "TeamsEmergencyCallingPolicy":null,"TeamsEmergencyCallRoutingPolicy":"US-ECRP","OnlineVoiceRoutingPolicy":null,
        "TenantDialPlan":null}])",
                 "users.json");
    REQUIRE(r.config.users.size() == 1);
    const auto& u = r.config.users[0];
    CHECK(u.id == "ana@contoso.com");
    CHECK(u.phone_number == "+14255550100");
    CHECK(!u.emergency_calling_policy.set());  // $null: the global policy applies
    CHECK(u.emergency_call_routing_policy.id == "US-ECRP");
    CHECK(has_diag(r, "import-extension-dropped"));
    CHECK(has_diag(r, "dangling-reference"));  // US-ECRP is not in this export: kept and reported
}

TEST_CASE("import: Get-CsOnlineUser FeatureTypes give Calling Plan users, CountryAbbreviation and UsageLocation "
          "the country and usage location",
          "[import]") {
    // As ConvertTo-Json writes Teams PowerShell 4.2+ output: Country is the display name, CountryAbbreviation the
    // code; FeatureTypes a string array (Get-CsOnlineUser reference).
    auto r = imp(R"([
 {"UserPrincipalName":"pierre@contoso.com","LineURI":"tel:+14165550145","Country":"Canada","CountryAbbreviation":"CA",
  "UsageLocation":"CA","FeatureTypes":["Teams","AudioConferencing","PhoneSystem","CallingPlan"],
  "TeamsEmergencyCallingPolicy":null},
 {"UserPrincipalName":"dana@contoso.com","LineURI":"tel:+13125550101","Country":"Canada","CountryAbbreviation":"CA",
  "UsageLocation":"US","FeatureTypes":["Teams","PhoneSystem"],"OnlineVoiceRoutingPolicy":null},
 {"UserPrincipalName":"old@contoso.com","UsageLocation":"US","TenantDialPlan":null}])",
                 "users.json");
    INFO(dump(r));
    REQUIRE(r.ok());
    REQUIRE(r.config.users.size() == 3);
    const auto& pierre = r.config.users[0];
    CHECK(pierre.pstn == e911::PstnConnectivity::calling_plan);
    CHECK(pierre.country == "CA");
    CHECK(pierre.usage_location.empty());  // the same as the country: nothing more to say
    const auto& dana = r.config.users[1];
    CHECK(dana.pstn == e911::PstnConnectivity::direct_routing);
    CHECK(dana.country == "CA");
    CHECK(dana.usage_location == "US");
    const auto& old = r.config.users[2];  // no CountryAbbreviation: UsageLocation is the user's country, as before
    CHECK(old.country == "US");
    CHECK(old.usage_location.empty());
    CHECK(old.pstn == e911::PstnConnectivity::direct_routing);
    REQUIRE(!r.report.to_supply.empty());
    CHECK(r.report.to_supply.back().find("3 Teams user(s) have no `emergency_address`") == 0);
}

TEST_CASE("import: FeatureTypes flattened by Export-Csv is reported, not read as Direct Routing silently",
          "[import]") {
    auto r = imp("UserPrincipalName,LineURI,UsageLocation,FeatureTypes\n"
                 "pierre@contoso.com,tel:+14165550145,CA,System.Collections.Generic.List`1[System.String]\n",
                 "users.csv");
    CHECK(has_diag(r, "import-lost-collection"));
}

TEST_CASE("import: MAC addresses in every common form", "[import]") {
    auto r =
        imp("BSSID,LocationId,Description\n"
            "00-11-22-33-44-55,L1,dash\n00:11:22:33:44:56,L1,colon\n0011.2233.4457,L1,cisco\n001122334458,L1,bare\n"
            "f0-6e-0b-c2-03-*,L1,wildcard\n",
            "waps.csv");
    REQUIRE(r.config.wireless_access_points.size() == 5);
    CHECK(r.config.wireless_access_points[0].bssid.to_string() == "00-11-22-33-44-55");
    CHECK(r.config.wireless_access_points[1].bssid.to_string() == "00-11-22-33-44-56");
    CHECK(r.config.wireless_access_points[2].bssid.to_string() == "00-11-22-33-44-57");
    CHECK(r.config.wireless_access_points[3].bssid.to_string() == "00-11-22-33-44-58");
    CHECK(r.config.wireless_access_points[4].bssid.to_string() == "F0-6E-0B-C2-03-*");
}

TEST_CASE("import: LIS subnets are bare network IDs, tenant subnets SubnetID + MaskBits", "[import]") {
    auto lis = imp("Subnet,Description,LocationID\n10.1.2.0,floor 1,L1\n", "a.csv");
    REQUIRE(lis.config.lis_subnets.size() == 1);
    CHECK(lis.config.lis_subnets[0].network_id.to_string() == "10.1.2.0");
    auto ten =
        imp(R"([{"Identity":"10.1.2.0","SubnetID":"10.1.2.0","MaskBits":24,"NetworkSiteID":"HQ","Description":"hq"}])",
            "b.json");
    REQUIRE(ten.config.subnets.size() == 1);
    CHECK(ten.config.subnets[0].prefix.to_string() == "10.1.2.0/24");
    CHECK(ten.config.subnets[0].site.id == "HQ");
}

TEST_CASE("import: a dangling LocationId is reported at the export row, never a crash", "[import]") {
    auto r =
        imp("ChassisID,PortID,Description,LocationID\n00-53-00-d2-f7-80,Gi1/0/1,rm "
            "102,27ff9119-812b-4cb6-84e7-ee125013014b\n",
            "ports.csv");
    REQUIRE(r.config.ports.size() == 1);
    CHECK(r.config.ports[0].port_id == "Gi1/0/1");
    bool found = false;
    for (const auto& d : r.diagnostics)
        if (d.id == "dangling-reference") found = d.file == "ports.csv" && d.line == 2;
    CHECK(found);
}

TEST_CASE("import: CountryOrRegion USA becomes US, with a note", "[import]") {
    auto r =
        imp("HouseNumber,StreetName,City,StateOrProvince,PostalCode,CountryOrRegion,Description\n"
            "8,City Boulevard,Nashville,TN,37209,USA,Nashville\n",
            "addr.csv");
    INFO(dump(r));
    REQUIRE(r.config.addresses.size() == 1);
    CHECK(r.config.addresses[0].country == "US");
    CHECK(r.config.addresses[0].id == "Nashville");
    CHECK(has_diag(r, "import-country-converted"));
}

TEST_CASE("import: free-text Teams ELINs are reported for the user to give numbers", "[import]") {
    auto r = imp(R"([{"CivicAddressId":"a1","LocationId":"l1","Location":"Floor 1","Elin":"ORKAN_FL01"},
                     {"CivicAddressId":"a1","LocationId":"l2","Location":"Floor 2","Elin":"+13035550102"}])",
                 "loc.json");
    REQUIRE(r.config.locations.size() == 2);
    CHECK(r.config.locations[0].elins.empty());
    CHECK(r.config.locations[1].elins == std::vector<std::string>{"+13035550102"});
    CHECK(has_diag(r, "import-elin-name"));
}

TEST_CASE("import: usages and policies the export does not contain are kept and reported", "[import]") {
    auto r =
        imp(R"([{"Identity":"Tag:US","EmergencyNumbers":[{"EmergencyDialString":"911","EmergencyDialMask":"933;9911",
        "OnlinePSTNUsage":"UnrestrictedPstnUsage"}],"AllowEnhancedEmergencyServices":true}])",
            "ecrp.json");
    INFO(dump(r));
    REQUIRE(r.config.emergency_call_routing_policies.size() == 1);
    const auto& n = r.config.emergency_call_routing_policies[0].numbers.at(0);
    CHECK(n.dial_masks == std::vector<std::string>{"933", "9911"});
    CHECK(n.pstn_usage.id == "UnrestrictedPstnUsage");
    CHECK(!n.pstn_usage.resolved());
    CHECK(has_diag(r, "dangling-reference"));
}

TEST_CASE("import: positions point at the export file and line", "[import]") {
    auto r =
        imp("[\n "
            "{\"Identity\":\"sbc1.contoso.com\",\"Fqdn\":\"sbc1.contoso.com\",\"Enabled\":true,\"PidfLoSupported\":"
            "false},\n"
            " {\"Identity\":\"sbc2.contoso.com\",\n  "
            "\"Fqdn\":\"sbc2.contoso.com\",\"Enabled\":false,\"PidfLoSupported\":true}\n]",
            "Get-CsOnlinePSTNGateway.txt");
    REQUIRE(r.config.gateways.size() == 2);
    const auto& g = r.config.gateways[1];
    CHECK(r.config.file_of(g.pos.self) == "Get-CsOnlinePSTNGateway.txt");
    CHECK(g.pos.self.line == 3);
    CHECK(g.pos.of("pidf_lo").line == 4);
    CHECK(!g.enabled);
    CHECK(g.pidf_lo);
    CHECK(r.report.to_supply.at(0).find("2 gateway(s) have no `emergency_routing`") != std::string::npos);
}

TEST_CASE("import: the object type comes from the properties, not the file name", "[import]") {
    // A gateway dump saved under a misleading name is still gateways; a file of unknown shape is not ours.
    auto r = imp(R"([{"Identity":"sbc1.contoso.com","Fqdn":"sbc1.contoso.com","SipSignalingPort":5061}])",
                 "Get-CsOnlineVoiceRoute.txt");
    CHECK(r.config.gateways.size() == 1);
    CHECK(r.config.routes.empty());
    auto n = imp("erl_id,HNO,RD\nX,1,Main\n", "Get-CsOnlineLisLocation.csv");
    CHECK(n.report.files[0].format == "not-ours");
    CHECK(n.config.locations.empty());
}

TEST_CASE("import: group policy assignments are reported per group, users fall back to global", "[import]") {
    // Get-CsGroupPolicyAssignment output beside the policies: the model has no groups and the export no
    // membership, so each assignment of a policy type we model is a note naming policy, group and
    // priority; a policy the export lacks is a warning; other policy types are counted only.
    auto r = e911::import_bytes(R"([{"Identity":"Global","AllowEnhancedEmergencyServices":true,"EmergencyNumbers":[]},
 {"Identity":"Tag:US-ECRP","AllowEnhancedEmergencyServices":true,"EmergencyNumbers":[]}])",
                                "Get-CsTeamsEmergencyCallRoutingPolicy.txt");
    auto g = imp(R"([{"GroupId":"566b8d39-5c5c-4aaa-bc07-4f36278a1b38","PolicyType":"TeamsEmergencyCallRoutingPolicy",
                     "PolicyName":"US-ECRP","Priority":1,"CreatedTime":"\/Date(1588640000000)\/"},
                    {"GroupId":"d8ebfa45-0f28-4d2d-9bcc-b158a49e2d17","PolicyType":"TeamsEmergencyCallRoutingPolicy",
                     "PolicyName":"EU-ECRP","Rank":2},
                    {"GroupId":"d8ebfa45-0f28-4d2d-9bcc-b158a49e2d17","PolicyType":"TeamsMeetingPolicy",
                     "PolicyName":"AllOn","Priority":1}])",
                 "groups.json");
    INFO(dump(g));
    CHECK(g.config.users.empty());
    CHECK(g.report.files[0].read.at("Get-CsGroupPolicyAssignment") == 3);
    CHECK(g.report.files[0].read.at("ignored group assignment of TeamsMeetingPolicy") == 1);
    int notes = 0;
    for (const auto& d : g.diagnostics) notes += d.id == "import-group-assignment";
    CHECK(notes == 2);
    CHECK(has_diag(g, "import-group-assignment", 1));
    bool missing = false;
    for (const auto& d : g.diagnostics)
        missing |= d.severity == e911::Severity::warning && d.message.find("`EU-ECRP` is assigned to group `d8ebfa45-0f28-4d2d-9bcc-b158a49e2d17` at priority 2") !=
                       std::string::npos &&
                   d.message.find("not in the export") != std::string::npos;
    CHECK(missing);
    REQUIRE(g.report.to_supply.size() >= 1);
    CHECK(g.report.to_supply[0].find("2 group policy assignment(s)") == 0);
    CHECK(r.config.emergency_call_routing_policies.size() == 2);

    // Both files together: the exported policy is known, so that assignment is only an info note.
    auto dir = std::filesystem::temp_directory_path() / "e911-import-groups";
    std::filesystem::create_directories(dir);
    std::ofstream((dir / "a-policies.txt").string()) << R"([{"Identity":"Tag:US-ECRP","EmergencyNumbers":[]}])";
    std::ofstream((dir / "b-groups.txt").string())
        << R"({"GroupId":"g1","PolicyType":"TeamsEmergencyCallRoutingPolicy","PolicyName":"US-ECRP","Priority":1})";
    auto both = e911::import_paths({dir.string()});
    std::filesystem::remove_all(dir);
    INFO(dump(both));
    bool info = false;
    for (const auto& d : both.diagnostics)
        info |= d.id == "import-group-assignment" && d.severity == e911::Severity::info &&
                d.message.find("not in the export") == std::string::npos;
    CHECK(info);
    CHECK(both.ok());
}

TEST_CASE("import: per-user policy assignment dumps are reported, not guessed", "[import]") {
    auto r = imp(R"([{"PolicyType":"TeamsEmergencyCallRoutingPolicy","PolicyName":"US-ECRP",
                     "PolicySource":{"AssignmentType":"Direct","PolicyName":"US-ECRP"}},
                    {"PolicyType":"TenantDialPlan","PolicyName":"US-DP","PolicySource":null}])",
                 "user-assignments.json");
    CHECK(r.config.users.empty());
    CHECK(r.report.files[0].read.at("Get-CsUserPolicyAssignment") == 2);
    int notes = 0;
    for (const auto& d : r.diagnostics) notes += d.id == "import-unmapped";
    CHECK(notes == 1);
}

TEST_CASE("import: UTF-16 LE without a BOM, and Export-Csv -Encoding Unicode", "[import]") {
    auto wide = [](const std::string& ascii, bool bom) {
        std::string out = bom ? "\xFF\xFE" : "";
        for (char ch : ascii) out += ch, out += '\0';
        return out;
    };
    auto json = e911::import_bytes(wide(R"({"Identity":"Global","Usage":["Local"]})", false), "u.txt");
    CHECK(json.report.files[0].encoding == "utf-16le");
    CHECK(json.config.pstn_usages.size() == 1);
    auto csv = e911::import_bytes(wide("#TYPE Selected.System.Management.Automation.PSCustomObject\r\n"
                                       "\"Subnet\",\"LocationId\",\"Description\"\r\n\"10.9.8.0\",\"L1\",\"x\"\r\n", true),
                                  "s.csv");
    CHECK(csv.report.files[0].format == "csv");
    REQUIRE(csv.config.lis_subnets.size() == 1);
    CHECK(csv.config.lis_subnets[0].pos.self.line == 3);
}

TEST_CASE("import: a user exported twice is one user with the fields of both", "[import]") {
    // Found by id in an index: the second export of 2,000 users used to scan the list for each.
    std::string text = "[";
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < 2000; ++i) {
            text += std::string(text.size() > 1 ? "," : "") + R"({"UserPrincipalName":"u)" + std::to_string(i) +
                    R"(@contoso.com","EnterpriseVoiceEnabled":true,"FeatureTypes":["Teams","PhoneSystem"])";
            text += pass == 0 ? R"(,"LineURI":"tel:+1425555)" + std::to_string(1000 + i) + "\"}"
                              : std::string(R"(,"CountryAbbreviation":")") + (i % 2 ? "CA" : "US") + "\"}";
        }
    auto r = imp(text + "]", "users.json");
    INFO(dump(r));
    REQUIRE(r.ok());
    REQUIRE(r.config.users.size() == 2000);
    const auto& u = r.config.users[1234];
    CHECK(u.id == "u1234@contoso.com");
    CHECK(u.phone_number == "+14255552234");
    CHECK(u.country == "US");
    CHECK(r.config.users[1235].country == "CA");
}
