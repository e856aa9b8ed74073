// One document through one reader (no includes, no decoding): the tree and the reader's diagnostics.
#pragma once
#include <string>
#include <vector>

#include "load/document.hpp"

namespace test {

struct Parsed {
    e911::detail::Node root;
    std::vector<e911::Diagnostic> diagnostics;
    bool ok = false;
};

inline Parsed parse_json(const std::string& text) {
    Parsed p;
    p.ok = e911::detail::parse_json(text, 0, "t.json", p.root, p.diagnostics);
    return p;
}

inline Parsed parse_yaml(const std::string& text) {
    Parsed p;
    p.ok = e911::detail::parse_yaml(text, 0, "t.yaml", p.root, p.diagnostics);
    return p;
}

// A mapping's keys in document order.
inline std::vector<std::string> keys_of(const e911::detail::Node& mapping) {
    std::vector<std::string> keys;
    for (const auto& value : mapping.items) keys.push_back(value.key.str());
    return keys;
}

}  // namespace test
