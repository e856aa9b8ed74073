// Source positions, the Problem record shared by load diagnostics and lint findings, and load
// diagnostics: what every later answer points back at. Exceptions are in error.hpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace e911 {

enum class Severity : std::uint8_t { info = 0, warning = 1, error = 2 };

const char* to_string(Severity s);
// Parses "error" / "warning" / "info"; returns false on anything else.
bool parse_severity(const std::string& text, Severity& out);

// A place in a configuration file. `file` indexes Config::files; line and column are 1-based,
// 0 means "unknown" (an object built in code, not loaded).
struct SourcePos {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool known() const { return line != 0; }
};

// What every reported problem has, load diagnostic or lint finding alike: how bad, where, what,
// and how to fix it. Diagnostic and Finding (lint.hpp) extend it with what identifies them:
// a Diagnostic its `id` and document `key`, a Finding its `rule`, `target` and related objects.
// (The identity keeps its historical name in each, `id` and `rule`, so existing code compiles;
// findings_from_diagnostics() turns diagnostics into findings to report both in one list.)
struct Problem {
    Severity severity = Severity::error;
    std::string file;
    std::uint32_t line = 0;    // 1-based; 0 = unknown
    std::uint32_t column = 0;  // 1-based; 0 = unknown
    std::string message;
    std::string hint;          // how to fix it; may be empty
};

// One problem found while loading: always tied to a file, line, column and key path.
struct Diagnostic : Problem {
    std::string id;   // stable kebab-case id, e.g. "unknown-key"; documented in docs/rules/<id>.md
    std::string key;  // where in the document, e.g. "network.subnets[3].prefix"
};

bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace e911
