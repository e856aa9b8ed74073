// import(export(cfg)) gives back the same model: for every example, and for configurations built
// from random choices. Facts no export holds (PSAPs, waivers, gateway emergency behaviour, site
// countries, the config's name, a user's static emergency address, common area phone and Operator Connect)
// are cleared on both sides before comparing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>

#include "e911/e911.hpp"
#include "e911/import.hpp"

namespace {

namespace fs = std::filesystem;

// What a Get-Cs* export can hold, as canonical JSON.
std::string exportable(e911::Config c) {
    c.name.clear();
    c.description.clear();
    c.defaults = {};
    c.psaps.clear();
    c.waivers.clear();
    for (auto& g : c.gateways) {
        g.address = {};
        g.emergency_routing = e911::EmergencyRouting::location;
        g.fallback_psap = {};
        g.elin_callback_minutes = 30;
    }
    for (auto& s : c.sites) s.country.clear();
    for (auto& u : c.users) u.sfb_client = e911::SfbClient::modern;
    for (auto& u : c.users) {
        // Get-CsOnlineUser shows a Calling Plan (FeatureTypes) but not Operator Connect, which only
        // Get-CsPhoneNumberAssignment's NumberType holds: Operator Connect reads back as Direct Routing.
        if (u.pstn == e911::PstnConnectivity::operator_connect) u.pstn = e911::PstnConnectivity::direct_routing;
        // A usage location equal to the user's country says nothing more: the importer keeps only one that
        // differs, and without a country (CountryAbbreviation) it takes UsageLocation as the user's country.
        if (u.country.empty()) u.country = u.usage_location;
        if (u.usage_location == u.country) u.usage_location.clear();
        // The static emergency address is on the number (Get-CsPhoneNumberAssignment's LocationId) and the
        // common area phone is a licence: no cmdlet this importer reads holds either.
        u.emergency_address = {};
        u.common_area_phone = false;
    }
    for (auto& w : c.wireless_access_points) w.site = {};
    for (auto& s : c.switches) s.site = {};
    for (auto& p : c.ports) p.site = {};
    c.build_indexes();
    return e911::config_to_json(c);
}

e911::Config platform_explicit(e911::Config c) {
    for (auto& u : c.users) u.platform = c.platform_of(u);
    return c;
}

e911::ImportResult round_trip(const e911::Config& c, const std::string& tag) {
    auto files = e911::export_config(c, e911::ExportTarget::cmdlet_json);
    fs::path dir = fs::temp_directory_path() / ("e911-roundtrip-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    REQUIRE(e911::write_export(files, dir.string()).empty());
    auto r = e911::import_paths({dir.string()});
    fs::remove_all(dir);
    return r;
}

}  // namespace

TEST_CASE("round trip: every example survives export to cmdlet JSON and import", "[import][roundtrip]") {
    for (const auto& entry : fs::directory_iterator(E911_SOURCE_DIR "/examples")) {
        auto ext = entry.path().extension();
        if (ext != ".yaml" && ext != ".json") continue;
        INFO(entry.path().string());
        auto loaded = e911::load_files({entry.path().string()});
        REQUIRE(loaded.ok());
        auto back = round_trip(loaded.config, entry.path().stem().string());
        INFO(e911::diagnostics_to_text(back.diagnostics, false));
        CHECK(back.ok());
        CHECK(exportable(platform_explicit(back.config)) == exportable(platform_explicit(loaded.config)));
    }
}

TEST_CASE("round trip: a user's Calling Plan and a usage location other than the country survive",
          "[import][roundtrip]") {
    auto loaded = e911::load_string("version: 1\nusers:\n"
                                    "  - {id: pierre@contoso.com, phone_number: '+14165550145', country: CA, "
                                    "pstn: calling_plan}\n"
                                    "  - {id: dana@contoso.com, phone_number: '+13125550101', country: CA, "
                                    "usage_location: US}\n"
                                    "  - {id: oscar@contoso.com, phone_number: '+13125550102', country: US, "
                                    "pstn: operator_connect}\n",
                                    e911::Format::yaml, "users.yaml");
    INFO(e911::diagnostics_to_text(loaded.diagnostics, false));
    REQUIRE(loaded.ok());
    auto back = round_trip(loaded.config, "pstn");
    INFO(e911::diagnostics_to_text(back.diagnostics, false));
    REQUIRE(back.config.users.size() == 3);
    CHECK(back.config.users[0].pstn == e911::PstnConnectivity::calling_plan);
    CHECK(back.config.users[0].country == "CA");
    CHECK(back.config.users[1].country == "CA");
    CHECK(back.config.users[1].usage_location == "US");
    CHECK(back.config.users[1].pstn == e911::PstnConnectivity::direct_routing);
    // Get-CsOnlineUser does not show Operator Connect: it reads back as Direct Routing (hand-written fact).
    CHECK(back.config.users[2].pstn == e911::PstnConnectivity::direct_routing);
}

TEST_CASE("round trip: a Skype for Business configuration is written with the pool's cmdlet shapes",
          "[import][roundtrip]") {
    auto loaded = e911::load_files({E911_SOURCE_DIR "/examples/bern.yaml"});
    REQUIRE(loaded.ok());
    std::set<std::string> names;
    for (const auto& f : e911::export_config(loaded.config, e911::ExportTarget::cmdlet_json)) names.insert(f.name);
    for (const char* n :
         {"Get-CsPstnUsage.txt", "Get-CsTrunkConfiguration.txt", "Get-CsVoiceRoute.txt", "Get-CsVoicePolicy.txt",
          "Get-CsNetworkSite.txt", "Get-CsNetworkSubnet.txt", "Get-CsLocationPolicy.txt", "Get-CsUser.txt"}) {
        INFO(n);
        CHECK(names.count(n) == 1);
    }
    CHECK(names.count("Get-CsOnlineVoiceRoute.txt") == 0);
}

TEST_CASE("round trip: a ZIP archive laid out as the backup scripts write it", "[import][roundtrip]") {
    auto loaded = e911::load_files({E911_SOURCE_DIR "/examples/campus.yaml"});
    REQUIRE(loaded.ok());
    fs::path zip = fs::temp_directory_path() / ("e911-roundtrip-" + std::to_string(::getpid()) + ".zip");
    REQUIRE(
        e911::write_export(e911::export_config(loaded.config, e911::ExportTarget::cmdlet_json), zip.string()).empty());
    auto back = e911::import_paths({zip.string()});
    fs::remove(zip);
    CHECK(back.ok());
    CHECK(back.report.files.size() >= 10);
    CHECK(exportable(platform_explicit(back.config)) == exportable(platform_explicit(loaded.config)));
    // Positions point into the archive's files.
    REQUIRE(!back.config.gateways.empty());
    CHECK(back.config.file_of(back.config.gateways[0].pos.self).find(".zip/Get-CsOnlinePSTNGateway.txt") !=
          std::string::npos);
}

TEST_CASE("round trip: randomised small configurations", "[import][roundtrip]") {
    std::mt19937 rng(911);
    for (int round = 0; round < 20; ++round) {
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        std::string y = "version: 1\naddresses:\n";
        int na = 1 + pick(3), nl = 1 + pick(4), ns = 1 + pick(3);
        for (int a = 0; a < na; ++a)
            y += "  - {id: a" + std::to_string(a) + ", house_number: \"" + std::to_string(1 + pick(900)) +
                 "\", street_name: Main, city: Springfield, state: IL, country: US" +
                 (pick(2) ? ", latitude: 39.8" + std::to_string(pick(100)) + ", longitude: -89.6" : "") +
                 (pick(2) ? ", validated: true" : "") + "}\n";
        y += "locations:\n";
        for (int l = 0; l < nl; ++l)
            y += "  - {id: l" + std::to_string(l) + ", address: a" + std::to_string(pick(na)) + ", place: \"Floor " +
                 std::to_string(l) + "\"" + (pick(2) ? ", elins: [\"+1217555" + std::to_string(1000 + l) + "\"]" : "") +
                 "}\n";
        y += "lis:\n  subnets:\n";
        for (int l = 0; l < nl; ++l)
            y += "    - {network_id: 10.0." + std::to_string(l) + ".0, location: l" + std::to_string(pick(nl)) + "}\n";
        y += "  wireless_access_points:\n    - {bssid: 00-11-22-33-44-" + std::to_string(10 + pick(80)) +
             ", location: l0}\n";
        y += "voice:\n  pstn_usages: [Emergency, Local]\n  gateways:\n    - {id: sbc.contoso.com, pidf_lo: " +
             std::string(pick(2) ? "true" : "false") + "}\n";
        y += "  routes:\n    - {id: r911, priority: " + std::to_string(pick(5)) +
             ", number_pattern: '^\\+?911$', pstn_usages: [Emergency], gateways: [sbc.contoso.com]}\n";
        y += "  routing_policies:\n    - {id: global, pstn_usages: [Local, Emergency]}\n";
        y += "emergency_call_routing_policies:\n  - id: ecrp\n    numbers:\n      - {dial_string: \"911\", dial_masks: "
             "[\"933\"], "
             "pstn_usage: Emergency}\n";
        y += "emergency_calling_policies:\n  - {id: ecp, notification_group: [sec@contoso.com], notification_mode: " +
             std::string(pick(2) ? "conference_muted" : "notification_only") + "}\n";
        y += "network:\n  regions: [{id: r}]\n  sites:\n";
        for (int s = 0; s < ns; ++s)
            y += "    - {id: s" + std::to_string(s) + ", region: r" +
                 (pick(2) ? ", emergency_call_routing_policy: ecrp" : "") +
                 (pick(2) ? ", emergency_calling_policy: ecp" : "") + "}\n";
        y += "  subnets:\n";
        for (int s = 0; s < ns; ++s)
            y += "    - {prefix: 10.1." + std::to_string(s) + ".0/24, site: s" + std::to_string(s) + "}\n";
        y += "users:\n  - {id: u@contoso.com, phone_number: \"+12175550100\"" +
             std::string(pick(2) ? ", emergency_call_routing_policy: ecrp" : "") + "}\n";
        INFO(y);
        auto loaded = e911::load_string(y, e911::Format::yaml, "random.yaml");
        INFO(e911::diagnostics_to_text(loaded.diagnostics, false));
        REQUIRE(loaded.ok());
        auto back = round_trip(loaded.config, "random" + std::to_string(round));
        INFO(e911::diagnostics_to_text(back.diagnostics, false));
        CHECK(back.ok());
        CHECK(exportable(platform_explicit(back.config)) == exportable(platform_explicit(loaded.config)));
    }
}

TEST_CASE("round trip: bench/gen output at small size", "[import][roundtrip]") {
    fs::path dir = fs::temp_directory_path() / ("e911-roundtrip-gen-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    std::string cmd = "/usr/bin/python3 " E911_SOURCE_DIR "/bench/gen 300 --seed 11 --calls 1 --out " + dir.string() +
                      " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    auto loaded = e911::load_files({(dir / "300.json").string()});
    REQUIRE(loaded.ok());
    REQUIRE(loaded.config.subnets.size() == 300);
    auto back = round_trip(loaded.config, "gen");
    fs::remove_all(dir);
    INFO(e911::diagnostics_to_text(back.diagnostics, false));
    CHECK(back.ok());
    CHECK(exportable(platform_explicit(back.config)) == exportable(platform_explicit(loaded.config)));
}
