// Every public sample in tests/data/real-exports imports with the objects it holds, or is reported
// clearly as not ours.
#include <catch2/catch.hpp>

#include "e911/e911.hpp"
#include "e911/import.hpp"

namespace {

const std::string kDir = E911_SOURCE_DIR "/tests/data/real-exports/";

e911::ImportResult one(const std::string& name) {
    auto r = e911::import_paths({kDir + name});
    INFO(e911::diagnostics_to_text(r.diagnostics, false) + e911::import_report_text(r.report));
    REQUIRE(r.report.files.size() == 1);
    return r;
}

int count(const e911::ImportResult& r, const std::string& id) {
    int n = 0;
    for (const auto& d : r.diagnostics) n += d.id == id;
    return n;
}

}  // namespace

TEST_CASE("real exports: files that are not exports are reported as not ours", "[import][real]") {
    for (const char* name :
         {"intrado-egw-erl-import-netbox.csv", "intrado-egw-switch-import-netbox.csv", "sfb-lis-csv-format-msdocs.md",
          "teams-e911-workbook-ericmarsi.xlsx", "teams-ecp-extendednotifications-formatlist-msdocs.txt",
          "teams-lis-formattable-output-msdocs.txt", "teams-test-effectivetenantdialplan-output-telesmart.txt"}) {
        INFO(name);
        auto r = one(name);
        CHECK(r.report.files[0].format == "not-ours");
        CHECK(!r.report.files[0].notes.empty());
        CHECK(r.ok());
    }
    auto xlsx = one("teams-e911-workbook-ericmarsi.xlsx");
    CHECK(xlsx.report.files[0].notes[0].find("save each sheet as CSV") != std::string::npos);
    auto table = one("teams-lis-formattable-output-msdocs.txt");
    CHECK(table.report.files[0].notes[0].find("console output") != std::string::npos);
}

TEST_CASE("real exports: Get-CsOnlineLisCivicAddress JSON (TeamsE911Automation)", "[import][real]") {
    auto r = one("teams-lis-civicaddress-compressjson-e911automation.json");
    CHECK(r.ok());
    REQUIRE(r.config.addresses.size() == 2);
    const auto& a = r.config.addresses[0];
    CHECK(a.id == "bf04d062-eef6-4b86-bf19-c9bc428c5d61");
    CHECK(a.street_name == "Microsoft Way");
    CHECK(a.house_number == "101");
    CHECK(a.validated);
    CHECK(a.latitude.value() == Approx(47.63963));
    REQUIRE(r.config.locations.size() == 2);  // each address's DefaultLocationId
    CHECK(r.config.locations[0].id == "ffc35422-eb5d-4741-8c46-51fc070bce78");
    CHECK(r.config.locations[0].address.resolved());
}

TEST_CASE("real exports: Get-CsOnlineLisLocation JSON carries its address", "[import][real]") {
    auto r = one("teams-lis-location-compressjson-e911automation.json");
    CHECK(r.ok());
    REQUIRE(r.config.locations.size() == 2);
    CHECK(r.config.locations[1].id == "c9f19766-91d8-4945-82a8-97508395affa");
    CHECK(r.config.locations[1].address.id == "a279d3d7-f2ad-4369-bd9e-389efaef8a11");
    CHECK(r.config.addresses.size() == 2);
}

TEST_CASE("real exports: NetBox Teams LIS CSVs", "[import][real]") {
    auto civic = one("teams-lis-civicaddress-exportcsv-netbox.csv");
    REQUIRE(civic.config.addresses.size() == 1);
    CHECK(civic.config.addresses[0].id == "332d58e1-ea3f-417b-8d89-730fc80eb47f");
    CHECK(count(civic, "import-elin-name") == 1);  // "ORKAN" is an ELIN-table name
    REQUIRE(civic.config.locations.size() == 1);
    CHECK(civic.config.locations[0].id == "bf68677d-bbc9-4976-9b56-70bd9e9aec43");

    auto bulk = one("teams-lis-civicaddress-import-netbox.csv");
    REQUIRE(bulk.config.addresses.size() == 1);
    CHECK(bulk.config.addresses[0].id == "Orkan House");
    CHECK(bulk.config.addresses[0].state == "CO");  // the StateORProvince column, matched case-insensitively

    auto locs = one("teams-lis-location-exportcsv-netbox.csv");
    CHECK(locs.config.locations.empty());  // no CivicAddressId column: said, not guessed
    CHECK(count(locs, "import-unmapped") == 6);

    auto newloc = one("teams-lis-location-import-netbox.csv");
    CHECK(newloc.config.locations.size() == 5);
    CHECK(count(newloc, "dangling-reference") == 5);  // the address is in another tenant's file

    CHECK(one("teams-lis-subnet-import-netbox.csv").config.lis_subnets.size() == 5);
    auto sw = one("teams-lis-switch-import-netbox.csv");
    REQUIRE(sw.config.switches.size() == 7);
    CHECK(sw.config.switches[0].chassis_id == "00-53-00-CF-FC-80");
    auto ports = one("teams-lis-port-import-netbox.csv");
    REQUIRE(ports.config.ports.size() == 2);
    CHECK(ports.config.ports[1].key() == "00-53-00-D2-F1-00/Gi1/0/1");
    CHECK(one("teams-lis-wap-import-netbox.csv").config.wireless_access_points.size() == 10);
}

TEST_CASE("real exports: TeamsE911Automation flat CSV, bad rows reported at their line", "[import][real]") {
    auto r = one("teams-e911automation-source.csv");
    CHECK(r.report.files[0].read.at("TeamsE911Automation CSV") == 21);
    CHECK(r.config.addresses.size() == 3);
    CHECK(r.config.switches.size() == 2);
    CHECK(r.config.ports.size() == 4);
    // 10da4302f9ff;g7/2: a bare MAC and a port
    bool bare = false;
    for (const auto& p : r.config.ports) bare |= p.key() == "10-DA-43-02-F9-FF/g7/2";
    CHECK(bare);
    // The USA rows are the same Nashville address as the US rows, not a second one.
    for (const auto& a : r.config.addresses) CHECK(a.country == "US");
    bool dup = false;
    for (const auto& d : r.diagnostics) dup |= d.id == "duplicate-id" && d.line == 12;  // 10.0.21.0 again
    CHECK(dup);
    auto res = one("teams-e911automation-results-exportcsv.csv");
    CHECK(res.report.files[0].read.at("TeamsE911Automation CSV") == 18);
}

TEST_CASE("real exports: the whole folder imports together and joins across files", "[import][real]") {
    auto r = e911::import_paths({kDir});
    CHECK(r.report.files.size() == 39);
    // The NetBox address export's default location is what its subnets, switches and WAP rows point at.
    std::size_t resolved = 0;
    for (const auto& s : r.config.lis_subnets)
        resolved += s.location.id == "bf68677d-bbc9-4976-9b56-70bd9e9aec43" && s.location.resolved();
    CHECK(resolved == 5);
}
