// Microsoft365DSC exports: resource blocks, @() arrays, $True/$False, MSFT_* nested instances;
// resources that are not ours, and Ensure = "Absent", are skipped and counted.
#include <catch2/catch.hpp>

#include "e911/e911.hpp"
#include "e911/import.hpp"

TEST_CASE("import: a Microsoft365DSC configuration", "[import][dsc]") {
    auto r = e911::import_paths({E911_SOURCE_DIR "/tests/data/import/M365TenantConfig.ps1"});
    INFO(e911::diagnostics_to_text(r.diagnostics, false) + e911::import_report_text(r.report));
    REQUIRE(r.report.files.size() == 1);
    const auto& f = r.report.files[0];
    CHECK(f.format == "m365dsc");
    CHECK(f.read.at("ignored TeamsMeetingPolicy") == 1);
    CHECK(f.read.at("ignored (Ensure = Absent) TeamsVoiceRoute") == 1);
    // Group assignments: ours reported with the group and the fallback, others counted.
    CHECK(f.read.at("Get-CsGroupPolicyAssignment") == 2);
    CHECK(f.read.at("ignored group assignment of TeamsMeetingPolicy") == 1);
    CHECK(f.mapped.at("group assignment (reported only)") == 1);
    bool group_note = false;
    for (const auto& d : r.diagnostics)
        group_note |= d.id == "import-group-assignment" && d.severity == e911::Severity::info &&
                      d.message.find("TeamsEmergencyCallingPolicy `HQ` is assigned to group `Seattle Office") == 0 &&
                      d.message.find("use the global policy") != std::string::npos;
    CHECK(group_note);
    const auto& c = r.config;
    CHECK(c.pstn_usages.size() == 2);
    REQUIRE(c.routes.size() == 1);
    CHECK(c.routes[0].id == "US-911");
    CHECK(c.routes[0].number_pattern == "^\\+?(911|933)$");
    CHECK(c.routes[0].priority == 0);
    CHECK(c.routes[0].gateways.at(0).id == "sbc1.contoso.com");
    REQUIRE(c.routing_policies.size() == 1);
    CHECK(c.routing_policies[0].id == "US");
    CHECK(c.routing_policies[0].pstn_usages.size() == 2);
    REQUIRE(c.emergency_call_routing_policies.size() == 1);
    const auto& ecrp = c.emergency_call_routing_policies[0];
    CHECK(ecrp.id == "US-ECRP");
    CHECK(ecrp.numbers.at(0).dial_masks == std::vector<std::string>{"933", "9911"});
    CHECK(ecrp.numbers.at(0).pstn_usage.resolved());
    REQUIRE(c.emergency_calling_policies.size() == 1);
    CHECK(c.emergency_calling_policies[0].notification_mode == e911::NotificationMode::conference_muted);
    CHECK(c.emergency_calling_policies[0].extended_notifications.at(0).dial_string == "933");
    REQUIRE(c.dial_plans.size() == 1);
    CHECK(c.dial_plans[0].rules.at(0).name == "Emergency");
    CHECK(c.dial_plans[0].rules.at(0).priority == 0);
    REQUIRE(c.sites.size() == 1);
    CHECK(c.sites[0].emergency_call_routing_policy.resolved());
    CHECK(c.subnets.at(0).prefix.to_string() == "10.20.0.0/22");
    CHECK(c.trusted_ips.at(0).prefix.to_string() == "203.0.113.8/29");
    REQUIRE(c.users.size() == 1);
    CHECK(c.users[0].id == "ana@contoso.com");
    CHECK(c.users[0].routing_policy.resolved());
    CHECK(!c.users[0].emergency_call_routing_policy.set());  // "" = global
    CHECK(c.users[0].phone_number == "+12065550100");          // TeamsOnlineVoiceUser adds to the same user
    // The gateway is named by the route but no M365DSC resource holds gateways: kept and reported.
    CHECK(!r.ok());
    bool dangling = false;
    for (const auto& d : r.diagnostics)
        dangling |= d.id == "dangling-reference" && d.message.find("sbc1.contoso.com") != std::string::npos;
    CHECK(dangling);
    // Positions point into the .ps1.
    CHECK(c.routes[0].pos.of("number_pattern").line == 34);
}
