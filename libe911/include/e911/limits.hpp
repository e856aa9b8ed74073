// Every bound libe911 puts on its input, in one place. docs/security.md explains each one.
// The loader's bounds (LoadLimits) can be raised per load (LoadOptions, `e911 --max-file-size`,
// Python keyword arguments); the others are fixed because no real configuration or call log
// comes near them, and each keeps one hostile input from costing minutes or gigabytes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace e911 {

struct LoadLimits {
    // A configuration, an included file or a baseline larger than this is refused unread.
    std::uint64_t max_file_bytes = std::uint64_t{256} << 20;  // 256 MiB
    // Files one load reads, the root files and every include (each file is read once per load).
    std::uint32_t max_files = 10000;
    // include: chains (a includes b includes c ...) deeper than this are refused.
    std::uint32_t max_include_depth = 64;
    // Keys of one mapping. The format's mappings hold a few dozen keys; its big collections are lists.
    std::uint32_t max_keys_per_mapping = 10000;
    // Diagnostics kept per load; the rest are summarised as "N more not shown".
    std::uint32_t max_diagnostics = 1000;
};

namespace limits {
// Nesting of YAML/JSON mappings and lists (the format nests fewer than ten levels).
constexpr std::size_t max_nesting = 200;
// Nodes YAML aliases may expand to ("billion laughs").
constexpr std::size_t max_alias_nodes = 1'000'000;
// Characters of a dialled string (E.164 numbers have at most 15 digits; dial strings with
// prefixes, extensions and feature codes stay well under this).
constexpr std::size_t max_dial_length = 64;
// Characters of a route or dial-plan pattern (Teams itself caps a number pattern at 1000... see docs).
constexpr std::size_t max_pattern_length = 1024;
// Steps (character reads and position moves) one pattern match may take before it is abandoned
// and reported; a sane pattern on a dial string takes a few hundred.
constexpr std::uint64_t max_match_steps = 5'000'000;
// Call logs (CSV / JSON Lines): one cell, one row (a quoted field may span lines up to this).
constexpr std::size_t max_field_bytes = 64 * 1024;
constexpr std::size_t max_row_bytes = 1024 * 1024;
// Memory the per-thread answer cache of route and dial-plan matches may hold, in bytes.
constexpr std::size_t max_cache_bytes = 64u * 1024 * 1024;
}  // namespace limits

}  // namespace e911
