// JSON building blocks shared by every serialiser, so a Diagnostic or a position has one shape.
#pragma once
#include <nlohmann/json.hpp>

#include "e911/diagnostic.hpp"

namespace e911::detail {
using json = nlohmann::ordered_json;
inline json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace e911::detail
