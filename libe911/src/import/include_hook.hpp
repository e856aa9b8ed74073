// What the loader calls for `include:` of an export and for top-level `overrides:`. Kept to two
// functions so the loader only has to ask "is this an export?" and hand over the tree.
#pragma once
#include <string>
#include <vector>

#include "e911/model.hpp"
#include "load/document.hpp"

namespace e911::detail::imp {

// A folder, a ZIP archive, or a file that is a PowerShell export rather than a configuration.
// `strict` (a root file rather than an include): a JSON object is always a configuration.
bool is_export(const std::string& path, bool strict = false);
// Imports the export at `path` into `root` (a configuration document); positions point into the
// export's files, which are added to cfg.files. Import notes become diagnostics in `out`.
bool export_document(const std::string& path, Config& cfg, Node& root, std::vector<Diagnostic>& out);
// Applies and removes the top-level `overrides:` list: each {target: kind/id, set: {...}} sets
// fields of one object; a target that does not exist is an error.
void apply_overrides(Node& root, Config& cfg, std::vector<Diagnostic>& out);

}  // namespace e911::detail::imp
