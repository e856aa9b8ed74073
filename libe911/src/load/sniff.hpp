// Reading a file's top-level keys without parsing it, for telling configurations from other files.
#pragma once
#include <istream>
#include <string>
#include <vector>

namespace e911::detail {

// The top-level mapping keys of a YAML or JSON text, in order, by a scan that tolerates syntax errors
// elsewhere: JSON (first significant character `{`) by tracking depth and strings; YAML by the keys
// that start in column 0 (block scalars and continuations are indented, so they never do).
std::vector<std::string> top_level_keys(const std::string& text);
std::vector<std::string> top_level_keys(std::istream& in);  // reads `in` to the end, in constant memory

}  // namespace e911::detail
