// The model written back in the configuration format (v1): canonical JSON. Used for the Python
// module's read-only model access (with positions) and for converting YAML to JSON.
#pragma once
#include <string>

#include "e911/model.hpp"

namespace e911 {

// With `positions`, every object also carries "file", "line" and "column" of where it was written.
std::string config_to_json(const Config& config, bool positions = false, int indent = 2);

}  // namespace e911
