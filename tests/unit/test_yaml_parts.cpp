// A large YAML text read in parts cut at its top-level keys: the same tree and diagnostics as read
// whole, whatever the cut, and the cut used only where every part reads alone as it does in the whole.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "e911/e911.hpp"
#include "helpers.hpp"
#include "load/yaml_parts.hpp"
#include "parse_helpers.hpp"

using namespace e911;
using e911::detail::Node;

namespace {

struct Read {
    Node root;
    std::vector<Diagnostic> diagnostics;
    bool ok = false;
};

Read whole(const std::string& text) {
    Read r;
    r.ok = detail::read_yaml_part(text, 1, 0, "t.yaml", r.root, r.diagnostics, LoadLimits()).ok;
    return r;
}

Read split(const std::string& text, unsigned parts) {
    Read r;
    r.ok = detail::parse_yaml(text, 0, "t.yaml", r.root, r.diagnostics, LoadLimits(), detail::YamlSplit{0, parts});
    return r;
}

bool in_parts(const std::string& text, unsigned parts) {
    Node root;
    std::vector<Diagnostic> out;
    return detail::parse_yaml_in_parts(text, 0, "t.yaml", root, out, LoadLimits(), parts);
}

// Read in 2..5 parts, the text answers as read whole: same success, tree and diagnostics.
void same_as_whole(const std::string& text) {
    const Read w = whole(text);
    for (unsigned parts = 2; parts <= 5; ++parts) {
        INFO("parts: " << parts << "\n" << text);
        const Read s = split(text, parts);
        CHECK(s.ok == w.ok);
        CHECK(detail::same_tree(s.root, w.root));
        CHECK(diagnostics_to_json(s.diagnostics) == diagnostics_to_json(w.diagnostics));
    }
}

const std::string kClean =
    "# a configuration written by hand\n"
    "version: 1\n"
    "name: \"campus\"\n"
    "defaults:\n"
    "  country: US\n"
    "sites:\n"
    "  - id: hq\n"
    "    notes: |\n"
    "      first line\n"
    "      second: line\n"
    "  - {id: \"branch\", name: 'Branch'}\n"
    "\n"
    "# a comment at column 0 between keys\n"
    "network:\n"
    "  subnets:\n"
    "  - {id: s1, prefix: 10.0.0.0/24, vlan: 0o17}\n"   // a YAML 1.2 octal: a warning, with its position
    "  - id: s2\n"
    "    prefix: \"10.0.1.0/24\"\n"
    "users:\n"
    "- {upn: a@example.com, number: \"+15550100\"}\n"
    "psaps: []\n"
    "empty:\n";

}  // namespace

TEST_CASE("yaml parts: a clean text is cut at top-level keys and reads as it does whole") {
    for (unsigned parts = 2; parts <= 5; ++parts) CHECK(in_parts(kClean, parts));
    same_as_whole(kClean);
    const Read s = split(kClean, 3);
    REQUIRE(s.ok);
    CHECK(test::keys_of(s.root) == std::vector<std::string>{"version", "name", "defaults", "sites", "network", "users", "psaps", "empty"});
    const Node* users = s.root.get("users");
    REQUIRE(users);
    CHECK(users->pos.line == 20);  // positions count from the file's start, not the part's
    CHECK(users->items[0].items[1].pos.column == 32);  // the quote of "+15550100"
    REQUIRE(s.diagnostics.size() == 1);  // the octal warning, once, at its line
    CHECK(s.diagnostics[0].line == 16);
    CHECK(s.diagnostics[0].key == "network.subnets[0].vlan");
}

TEST_CASE("yaml parts: cuts are lines that start a plain top-level key, near even points") {
    auto cuts = detail::yaml_cuts(kClean, 2);
    REQUIRE(cuts.size() == 1);
    CHECK(kClean.compare(cuts[0].offset, 8, "network:") == 0);
    CHECK(cuts[0].line == 14);
    CHECK(detail::yaml_cuts(kClean, 1).empty());
    CHECK(detail::yaml_cuts("only: 1\n", 2).empty());                    // nothing past the first line
    CHECK(detail::yaml_cuts("a: 1\n\"b\": 2\n? c\n: 3\n- d\n", 2).empty());  // quoted, explicit, item: no cut
    CHECK(detail::yaml_cuts("a: 1\n...\nb: 2\n", 2).empty());            // what follows `...` is another document
    CHECK(detail::yaml_cuts("a: &x 1\nb: *x\n", 2).empty());             // an alias
    CHECK(detail::yaml_cuts("%YAML 1.1\n---\na: 1\nb: 2\n", 2).empty()); // a directive: the document's rules
    CHECK_FALSE(detail::yaml_cuts("a: '\\d*'\nb: \"*67\"\nc: x*y\n", 2).empty());  // a `*` that is no alias
}

