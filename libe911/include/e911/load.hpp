// Loading a configuration: YAML or JSON, split across files with `include:`, validated against
// the JSON Schema and then semantically; every problem becomes a Diagnostic, never an exception.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/error.hpp"  // LoadError
#include "e911/model.hpp"

namespace e911 {

enum class Format { automatic, yaml, json };

struct LoadResult {
    Config config;                       // as much as could be read, references resolved
    std::vector<Diagnostic> diagnostics; // in file order
    bool ok() const { return !has_errors(diagnostics); }
    // True when a file could not be read at all (the CLI's "usage" exit code).
    bool unreadable() const;
};

// Several root files are merged as if one included the others.
LoadResult load_files(const std::vector<std::string>& paths);
// `name` is the file name used in diagnostics; includes are resolved relative to `base_dir`.
LoadResult load_string(const std::string& text, Format format, const std::string& name = "<string>",
                       const std::string& base_dir = ".");

// The JSON Schema (draft 7) the loader validates against, as text.
const std::string& schema_text();

// Throws LoadError when any diagnostic is an error.
Config load_or_throw(const std::vector<std::string>& paths);

}  // namespace e911
