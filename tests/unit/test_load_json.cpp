// The JSON reader (simdjson walk into the positioned tree): positions of keys and values, numbers,
// and what a broken document is told.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "load/document.hpp"
#include "parse_helpers.hpp"

using namespace e911;
using detail::Node;
using test::find_diag;

namespace {

using test::Parsed;
test::Parsed parse(const std::string& text) { return test::parse_json(text); }

// 1-based column of byte offset `at` on its line, counted in code points as diagnostics are.
std::uint32_t column_of(const std::string& text, std::size_t at) {
    std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
    start = start == std::string::npos || start >= at ? 0 : start + 1;
    std::uint32_t col = 1;
    for (std::size_t i = start; i < at; ++i) col += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return col;
}

const Diagnostic* syntax_error(const std::vector<Diagnostic>& ds) { return find_diag(ds, "syntax-error"); }

}  // namespace

TEST_CASE("JSON reader: every key and value of minified JSON at its own column") {
    std::string text = R"({"a":{"bb":[1,"x",true,2.5]},"c":null,"d":{}})";
    auto p = parse(text);
    REQUIRE(p.ok);
    const Node& r = p.root;
    REQUIRE(test::keys_of(r) == std::vector<std::string>{"a", "c", "d"});
    CHECK(r.pos.line == 1);
    CHECK(r.pos.column == 1);
    CHECK(r.items[0].key_pos.column == text.find("\"a\"") + 1);
    CHECK(r.items[0].pos.column == text.find("{\"bb\"") + 1);
    CHECK(r.items[0].items[0].key_pos.column == text.find("\"bb\"") + 1);
    const Node& list = r.items[0].items[0];
    CHECK(list.pos.column == text.find('[') + 1);
    REQUIRE(list.items.size() == 4);
    CHECK(list.items[0].pos.column == text.find("1,") + 1);
    CHECK(list.items[1].pos.column == text.find("\"x\"") + 1);
    CHECK(list.items[2].pos.column == text.find("true") + 1);
    CHECK(list.items[3].pos.column == text.find("2.5") + 1);
    CHECK(r.items[1].key_pos.column == text.find("\"c\"") + 1);
    CHECK(r.items[1].pos.column == text.find("null") + 1);
    CHECK(r.items[2].pos.column == text.rfind('{') + 1);
    CHECK(list.items[0].kind == Node::Kind::integer);
    CHECK(list.items[1].text == "x");
    CHECK(list.items[2].text == "true");
    CHECK(list.items[3].kind == Node::Kind::real);
    CHECK(list.items[3].text == "2.5");
    CHECK(r.items[1].kind == Node::Kind::null);
}

TEST_CASE("JSON reader: pretty JSON with multi-byte characters, columns in code points") {
    std::string text = "{\n  \"name\": \"caf\xC3\xA9 \xE2\x98\x8E\", \"k\xC3\xBC\": [\"\xF0\x9F\x9A\x91\", 7],\n\t\"x\": \"\\u00e9\\n\"\n}\n";
    auto p = parse(text);
    REQUIRE(p.ok);
    const Node& r = p.root;
    REQUIRE(r.items.size() == 3);
    CHECK(r.items[0].text == "caf\xC3\xA9 \xE2\x98\x8E");
    CHECK(r.items[1].key_pos.line == 2);
    CHECK(r.items[1].key_pos.column == column_of(text, text.find("\"k\xC3\xBC\"")));
    CHECK(r.items[1].key_pos.column == 21);  // 20 code points before it, 23 bytes
    const Node& list = r.items[1];
    CHECK(list.items[1].pos.column == column_of(text, text.find("7]")));
    CHECK(r.items[2].key_pos.line == 3);
    CHECK(r.items[2].key_pos.column == 2);  // a tab is one column
    CHECK(r.items[2].text == "\xC3\xA9\n");
    // Through the whole load: an unknown key after multi-byte text is reported at its code-point column.
    std::string cfg = "{\"version\": 1, \"name\": \"\xE2\x98\x8E\xE2\x98\x8E\", \"regoin\": 1}";
    auto l = load_string(cfg, Format::json, "t.json");
    auto* d = find_diag(l.diagnostics, "unknown-key", 1);
    REQUIRE(d);
    CHECK(d->column == column_of(cfg, cfg.find("\"regoin\"")));
}

TEST_CASE("JSON reader: whole numbers past 64 bits stay whole numbers with their text") {
    auto p = parse(R"([18446744073709551615, 18446744073709551616, -9223372036854775809, 99999999999999999999999, -0, 1e2, 1E-2])");
    REQUIRE(p.ok);
    const auto& items = p.root.items;
    REQUIRE(items.size() == 7);
    for (int i = 0; i < 5; ++i) CHECK(items[i].kind == Node::Kind::integer);
    CHECK(items[1].text == "18446744073709551616");
    CHECK(items[2].text == "-9223372036854775809");
    CHECK(items[3].text == "99999999999999999999999");
    CHECK(items[5].kind == Node::Kind::real);
    CHECK(items[5].text == "1e2");
    CHECK(items[6].text == "1E-2");
    // The decoder then says the value is out of range, as for YAML, not that it is no whole number.
    auto r = load_string("{\"version\": 99999999999999999999999}", Format::json, "n.json");
    auto* d = find_diag(r.diagnostics, "invalid-value", 1);
    REQUIRE(d);
    CHECK(d->message.find("outside 1..") != std::string::npos);
    CHECK_FALSE(find_diag(r.diagnostics, "wrong-type"));
    // A number no double holds is a syntax error, not infinity.
    CHECK(syntax_error(parse("[1e400]").diagnostics));
}

