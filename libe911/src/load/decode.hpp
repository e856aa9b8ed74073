// Node tree -> model, with a diagnostic for every key that is unknown, mistyped, missing or malformed.
#pragma once
#include <cstddef>
#include <vector>

#include "load/document.hpp"
#include "load/tree_reaper.hpp"
#include "e911/model.hpp"
#include "e911/progress.hpp"
#include "util/parallel.hpp"  // kParallelObjects

namespace e911::detail {

// `progress` hears the count of objects decoded, every few thousand. The tree is consumed: each
// list of objects goes to `reaper` once decoded, so the whole tree and the whole model are never
// in memory together.
void decode(Node& root, Config& cfg, std::vector<Diagnostic>& out, TreeReaper& reaper, const ProgressFn& progress = {});
// After indexes are built: duplicate ids and dangling references.
void check_references(Config& cfg, const std::vector<std::pair<Kind, std::uint32_t>>& duplicates, std::vector<Diagnostic>& out);
// The three in order, as every loader runs them: decode() with a reaper whose thread frees the
// tree while decoding and the index build go on, build_indexes(), check_references().
void decode_and_index(Node& root, Config& cfg, std::vector<Diagnostic>& out, const ProgressFn& progress = {});

}  // namespace e911::detail
