// The YAML reader (libfyaml events into the positioned tree): positions as written, libfyaml's own
// error messages at the problem's line:column, nothing printed, and the alias and document limits.
#include <unistd.h>

#include <cstdio>

#include "helpers.hpp"
#include "load/document.hpp"
#include "parse_helpers.hpp"

using namespace e911;
using e911::detail::Node;

namespace {
using test::Parsed;
test::Parsed parse(const std::string& text) { return test::parse_yaml(text); }
using test::find_diag;
}  // namespace

TEST_CASE("yaml reader: columns count characters, not bytes, after multibyte text") {
    // "é" is two bytes: yaml-cpp put `b` at column 9; an editor (and the JSON reader) says 8.
    auto p = parse("\xC3\xA9: [a, b]\nn\xC3\xA4me: {k\xC3\xB6: 1, x: 2}\n");
    REQUIRE(p.ok);
    const Node* seq = p.root.get("\xC3\xA9");
    REQUIRE(seq);
    CHECK(seq->items[1].pos.line == 1);
    CHECK(seq->items[1].pos.column == 8);
    const Node* m = p.root.get("n\xC3\xA4me");
    REQUIRE(m);
    CHECK(m->items[1].key_pos.column == 15);  // `x`
    CHECK(m->items[1].pos.column == 18);
}

TEST_CASE("yaml reader: a node starts where it is written: quote, anchor, tag, alias, block indicator") {
    auto p = parse("a: \"q\"\nb: &X !!str 5\nc: *X\nd: |\n  lit\ne: 's'\nf: !!map {x: 1}\n");
    REQUIRE(p.ok);
    auto at = [&](const char* key) { return std::pair{p.root.get(key)->pos.line, p.root.get(key)->pos.column}; };
    CHECK(at("a") == std::pair{1u, 4u});
    CHECK(at("b") == std::pair{2u, 4u});
    CHECK(at("c") == std::pair{2u, 4u});  // an alias is a copy of the anchored node
    CHECK(at("d") == std::pair{4u, 4u});
    CHECK(at("e") == std::pair{6u, 4u});
    CHECK(at("f") == std::pair{7u, 4u});
    CHECK(p.root.get("b")->kind == Node::Kind::string);  // !!str 5 is text
    CHECK(p.root.get("d")->text == "lit\n");
}

TEST_CASE("yaml reader: an empty value is null, on its key's line") {
    auto p = parse("a:\nb: 1\n");
    REQUIRE(p.ok);
    CHECK(p.root.get("a")->kind == Node::Kind::null);
    CHECK(p.root.get("a")->pos.line == 1);
}

TEST_CASE("yaml reader: syntax errors carry libfyaml's message at the problem's line and column") {
    auto esc = parse("a: 1\nb: \"caf\xC3\xA9\\q\"\n");
    CHECK_FALSE(esc.ok);
    auto* d = find_diag(esc.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->column == 9);  // the backslash, counted in characters
    CHECK(d->message.find("invalid escape") != std::string::npos);
    CHECK(d->file == "t.yaml");

    auto tab = parse("a:\n\t- b\n");
    d = find_diag(tab.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->message.find("tab") != std::string::npos);
    CHECK(d->hint.find("spaces") != std::string::npos);

    // yaml-cpp accepted a double-quoted value left open at the end of the file.
    auto open = parse("a: 1\nb: \"abc\n");
    CHECK_FALSE(open.ok);
    d = find_diag(open.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->message.find("closing quote") != std::string::npos);

    // `name:x` is one plain value, not a key: yaml-cpp took it for the key `name:x`.
    auto nospace = parse("version: 1\nname:x\n");
    d = find_diag(nospace.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->hint.find("space after the colon") != std::string::npos);

    auto flow = parse("a: [1, 2]]\n");
    d = find_diag(flow.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->line == 1);
    CHECK(d->column == 10);
}

TEST_CASE("yaml reader: libfyaml prints nothing; every problem is a diagnostic") {
    std::fflush(stderr);
    int saved = dup(STDERR_FILENO);
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture);
    dup2(fileno(capture), STDERR_FILENO);
    auto p = parse("a: [1, 2\nb: \"x\\q\"\n\t- c\n");
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    long printed = std::ftell(capture);
    std::fclose(capture);
    CHECK(printed == 0);
    CHECK(find_diag(p.diagnostics, "syntax-error"));
}

TEST_CASE("yaml reader: an alias bomb is one error; an unknown alias is reported where it is") {
    std::string bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\n";
    for (char c = 'b'; c <= 'g'; ++c) {
        bomb += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i) bomb += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
        bomb += "]\n";
    }
    auto p = parse(bomb);
    int said = 0;
    for (const auto& d : p.diagnostics) said += d.message.find("more than a million nodes") != std::string::npos;
    CHECK(said == 1);

    auto unknown = parse("a: *nope\nb: 1\n");
    auto* d = find_diag(unknown.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->message == "alias to an unknown anchor");
    CHECK(d->line == 1);
    CHECK(d->column == 4);
    REQUIRE(unknown.root.get("b"));  // reading goes on
}

TEST_CASE("yaml reader: a second document is an error at its `---`; YAML 1.1 directives are read") {
    auto p = parse("a: 1\n---\nb: 2\n");
    auto* d = find_diag(p.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->message.find("more than one YAML document") != std::string::npos);
    CHECK(d->line == 2);
    CHECK_FALSE(p.root.get("b"));

    auto v11 = parse("%YAML 1.1\n---\na: True\nb: 010\n");
    REQUIRE(v11.ok);
    CHECK(v11.root.get("a")->kind == Node::Kind::boolean);
    CHECK(v11.root.get("b")->text == "10");  // said as a leading-zero error, read as YAML 1.2 does
    CHECK(find_diag(v11.diagnostics, "invalid-value"));
}

TEST_CASE("yaml reader: merge keys are plain keys and duplicates are reported by the tree") {
    auto p = parse("a: &d {x: 1}\nb:\n  <<: *d\n  y: 2\n  y: 3\n");
    REQUIRE(p.ok);
    const Node* b = p.root.get("b");
    REQUIRE(b);
    CHECK(b->get("<<"));
    auto* d = find_diag(p.diagnostics, "duplicate-key");
    REQUIRE(d);
    CHECK(d->line == 5);
}

TEST_CASE("yaml reader: a flow list continued at its key's column loads, as yaml-cpp read it") {
    auto p = parse("x: [1,\n2]\ny: {a: 1,\nb: 2}\n");
    INFO(diagnostics_to_text(p.diagnostics, false));
    REQUIRE(p.ok);
    CHECK(p.root.get("x")->items.size() == 2);
    CHECK(p.root.get("y")->items.size() == 2);
}

TEST_CASE("yaml reader: a hexadecimal whole number is read as its value, not as a leading zero") {
    auto p = parse("a: 0x1F\nb: 0xFFFFFFFFFFFFFFFFFF\n");
    REQUIRE(p.ok);
    CHECK(p.root.get("a")->kind == Node::Kind::integer);
    CHECK(p.root.get("a")->text == "31");
    CHECK(p.diagnostics.empty());
    CHECK(p.root.get("b")->text == "0xFFFFFFFFFFFFFFFFFF");  // too big: left as written for the range check
}
