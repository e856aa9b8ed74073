// Loading a configuration: YAML or JSON, split across files with `include:`, validated against
// the JSON Schema and then semantically; every problem becomes a Diagnostic, never an exception.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/error.hpp"  // LoadError
#include "e911/limits.hpp"
#include "e911/model.hpp"
#include "e911/progress.hpp"

namespace e911 {

enum class Format { automatic, yaml, json };

struct LoadResult {
    Config config;                       // as much as could be read, references resolved
    std::vector<Diagnostic> diagnostics; // in file order
    bool ok() const { return !has_errors(diagnostics); }
    // True when a file could not be read at all (the CLI's "usage" exit code).
    bool unreadable() const;
};

struct LoadOptions {
    LoadLimits limits;
    // Includes normally stay inside the directory of the root configuration (after following
    // symbolic links), and a configuration given as text may not include absolute paths. True
    // lifts both (CLI --allow-include-outside); the other checks (regular files only, bounded
    // size, depth and count) still apply.
    bool allow_include_outside = false;
    // The decoder applies every rule of the JSON Schema (keys, types, enums, patterns, bounds,
    // required keys) in its one pass; a test keeps the two in agreement. True also validates the
    // document against the schema itself (valijson), which costs about a third of the load time;
    // CLI `validate --check-schema`.
    bool check_schema = false;
    // Called while loading: bytes read per file, then objects decoded (see e911/progress.hpp).
    ProgressFn progress;
};

// Several root files are merged as if one included the others.
LoadResult load_files(const std::vector<std::string>& paths, const LoadOptions& options = LoadOptions());
// `name` is the file name used in diagnostics; includes are resolved relative to `base_dir` and
// confined to it.
LoadResult load_string(const std::string& text, Format format, const std::string& name = "<string>",
                       const std::string& base_dir = ".", const LoadOptions& options = LoadOptions());

// The JSON Schema (draft 7) the loader validates against, as text.
const std::string& schema_text();

// Throws LoadError when any diagnostic is an error.
Config load_or_throw(const std::vector<std::string>& paths);

}  // namespace e911
