// A parsed YAML/JSON document as a small tree where every node and key keeps its position.
// Both readers produce this, so the decoder and the schema check see one representation.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/limits.hpp"
#include "util/compact_string.hpp"
#include "util/compact_vector.hpp"

namespace e911::detail {

struct Node {
    enum class Kind : std::uint8_t { null, boolean, integer, real, string, sequence, mapping };
    Kind kind = Kind::null;
    SourcePos pos;
    SourcePos key_pos;                 // a mapping's value: where its key is
    // Strings and the list in 16 bytes each (std::string takes 32, std::vector 24): at XL the tree
    // is 16 million nodes, and a node is 80 bytes instead of 120.
    CompactString text;                // scalar text as written (booleans: "true"/"false")
    CompactString key;                 // a mapping's value: its key (empty elsewhere)
    // Sequence items, or mapping values in document order, each carrying its key: one list per
    // node, so building a mapping allocates once (a tree of millions of nodes is most of a load).
    CompactVector<Node> items;

    bool is_scalar() const { return kind != Kind::sequence && kind != Kind::mapping; }
    const Node* get(std::string_view key) const;
    Node* get(std::string_view key);
    // Appends a mapping entry (no duplicate check: the readers do that) and returns the value.
    Node& add(std::string_view key, const SourcePos& key_pos, Node value);
    const char* kind_name() const;
};

const char* kind_name(Node::Kind k);

// Two trees with the same kinds, texts, keys and positions, node for node (readers compared in tests).
bool same_tree(const Node& a, const Node& b);

// Reading diagnostics are appended to `out` with `file_name` and key paths filled in.
// `file_index` is stamped into every SourcePos. Returns false when nothing usable was read.
bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits = LoadLimits());
bool parse_json(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits = LoadLimits());

// Replaces invalid UTF-8 sequences and NUL bytes with U+FFFD, reporting each (first few) with its
// position: YAML forbids NUL, and a NUL would silently cut a value short in other tools. A clean
// text is returned as it came when it already has room for simdjson's padding (as read_file leaves).
std::string sanitize_utf8(std::string text, const std::string& file_name, std::vector<Diagnostic>& out);

}  // namespace e911::detail