TEST_CASE("JSON reader: a truncated document's error is where the text ends") {
    std::string text = "{\n  \"version\": 1,\n  \"network\": {\"sites\": [{\"id\": \"s\"";
    auto p = parse(text);
    CHECK_FALSE(p.ok);
    auto* d = syntax_error(p.diagnostics);
    REQUIRE(d);
    CHECK(d->line == 3);
    CHECK(d->column == column_of(text, text.size()));  // just past the last character
    CHECK(d->message.find("unexpected end of input") != std::string::npos);
    CHECK(d->key == "network.sites[0]");
    CHECK_FALSE(d->hint.empty());
    auto m = parse("{\"a\":[1,2");
    auto* dm = syntax_error(m.diagnostics);
    REQUIRE(dm);
    CHECK(dm->line == 1);
    CHECK(dm->column == 10);
}

TEST_CASE("JSON reader: syntax errors say what was expected where") {
    auto p = parse("{\"version\": 1,\n \"name\": \"x\",, \"y\": 2}");
    auto* d = syntax_error(p.diagnostics);
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->column == 14);
    CHECK(d->message.find("unexpected ','") != std::string::npos);
    CHECK(d->message.find("expected string literal") != std::string::npos);
    for (const char* bad : {"{\"a\" 1}", "[1 2]", "{\"a\":1,}", "[01]", "[1.]", "[tru]", "[\"\\x\"]", "{1:2}", "]", "[\"a\nb\"]", "'a'",
                            "[1] // c", "{\"a\":nulll}", "[\"a\": 1]", "{\"k\": [\"x\": \"y\"]}", "\"a\": 1"}) {
        INFO(bad);
        auto b = parse(bad);
        CHECK_FALSE(b.ok);
        CHECK(syntax_error(b.diagnostics));
    }
}

TEST_CASE("JSON reader: trailing content, empty input and lone values") {
    auto t = parse("{\"version\": 1} x");
    auto* d = syntax_error(t.diagnostics);
    REQUIRE(d);
    CHECK(d->column == 16);
    CHECK(d->message.find("expected end of input") != std::string::npos);
    CHECK(syntax_error(parse("{} {}").diagnostics));
    CHECK(syntax_error(parse("1 2").diagnostics));
    for (const char* empty : {"", "   ", "\n\n"}) {
        auto e = parse(empty);
        CHECK_FALSE(e.ok);
        CHECK(syntax_error(e.diagnostics));
    }
    // simdjson 3.0 reads a document that is one scalar loosely; the reader must not.
    CHECK(syntax_error(parse("nulll").diagnostics));
    CHECK(syntax_error(parse("truex").diagnostics));
    for (const char* lone : {"null\n", "null ", "true\t", "\"s\"\n", " 12 "}) {
        INFO(lone);
        auto l = parse(lone);
        CHECK(l.ok);
        CHECK(l.diagnostics.empty());
        CHECK(l.root.pos.column == std::string(lone).find_first_not_of(' ') + 1);
    }
}

TEST_CASE("JSON reader: big strings and many keys load; duplicate keys are reported at the second") {
    std::string big(8 << 20, 'x');
    std::string text = "{\"version\": 1, \"name\": \"" + big + "\", \"after\": 2}";
    auto b = parse(text);
    REQUIRE(b.ok);
    CHECK(b.root.items[1].text.size() == big.size());
    CHECK(b.root.items[2].key_pos.column == text.rfind("\"after\"") + 1);
    std::string many = "{";
    for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    many += "\"k7\": 0}";
    auto m = parse(many);
    CHECK(m.root.items.size() == 40);
    auto* d = find_diag(m.diagnostics, "duplicate-key");
    REQUIRE(d);
    CHECK(d->column == many.rfind("\"k7\"") + 1);
}

TEST_CASE("JSON reader: a UTF-8 BOM before the document is skipped and still takes the first column") {
    auto p = parse("\xEF\xBB\xBF{\"a\": 1}");
    REQUIRE(p.ok);
    CHECK(p.diagnostics.empty());
    CHECK(p.root.pos.column == 2);
    CHECK(p.root.items[0].key_pos.column == 3);
    auto s = parse("\xEF\xBB\xBF\"x\"");
    REQUIRE(s.ok);
    CHECK(s.root.text == "x");
    CHECK(syntax_error(parse("\xEF\xBB\xBF").diagnostics));
    CHECK(syntax_error(parse("\xEF\xBB\xBF{\"a\": }").diagnostics));
}
