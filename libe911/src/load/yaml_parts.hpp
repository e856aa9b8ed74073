// A large YAML document read on several threads, in parts cut at its top-level keys.
//
// libfyaml reads one text on one thread, and its parse is most of a YAML load. A configuration's
// top level is a mapping whose keys start lines at column 0 (`sites:`, `subnets:`), and the text
// from one such line to the next is a document of its own: `subnets:` and what follows it read the
// same alone as inside the whole. parse_yaml() therefore cuts a large text before a few of those
// lines, reads the parts at once and joins their keys in order, with every position counted from
// the start of the file.
//
// The cut is trusted only when every part reads cleanly as a block mapping whose keys are at
// column 1, so that the whole's root would continue where the next part starts: no error in any
// part (an unclosed quote or bracket cut in two, a second document, a tag handle declared in another
// part), no alias (an anchor is the whole document's), no key in two parts, lines counted alike at
// each seam, no `...` line (what follows a document end is another document). Otherwise the whole
// text is read again in one piece, so the tree and its diagnostics never depend on where, or
// whether, the text was cut.
//
//   YamlSplit split;                  // one part per core, for texts of 1 MB or more
//   parse_yaml(text, 0, "big.yaml", root, diagnostics, LoadLimits(), split);
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/document.hpp"

namespace e911::detail {

struct YamlSplit {
    std::size_t min_bytes = std::size_t{1} << 20;  // smaller texts are read in one piece
    unsigned parts = 0;                             // 0: one per core
};

// parse_yaml() with the split chosen (tests cut small texts to hold parts and whole equal).
bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits, const YamlSplit& split);

// The text read in up to `parts` parts on as many threads, into `root` and `out`; false, with
// nothing added to either, when it has no cut or a part cannot be trusted (parse_yaml then reads it whole).
bool parse_yaml_in_parts(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                         std::vector<Diagnostic>& out, const LoadLimits& limits, unsigned parts);

// Where a text may be cut into `parts`: the offsets of lines starting a top-level key (and their
// line numbers), none when it has no such line past the first, has a `...` document end or a
// directive (`%YAML`, `%TAG`), or may hold an alias.
struct YamlCut {
    std::size_t offset;
    std::uint32_t line;  // 1-based
};
std::vector<YamlCut> yaml_cuts(std::string_view text, unsigned parts);

// One piece of YAML text, read on the calling thread: the whole text, or a part starting on line
// `first_line` of its file.
struct YamlPartRead {
    bool ok = false;                  // a root was read
    bool used_aliases = false;        // an alias was met (the part cannot be trusted alone)
    std::uint32_t end_line = 0;       // the line libfyaml counted to at the part's end
    bool block_mapping_root = false;  // the root is a block mapping (not `{...}`)
};
YamlPartRead read_yaml_part(std::string_view text, std::uint32_t first_line, std::uint32_t file_index,
                            const std::string& file_name, Node& root, std::vector<Diagnostic>& out, const LoadLimits& limits);

}  // namespace e911::detail
