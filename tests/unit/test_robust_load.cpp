// Regression tests for hostile configuration input (issue: robustness and security): every case
// is the minimal input that once crashed, hung, exhausted memory or silently changed a value.
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "robust_helpers.hpp"

using namespace e911;
using robust::Scratch;

namespace {
bool has(const std::vector<Diagnostic>& ds, const std::string& id, const std::string& text) {
    for (const auto& d : ds)
        if (d.id == id && (d.message + " " + d.hint).find(text) != std::string::npos) return true;
    return false;
}
std::string all(const std::vector<Diagnostic>& ds) { return diagnostics_to_text(ds, false); }
}  // namespace

TEST_CASE("robust: YAML escapes \\N and \\_ load as UTF-8 and every JSON writer accepts them") {
    auto r = load_string("version: 1\nname: \"a\\Nb\\_c\"\n", Format::yaml, "esc.yaml");
    INFO(all(r.diagnostics));
    REQUIRE(r.ok());
    CHECK(r.config.name == "a\xC2\x85" "b\xC2\xA0" "c");  // U+0085, U+00A0
    CHECK_NOTHROW(nlohmann::json::parse(config_to_json(r.config)));
    CHECK_NOTHROW(nlohmann::json::parse(findings_to_json(lint(r.config, {}))));
}

TEST_CASE("robust: a raw NUL in a plain scalar is reported, never a silently shorter value") {
    auto r = load_string(std::string("version: 1\nname: x\0y\n", 22), Format::yaml, "nul.yaml");
    CHECK_FALSE(r.ok());
    CHECK(has(r.diagnostics, "invalid-utf8", "NUL"));
}

TEST_CASE("robust: only regular files are read: device, FIFO, directory are refused with the reason") {
    Scratch s;
    std::string fifo = s.path("pipe.yaml");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // nobody writes: reading it would block forever
    for (auto [path, why] : {std::pair<std::string, std::string>{"/dev/zero", "character device"}, {fifo, "named pipe"},
                             {s.dir.string(), "directory"}}) {
        auto r = load_files({path});
        CHECK(r.unreadable());
        CHECK(has(r.diagnostics, "unreadable-file", why));
    }
}

TEST_CASE("robust: an include never follows to a device or FIFO, even when outside includes are allowed") {
    Scratch s;
    std::string fifo = s.path("pipe.yaml");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::filesystem::create_symlink("/dev/urandom", s.path("random.yaml"));
    LoadOptions allow;
    allow.allow_include_outside = true;
    for (auto [target, why] : {std::pair<std::string, std::string>{"/dev/zero", "character device"},
                               {"random.yaml", "character device"}, {"pipe.yaml", "named pipe"}}) {
        auto root = s.write("root.yaml", "version: 1\ninclude: [" + target + "]\n");
        auto r = load_files({root}, allow);  // returns: neither read until memory runs out nor blocked
        INFO(target);
        CHECK(has(r.diagnostics, "include-error", why));
    }
}

TEST_CASE("robust: a file over the size bound is refused unread; the bound can be raised") {
    Scratch s;
    auto big = s.write("big.yaml", "version: 1\nname: " + std::string(300, 'x') + "\n");
    LoadOptions small;
    small.limits.max_file_bytes = 100;
    auto r = load_files({big}, small);
    CHECK(r.unreadable());
    CHECK(has(r.diagnostics, "unreadable-file", "more than the limit of 100"));
    CHECK(load_files({big}).ok());
}

TEST_CASE("robust: include chains are bounded in depth (no stack overflow at 4,000 files)") {
    Scratch s;
    for (int i = 0; i < 4000; ++i) s.write("c" + std::to_string(i) + ".yaml", "version: 1\ninclude: [c" + std::to_string(i + 1) + ".yaml]\n");
    s.write("c4000.yaml", "version: 1\n");
    auto r = load_files({s.path("c0.yaml")});
    CHECK_FALSE(r.ok());
    CHECK(has(r.diagnostics, "include-error", "include chain deeper than 64"));
}

TEST_CASE("robust: each file is read once per load (20 files each including the next twice)") {
    Scratch s;
    for (int i = 0; i < 20; ++i) {
        std::string next = "f" + std::to_string(i + 1) + ".yaml";
        s.write("f" + std::to_string(i) + ".yaml", "version: 1\ninclude: [" + next + ", " + next + "]\n");
    }
    s.write("f20.yaml", "version: 1\nnetwork:\n  regions: [{id: r}]\n");
    auto r = load_files({s.path("f0.yaml")});
    INFO(all(r.diagnostics));
    CHECK(r.ok());
    CHECK(r.config.files.size() == 21);  // not 2^20
    CHECK(r.config.regions.size() == 1);  // merged once, so no duplicate id
}