TEST_CASE("yaml parts: a cut that changes the reading is not used, and the whole is read instead") {
    const std::vector<std::string> untrusted = {
        "a: \"x\nb: y\"\nc: 1\n",                              // a quoted value spans a key-like line
        "a: [1,\nb: 2]\nc: 1\n",                               // so does a flow list
        "a: &x 1\nb: [*x]\n",                                  // an alias to an anchor in another part
        "a: 1\nb: 2\na: 3\n",                                  // a key in two parts
        "a: 1\n---\nb: 2\n",                                   // a second document
        "%TAG !e! tag:example.com,2024:\n---\na: !e!x 1\nb: !e!y 2\n",  // a tag handle of part one
        "a: 1\rb: 2\nc: 3\n",                                  // a lone CR: libfyaml counts a line we did not
        "--- |\nfoo: bar\nbaz: 1\n",                           // the root is a block scalar
        "  a: 1\n  b: 2\nc: 3\n",                             // an indented root ends before `c:`
        "{a: 1}\nb: 2\n",                                      // so does a flow root
        "a: 1\nb: \"unterminated\nc: 2\n",                     // a syntax error
        "a:\n  - 1\nb: 01\n",                                  // an error (leading zero) in a part
        "a:\nfoo\nb: 1\n",                                     // read to its end, part one would take `foo`
        "a: &x\nfoo\nb: 1\n",
        "a: !!str\n\"foo\"\nb: 1\n",
        "a:\n[1]\nb: 1\n",
    };
    for (const auto& text : untrusted) {
        INFO(text);
        CHECK_FALSE(in_parts(text, 3));
        same_as_whole(text);
    }
}

TEST_CASE("yaml parts: a part ends as it does in the whole, not as a text ends") {
    // libfyaml reads an empty block scalar at the end of its input as a NUL: a part must not.
    for (const char* text : {"a: |+\nb: 2\n", "a: >\nb: 2\n", "a:\n  - |\nb: 2\n"}) {
        INFO(text);
        CHECK(in_parts(text, 2));
        same_as_whole(text);
    }
    same_as_whole("? |+\n: 1\nb: 2\n");  // an explicit key: not at column 1, so read whole
    const Read s = split("a: |+\nb: 2\n", 2);
    CHECK(s.root.get("a")->text == "");
    // A byte-order mark does not hide a directive: libfyaml reads it after the mark.
    CHECK(detail::yaml_cuts("\xEF\xBB\xBF%YAML 1.1\n---\na: 1\nb: 2\n", 2).empty());
    CHECK(detail::yaml_cuts("\xEF\xBB\xBF\xEF\xBB\xBF%YAML 1.1\n---\na: 1\nb: 2\n", 2).empty());
    same_as_whole("\xEF\xBB\xBF%YAML 1.1\n---\na: 1\nb: 2\nc: \"x\xC2\x85y\"\nd: 4\n");
}

TEST_CASE("yaml reader: an empty block scalar at the end of the text is empty, not a NUL") {
    for (const char* text : {"a: |\n", "a: |+\n", "a: >\n", "a: >+\n"}) {
        INFO(text);
        const Read w = whole(text);
        REQUIRE(w.ok);
        CHECK(w.root.get("a")->text == "");
        CHECK(w.root.get("a")->kind == Node::Kind::string);
    }
}

TEST_CASE("yaml parts: the root's key limit counts the keys of every part") {
    LoadLimits limits;
    limits.max_keys_per_mapping = 3;
    Node root;
    std::vector<Diagnostic> out;
    CHECK_FALSE(detail::parse_yaml_in_parts("a: 1\nb: 2\nc: 3\nd: 4\n", 0, "t.yaml", root, out, limits, 2));
    CHECK(out.empty());
    CHECK(detail::parse_yaml_in_parts("a: 1\nb: 2\nc: 3\n", 0, "t.yaml", root, out, limits, 2));
}

TEST_CASE("yaml parts: every example reads the same in parts and whole") {
    namespace fs = std::filesystem;
    int read = 0;
    for (const auto& e : fs::recursive_directory_iterator(std::string(E911_SOURCE_DIR) + "/examples")) {
        if (e.path().extension() != ".yaml") continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO(e.path().string());
        same_as_whole(text);
        ++read;
    }
    CHECK(read >= 5);
}
