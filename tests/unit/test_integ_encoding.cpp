// Configurations and call logs saved by Windows tools: UTF-8 with a byte order mark, UTF-16 LE/BE with
// one, CRLF line ends. They load as their UTF-8 twins do, with the same line numbers.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "helpers.hpp"
#include "util/encoding.hpp"

namespace fs = std::filesystem;

namespace {

std::string utf16(const std::string& ascii, bool little) {
    std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
    for (char c : ascii) out += little ? std::string{c, '\0'} : std::string{'\0', c};
    return out;
}

std::string crlf(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
}

std::string write(const std::string& name, const std::string& bytes) {
    auto p = fs::temp_directory_path() / ("e911-integ-enc-" + name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
}

// A config with one error on line 4, so positions can be compared across encodings.
const char* kConfig = "version: 1\nnetwork:\n  regions: [{id: r}]\n  sites: [{id: s1, region: nowhere}]\n";

}  // namespace

TEST_CASE("to_utf8: byte order marks dropped, UTF-16 transcoded") {
    using e911::detail::to_utf8;
    CHECK(to_utf8("\xEF\xBB\xBFversion: 1") == "version: 1");
    CHECK(to_utf8(utf16("caf\xE9", true)) == "caf\xC3\xA9");  // U+00E9 from a Latin-1-range code unit
    CHECK(to_utf8(std::string("\xFF\xFE\x34\xD8\x1E\xDD", 6)) == "\xF0\x9D\x84\x9E");  // a surrogate pair
    CHECK(to_utf8("plain") == "plain");
    CHECK(to_utf8("\xFF\xFE"
                  "a") == "\xEF\xBF\xBD");  // a dangling byte becomes U+FFFD
}

TEST_CASE("valid_utf8: the same answer wherever a bad or long sequence falls against the 8-byte words") {
    using e911::detail::valid_utf8;
    // An ASCII run of every length 0-17 before a 2-, 3- and 4-byte character, a stray continuation
    // byte, a truncated sequence and an overlong encoding: the word-at-a-time ASCII scan hands over to
    // the full check at the right byte whatever the alignment.
    for (std::size_t run = 0; run < 18; ++run) {
        const std::string ascii(run, 'a');
        INFO("ASCII run " << run);
        for (const char* good : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x93\x9E"}) {
            CHECK(valid_utf8(ascii + good));
            CHECK(valid_utf8(ascii + good + "tail text"));
        }
        for (const char* bad : {"\x80", "\xC3", "\xE2\x82", "\xC0\xAF", "\xFF"}) {
            CHECK_FALSE(valid_utf8(ascii + bad));
            CHECK_FALSE(valid_utf8(ascii + bad + "tail text"));
        }
    }
    CHECK(valid_utf8(""));
    CHECK(valid_utf8(std::string(64, 'x')));
}

TEST_CASE("load_files: UTF-8 BOM + CRLF and UTF-16 LE/BE configurations load like UTF-8 ones") {
    auto plain = e911::load_files({write("plain.yaml", kConfig)});
    REQUIRE(plain.diagnostics.size() == 1);
    for (const auto& [name, bytes] :
         std::vector<std::pair<std::string, std::string>>{{"bom-crlf.yaml", "\xEF\xBB\xBF" + crlf(kConfig)},
                                                          {"le.yaml", utf16(crlf(kConfig), true)},
                                                          {"be.yaml", utf16(kConfig, false)}}) {
        INFO(name);
        auto r = e911::load_files({write(name, bytes)});
        // UTF-16 is said, not guessed: one info diagnostic first, then the same error as UTF-8.
        const bool utf16 = name != "bom-crlf.yaml";
        REQUIRE(r.diagnostics.size() == (utf16 ? 2u : 1u));
        if (utf16) CHECK(r.diagnostics[0].message.find("UTF-16") != std::string::npos);
        const auto& d = r.diagnostics.back();
        CHECK(d.id == plain.diagnostics[0].id);
        CHECK(d.line == 4);
        CHECK(d.column == plain.diagnostics[0].column);
    }
    auto json =
        e911::load_files({write("le.json", utf16(crlf("{\"version\": 1, \"psaps\": [{\"id\": \"p\"}]}\n"), true))});
    INFO(e911::diagnostics_to_text(json.diagnostics, false));
    CHECK(json.ok());
    // pre-commit's --only-configs and the include search read them too.
    CHECK(e911::is_config_file(write("le2.yaml", utf16(kConfig, true))));
    auto root = write("root16.yaml", utf16("version: 1\ninclude: [e911-integ-enc-be.yaml]\n", false));
    CHECK(e911::included_files(root) ==
          std::vector<std::string>{(fs::temp_directory_path() / "e911-integ-enc-be.yaml").string()});
}

TEST_CASE("simulate_batch: CSV with a UTF-8 BOM and CRLF, and UTF-16 JSON Lines, read as UTF-8") {
    auto cfg = e911::load_or_throw({E911_SOURCE_DIR "/examples/campus.yaml"});
    e911::Simulator sim(cfg);
    auto run = [&](const std::string& bytes) {
        std::istringstream in(bytes);
        std::ostringstream out;
        auto stats = e911::simulate_batch(sim, in, out, e911::BatchOutput::json, false);
        CHECK(stats.errors == 0);
        return out.str();
    };
    std::string csv = "user,ip,dialed,time\nalice@contoso.edu,10.10.2.9/24,911,2026-11-21T10:00:00Z\n";
    std::string jsonl =
        "{\"user\": \"alice@contoso.edu\", \"ip\": \"10.10.2.9/24\", \"dialed\": \"911\","
        " \"time\": \"2026-11-21T10:00:00Z\"}\n";
    std::string want = run(csv);
    CHECK(want.find("\"psap\":\"sangamon-ecc\"") != std::string::npos);
    CHECK(run("\xEF\xBB\xBF" + crlf(csv)) == want);
    CHECK(run(utf16(crlf(csv), true)) == want);
    CHECK(run(utf16(jsonl, false)) == run(jsonl));
}
