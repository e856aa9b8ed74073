// Whatever the bytes, the importer answers with diagnostics: no crash, no exception, no hang.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>

#include "e911/e911.hpp"
#include "e911/import.hpp"

TEST_CASE("import: malformed and hostile inputs give diagnostics, not crashes", "[import][robust]") {
    const char* inputs[] = {
        "[{\"Identity\":\"Tag:x\",\"NormalizationRules\":[\"Name=a;Pattern=^1$;Translation=1;Priority="
        "99999999999999999999\"]}]",
        "[{\"Identity\": \"sbc\", \"Fqdn\": ",                                              // truncated JSON
        "\"Subnet\",\"LocationId\"\n\"10.0.0.0,\"L1\n",                                     // unbalanced quote
        "Configuration X {\n Node localhost {\n TeamsPstnUsage \"u\" {\n Usage = \"a\"\n",  // unclosed DSC
        "Configuration X {\n Node localhost {\n TeamsVoiceRoute r { NumberPattern = @(@(@(@( }\n}}",
        "#TYPE\n",
        "\xFF\xFE",                     // BOM only
        "PK\x03\x04garbage",            // a broken ZIP
        "[1, 2, \"x\", null, [], {}]",  // records that are not objects
        "{\"Identity\":\"Global\",\"Usage\":{\"a\":1}}",
        "{\"UserPrincipalName\":\"u\",\"LineURI\":42,\"TenantDialPlan\":{\"Name\":null}}",
        "BSSID,LocationId\nzz-zz,L\n,\n",
    };
    for (const char* in : inputs) {
        INFO(in);
        e911::ImportResult r;
        REQUIRE_NOTHROW(r = e911::import_bytes(in, "input.txt"));
        CHECK(r.report.files.size() <= 1);
    }
    std::mt19937 rng(7);
    for (int i = 0; i < 200; ++i) {
        std::string s(static_cast<std::size_t>(rng() % 300), '\0');
        static const char alphabet[] = "{}[]\",:;=\n\r abcIdentity01-.*#$@()'`";
        for (auto& ch : s) ch = alphabet[rng() % (sizeof alphabet - 1)];  // UBSan: never past the literal
        REQUIRE_NOTHROW(e911::import_bytes(s, "random.txt"));
        REQUIRE_NOTHROW(e911::import_bytes("Configuration X {\nNode n {\nTeamsVoiceRoute r {\n" + s, "random.ps1"));
    }
}

TEST_CASE("import: a syntax error quoted next to a replaced byte still renders as JSON", "[import][robust]") {
    // Found by fuzz_import: the parser's "near `...`" excerpt cut the U+FFFD that replaced the stray
    // byte 0x88 in half, and diagnostics_to_json threw on the invalid UTF-8.
    auto r = e911::import_bytes("{\n  \"Identity\": \"PNW\",\n  \"NetworkRegionID\": \"PNW\",\n  \"Description\":\x88"
                                "\"Pacific Northwest\",\n  \"CentralSite\": null\n}\n",
                                "Get-CsTenantNetworkRegion.txt");
    CHECK_FALSE(r.ok());
    CHECK(nlohmann::json::accept(e911::diagnostics_to_json(r.diagnostics)));
    CHECK(nlohmann::json::accept(e911::import_report_json(r.report)));
}
