// A parsed YAML/JSON document as a small tree where every node and key keeps its position.
// Both readers produce this, so the decoder and the schema check see one representation.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/limits.hpp"

namespace e911::detail {

struct Node {
    enum class Kind : std::uint8_t { null, boolean, integer, real, string, sequence, mapping };
    Kind kind = Kind::null;
    SourcePos pos;
    std::string text;                  // scalar text as written (booleans: "true"/"false")
    std::vector<Node> items;           // sequence items, or mapping values
    std::vector<std::string> keys;     // mapping keys, parallel to items
    std::vector<SourcePos> key_pos;

    bool is_scalar() const { return kind != Kind::sequence && kind != Kind::mapping; }
    const Node* get(const std::string& key) const;
    const char* kind_name() const;
};

const char* kind_name(Node::Kind k);

// Reading diagnostics are appended to `out` with `file_name` and key paths filled in.
// `file_index` is stamped into every SourcePos. Returns false when nothing usable was read.
bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits = LoadLimits());
bool parse_json(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits = LoadLimits());

// Replaces invalid UTF-8 sequences and NUL bytes with U+FFFD, reporting each (first few) with its
// position: YAML forbids NUL, and a NUL would silently cut a value short in other tools.
std::string sanitize_utf8(const std::string& text, const std::string& file_name, std::vector<Diagnostic>& out);

}  // namespace e911::detail