TEST_CASE("robust: the total number of files one load reads is bounded") {
    Scratch s;
    std::string list;
    for (int i = 0; i < 10; ++i) {
        s.write("p" + std::to_string(i) + ".yaml", "version: 1\n");
        list += (i ? ", p" : "p") + std::to_string(i) + ".yaml";
    }
    auto root = s.write("root.yaml", "version: 1\ninclude: [" + list + "]\n");
    LoadOptions o;
    o.limits.max_files = 5;
    auto r = load_files({root}, o);
    CHECK(has(r.diagnostics, "include-error", "more than 5 files in one load"));
}

TEST_CASE("robust: includes stay inside the root configuration's directory unless allowed") {
    Scratch s;
    auto outside = s.write("secret.yaml", "version: 1\nname: secret\n");
    auto root = s.write("cfg/root.yaml", "version: 1\ninclude: [../secret.yaml]\n");
    auto r = load_files({root});
    CHECK(has(r.diagnostics, "include-error", "outside"));
    CHECK(has(r.diagnostics, "include-error", "--allow-include-outside"));
    LoadOptions allow;
    allow.allow_include_outside = true;
    auto ok = load_files({root}, allow);
    INFO(all(ok.diagnostics));
    CHECK(ok.ok());
    CHECK(ok.config.name == "secret");

    SECTION("a symbolic link inside the directory that points outside is refused too") {
        std::filesystem::create_symlink(outside, s.path("cfg/link.yaml"));
        auto l = load_files({s.write("cfg/viaLink.yaml", "version: 1\ninclude: [link.yaml]\n")});
        CHECK(has(l.diagnostics, "include-error", "outside"));
    }
    SECTION("a root given through a symbolic link includes from the link's directory") {
        s.write("real/root.yaml", "version: 1\ninclude: [part.yaml]\n");
        s.write("cfg/part.yaml", "version: 1\nname: part\n");
        std::filesystem::create_symlink(s.path("real/root.yaml"), s.path("cfg/link-root.yaml"));
        auto l = load_files({s.path("cfg/link-root.yaml")});
        INFO(all(l.diagnostics));
        CHECK(l.ok());
        CHECK(l.config.name == "part");
    }
    SECTION("text from anywhere cannot read an absolute path") {
        auto t = load_string("version: 1\ninclude: [" + outside + "]\n", Format::yaml, "<string>", s.dir.string());
        CHECK(has(t.diagnostics, "include-error", "absolute path"));
        auto t2 = load_string("version: 1\ninclude: [/etc/passwd]\n", Format::yaml);
        CHECK(has(t2.diagnostics, "include-error", "absolute path"));
    }
}

TEST_CASE("robust: a symbolic-link loop and an empty include say what they are") {
    Scratch s;
    std::filesystem::create_symlink(s.path("b.yaml"), s.path("a.yaml"));
    std::filesystem::create_symlink(s.path("a.yaml"), s.path("b.yaml"));
    CHECK(has(load_files({s.path("a.yaml")}).diagnostics, "unreadable-file", "symbolic-link loop"));
    auto e = load_files({s.write("e.yaml", "version: 1\ninclude: [\"\"]\n")});
    CHECK(has(e.diagnostics, "include-error", "an include entry is empty"));
}

TEST_CASE("robust: a mapping with many keys loads in linear time; diagnostics are capped with a count") {
    std::string text = "version: 1\nnetwork:\n";
    for (int i = 0; i < 20000; ++i) text += "  k" + std::to_string(i) + ": 1\n";
    auto r = load_string(text, Format::yaml, "keys.yaml");
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == LoadLimits().max_diagnostics + 1);
    CHECK(r.diagnostics.back().message.find("more diagnostic(s) not shown") != std::string::npos);
    CHECK(r.diagnostics.back().severity == Severity::error);
    CHECK(r.diagnostics.back().message.find("1 syntax-error") != std::string::npos);  // "more than 10000 keys", past the cap
    LoadOptions o;
    o.limits.max_diagnostics = 5;
    CHECK(load_string(text, Format::yaml, "keys.yaml", ".", o).diagnostics.size() == 6);
}

