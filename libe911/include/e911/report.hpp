// Rendering answers for people and machines. Every front end (CLI, Python) uses these, so
// the same question gets the same text and the same JSON everywhere.
#pragma once
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"

namespace e911 {

// "file:line:col: severity [id] message" plus an indented hint line; ANSI colour when asked.
std::string diagnostics_to_text(const std::vector<Diagnostic>& diagnostics, bool color);
// {"diagnostics": [...], "summary": {"errors": n, "warnings": n, "infos": n}}
std::string diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, int indent = 2);

}  // namespace e911
