// `include:` of an export and top-level `overrides:` in a hand-written configuration.
#include <catch2/catch.hpp>

#include "e911/e911.hpp"

namespace {

e911::LoadResult load(const std::string& yaml) {
    return e911::load_string(yaml, e911::Format::yaml, "tenant.yaml", E911_SOURCE_DIR "/examples/tenant-export");
}

bool has(const e911::LoadResult& r, const std::string& id) {
    for (const auto& d : r.diagnostics)
        if (d.id == id) return true;
    return false;
}

}  // namespace

TEST_CASE("include: the example tenant backup with overrides lints clean and routes Portland via its ELIN",
          "[import][include]") {
    auto r = e911::load_files({E911_SOURCE_DIR "/examples/tenant-export/tenant.yaml"});
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.ok());
    const auto& c = r.config;
    auto g = c.find(e911::Kind::gateway, "sbc2.fabrikam.com");
    REQUIRE(g != e911::npos);
    CHECK(c.gateways[g].emergency_routing == e911::EmergencyRouting::elin);
    CHECK(c.gateways[g].elin_callback_minutes == 45);
    // The gateway comes from the export; the overridden field points at the override line.
    CHECK(c.file_of(c.gateways[g].pos.self).find("Get-CsOnlinePSTNGateway.txt") != std::string::npos);
    CHECK(c.file_of(c.gateways[g].pos.of("emergency_routing")).find("tenant.yaml") != std::string::npos);
    auto l = c.find(e911::Kind::location, "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d91");
    REQUIRE(l != e911::npos);
    CHECK(c.locations[l].elins == std::vector<std::string>{"+15035550142"});
    CHECK(c.psaps.size() == 3);
    for (const auto& d : r.diagnostics) CHECK(d.id != "import-elin-name");  // the override gave the number
    e911::LintOptions opt;
    opt.today = "2026-11-21";
    for (const auto& f : e911::lint(c, opt))  // info notes of the import (a dropped extension) are not findings to fix
        if (f.severity != e911::Severity::info) CHECK(!f.active());
}

TEST_CASE("overrides: a target that does not exist is an error at the override", "[import][include]") {
    auto r = load(
        "version: 1\ninclude: [backup/]\noverrides:\n  - target: gateway/sbc9.fabrikam.com\n    set: {pidf_lo: "
        "true}\n");
    REQUIRE(has(r, "override-target-missing"));
    for (const auto& d : r.diagnostics)
        if (d.id == "override-target-missing") {
            CHECK(d.file == "tenant.yaml");
            CHECK(d.line == 4);
        }
    CHECK(!r.ok());
}

TEST_CASE("overrides: cannot change an object's id; unknown kinds are rejected", "[import][include]") {
    auto r = load(
        "version: 1\ninclude: [backup/]\noverrides:\n  - {target: site/SEA-HQ, set: {id: x}}\n  - {target: bogus/1, "
        "set: {a: 1}}\n");
    CHECK(has(r, "invalid-value"));
    CHECK(!r.ok());
}

TEST_CASE("include: a duplicate id between an export and the hand-written file stays an error", "[import][include]") {
    auto r = load("version: 1\ninclude: [backup/]\nvoice:\n  gateways:\n    - {id: sbc1.fabrikam.com}\n");
    CHECK(has(r, "duplicate-id"));
    CHECK(!r.ok());
}

TEST_CASE("include: a single export file and an overridden site field", "[import][include]") {
    auto r = load(
        "version: 1\ninclude: [backup/Get-CsTenantNetworkSite.txt, backup/Get-CsTenantNetworkRegion.txt]\n"
        "overrides:\n  - {target: site/PDX-Clinic, set: {country: US}}\n");
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.config.sites.size() == 2);
    CHECK(r.config.sites[1].country == "US");
    CHECK(r.config.sites[1].region.resolved());
}

TEST_CASE("load: an export named directly (folder, file) loads like a configuration", "[import][include]") {
    auto r = e911::load_files({E911_SOURCE_DIR "/examples/tenant-export/backup"});
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    CHECK(r.ok());
    CHECK(r.config.gateways.size() == 2);
    CHECK(r.config.locations.size() == 5);
    auto missing = e911::load_files({"/nonexistent/Get-CsOnlineUser.txt"});
    CHECK(missing.unreadable());
    // A JSON configuration named directly is still a configuration, even an invalid one.
    auto cfg = e911::load_string("{\"name\": \"x\"}", e911::Format::json, "c.json");
    bool version = false;
    for (const auto& d : cfg.diagnostics) version |= d.id == "missing-field";
    CHECK(version);
}