TEST_CASE("robust: nesting past the limit is one clear error, no stray duplicate keys or 'bad file'") {
    std::string text = "version: 1\nx: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    auto r = load_string(text, Format::yaml, "deep.yaml");
    CHECK(has(r.diagnostics, "syntax-error", "nested deeper than 200"));
    CHECK_FALSE(has(r.diagnostics, "duplicate-key", ""));
    CHECK_FALSE(has(r.diagnostics, "syntax-error", "bad file"));
    std::string block = "version: 1\nx:\n";
    for (int i = 0; i < 400; ++i) block += std::string(2 * (i + 1), ' ') + "k" + std::to_string(i % 3) + ":\n";
    auto b = load_string(block, Format::yaml, "deep2.yaml");
    CHECK(has(b.diagnostics, "syntax-error", "nested deeper than 200"));
    CHECK_FALSE(has(b.diagnostics, "duplicate-key", ""));
    auto j = load_string("{\"version\": 1, \"x\": " + std::string(5000, '[') + std::string(5000, ']') + "}", Format::json, "deep.json");
    CHECK(has(j.diagnostics, "syntax-error", "nested deeper than 200"));
}

TEST_CASE("robust: octal-looking YAML integers are diagnosed, never silently 0 or 8") {
    auto lead = load_string("version: 010\n", Format::yaml, "o.yaml");
    CHECK_FALSE(lead.ok());
    CHECK(has(lead.diagnostics, "invalid-value", "leading zero"));
    auto o = load_string("version: 0o1\n", Format::yaml, "o.yaml");
    INFO(all(o.diagnostics));
    CHECK(o.ok());  // YAML 1.2 octal 1 is version 1, said as a warning
    CHECK(has(o.diagnostics, "invalid-value", "YAML 1.2 octal"));
    CHECK(o.diagnostics.front().severity == Severity::warning);
}

TEST_CASE("robust: an out-of-range whole number says so") {
    auto r = load_string("version: 99999999999999999999999\n", Format::yaml, "n.yaml");
    CHECK(has(r.diagnostics, "invalid-value", "outside 1.."));
    CHECK_FALSE(has(r.diagnostics, "wrong-type", "whole number"));
}

TEST_CASE("robust: configurations written by Windows tools load: UTF-8 BOM, UTF-16 LE/BE with BOM, CRLF") {
    std::string yaml = "version: 1\r\nname: caf\xC3\xA9\r\n";
    auto utf16 = [](const std::string& ascii_then_e, bool le) {
        std::string out = le ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
        for (std::size_t i = 0; i < ascii_then_e.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(ascii_then_e[i]);
            unsigned unit = c;
            if (c == 0xC3) unit = 0xE9, ++i;  // the é
            char lo = static_cast<char>(unit & 0xFF), hi = static_cast<char>(unit >> 8);
            out += le ? std::string{lo, hi} : std::string{hi, lo};
        }
        return out;
    };
    Scratch s;
    for (auto [name, bytes, utf16_said] :
         {std::tuple<std::string, std::string, bool>{"bom.yaml", "\xEF\xBB\xBF" + yaml, false}, {"le.yaml", utf16(yaml, true), true},
          {"be.yaml", utf16(yaml, false), true}, {"crlf.json", "{\r\n\"version\": 1,\r\n\"name\": \"caf\xC3\xA9\"\r\n}\r\n", false}}) {
        auto r = load_files({s.write(name, bytes)});
        INFO(name << "\n" << all(r.diagnostics));
        CHECK(r.ok());
        CHECK(r.config.name == "caf\xC3\xA9");
        CHECK(has(r.diagnostics, "invalid-utf8", "UTF-16") == utf16_said);
    }
}

TEST_CASE("robust: diagnostics never carry invalid UTF-8 into JSON (fuzz-found)") {
    // A NUL (replaced by U+FFFD) right after a backslash: yaml-cpp's "unknown escape" quotes one byte of it.
    auto y = load_string(std::string("version: 1\nname: \"\\\0N\"\nx: a\0_\n", 30), Format::yaml, "f.yaml");
    CHECK_FALSE(y.ok());
    CHECK_NOTHROW(nlohmann::json::parse(diagnostics_to_json(y.diagnostics)));
    // UTF-16 text whose JSON syntax error quotes a token cut through a multi-byte character.
    auto j = load_files({E911_SOURCE_DIR "/tests/fuzz/corpus/load_json/found-utf16-cut-token.json"});
    CHECK_FALSE(j.ok());
    CHECK_NOTHROW(nlohmann::json::parse(diagnostics_to_json(j.diagnostics)));
}
