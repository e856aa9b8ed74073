// Cutting a large YAML text at its top-level keys and joining what its parts read (yaml_parts.hpp).
#include "load/yaml_parts.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <unordered_set>

#include "util/parallel.hpp"

namespace e911::detail {

namespace {

// Each part is at least this long: below it a thread costs more than the part's parse.
constexpr std::size_t kMinPartBytes = std::size_t{256} << 10;

bool is_key_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_key_char(char c) { return is_key_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// `name:` at column 0, then a space, a tab, a line end or the end of the text: a top-level key
// written plainly. Anything else at column 0 (a quoted or explicit key, `- `, a comment) is no cut.
bool starts_top_level_key(std::string_view text, std::size_t at) {
    if (at >= text.size() || !is_key_start(text[at])) return false;
    std::size_t i = at + 1;
    while (i < text.size() && is_key_char(text[i])) ++i;
    if (i >= text.size() || text[i] != ':') return false;
    return i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t' || text[i + 1] == '\r' || text[i + 1] == '\n';
}

// `...` alone at column 0 ends the document: whatever follows is another one.
bool is_document_end(std::string_view text, std::size_t at) {
    if (text.compare(at, 3, "...") != 0) return false;
    std::size_t i = at + 3;
    return i == text.size() || text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n';
}

// An alias (`*name`) makes every part after its anchor's unreadable alone, and reading the parts
// first would only add to the whole's time. A `*` that starts a token could be one; a `*` inside
// a word, a pattern (`\d*`) or a quoted string (`"*67"`) cannot.
bool may_hold_alias(std::string_view text) {
    for (std::size_t at = 0; (at = text.find('*', at)) != std::string_view::npos; ++at) {
        const char before = at == 0 ? '\n' : text[at - 1];
        const char after = at + 1 < text.size() ? text[at + 1] : ' ';
        const bool starts_token = before == ' ' || before == '\t' || before == '\n' || before == '[' || before == '{' || before == ',';
        if (starts_token && after != ' ' && after != '\t' && after != '\r' && after != '\n') return true;
    }
    return false;
}

// A part does not end where the text ends: libfyaml is laxer at the end of its input than before
// another line (`a:` then `foo` at column 0 reads at the end, and is an error before `b: 1`), and
// it reads an empty block scalar there as a NUL. So every part but the last is read with this key
// line after it, which ends it as the next part's first key would, and is dropped after.
constexpr std::string_view kSeamLine = "e911-part-seam:\n";
constexpr std::string_view kSeamKey = kSeamLine.substr(0, kSeamLine.find(':'));

struct Part {
    std::string_view text;  // what libfyaml reads: `seamed`, or (the last part) the text itself
    std::string seamed;     // the part, then kSeamLine: every part but the last
    std::uint32_t first_line = 1;
    Node root;
    std::vector<Diagnostic> out;
    YamlPartRead read;
    bool seam() const { return !seamed.empty(); }
};

// Drops the seam's key from a part's root; false when the part's last key is not it.
bool drop_seam(Part& p) {
    if (!p.seam()) return true;
    if (p.root.items.empty()) return false;
    const Node& last = p.root.items.back();
    if (last.key != kSeamKey || last.kind != Node::Kind::null) return false;
    p.root.items.erase(&p.root.items.back());
    return true;
}

// The parts' trees joined into one mapping, when each part read as the whole would have.
bool join(std::vector<Part>& parts, const LoadLimits& limits, Node& root, std::vector<Diagnostic>& out) {
    std::unordered_set<std::string_view> keys;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Part& p = parts[i];
        // Each part's root a block mapping whose keys are at column 1: what the next part starts
        // with then continues it (an indented or `{...}` root would have ended before it).
        if (!p.read.ok || p.read.used_aliases || !p.read.block_mapping_root || !drop_seam(parts[i]) ||
            p.root.items.empty() || p.root.items[0].key_pos.column != 1)
            return false;
        // Lines counted alike: the seam's line ends where the next part starts, one line on.
        if (p.seam() && p.read.end_line != parts[i + 1].first_line + 1) return false;
        for (const Diagnostic& d : p.out)
            if (d.severity == Severity::error) return false;
        for (const Node& value : p.root.items)
            if (!keys.insert(value.key.view()).second) return false;
    }
    if (keys.size() > limits.max_keys_per_mapping) return false;
    root = std::move(parts[0].root);
    root.items.reserve(keys.size());
    for (std::size_t i = 1; i < parts.size(); ++i)
        for (Node& value : parts[i].root.items) root.items.push_back(std::move(value));
    for (Part& p : parts) std::move(p.out.begin(), p.out.end(), std::back_inserter(out));
    return true;
}

}  // namespace

bool parse_yaml_in_parts(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                         std::vector<Diagnostic>& out, const LoadLimits& limits, unsigned part_count) {
    const std::vector<YamlCut> cuts = yaml_cuts(text, part_count);
    if (cuts.empty()) return false;
    std::vector<Part> parts(cuts.size() + 1);
    std::size_t from = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t to = i < cuts.size() ? cuts[i].offset : text.size();
        Part& p = parts[i];
        if (i < cuts.size()) {
            p.seamed.reserve(to - from + kSeamLine.size());
            p.seamed.append(text, from, to - from).append(kSeamLine);
            p.text = p.seamed;  // `parts` is not resized again: the view stays valid
        } else {
            p.text = std::string_view(text).substr(from);  // the last part ends where the text does
        }
        p.first_line = i == 0 ? 1 : cuts[i - 1].line;
        from = to;
    }
    on_workers(static_cast<unsigned>(parts.size()), [&](unsigned w) {
        Part& p = parts[w];
        p.read = read_yaml_part(p.text, p.first_line, file_index, file_name, p.root, p.out, limits);
    });
    return join(parts, limits, root, out);
}

std::vector<YamlCut> yaml_cuts(std::string_view text, unsigned parts) {
    if (parts < 2 || may_hold_alias(text)) return {};
    std::vector<YamlCut> keys;  // every top-level key past the first line
    std::uint32_t line = 1;
    std::size_t boms = 0;  // libfyaml skips byte-order marks before the first line's text
    while (text.compare(boms, 3, "\xEF\xBB\xBF") == 0) boms += 3;
    for (std::size_t at = 0; at < text.size();) {
        // After `...` comes another document; a directive (`%YAML 1.1`, `%TAG`) changes how the
        // parts after the first would be read.
        const std::size_t starts = at == 0 ? boms : at;
        if (starts < text.size() && (is_document_end(text, starts) || text[starts] == '%')) return {};
        if (at > 0 && starts_top_level_key(text, at)) keys.push_back({at, line});
        const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
        if (!nl) break;
        at = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
        ++line;
    }
    // For each of the parts-1 even points, the key nearest to it; never the same key twice.
    std::vector<YamlCut> cuts;
    for (unsigned k = 1; k < parts && !keys.empty(); ++k) {
        const std::size_t target = text.size() / parts * k;
        auto nearest = std::min_element(keys.begin(), keys.end(), [&](const YamlCut& a, const YamlCut& b) {
            auto distance = [&](const YamlCut& c) { return c.offset > target ? c.offset - target : target - c.offset; };
            return distance(a) < distance(b);
        });
        if (cuts.empty() || nearest->offset > cuts.back().offset) cuts.push_back(*nearest);
    }
    return cuts;
}

bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits, const YamlSplit& split) {
    if (text.size() >= split.min_bytes) {
        const unsigned parts = split.parts ? split.parts : workers_for(text.size(), kMinPartBytes);
        if (parts > 1 && parse_yaml_in_parts(text, file_index, file_name, root, out, limits, parts)) return true;
    }
    return read_yaml_part(text, 1, file_index, file_name, root, out, limits).ok;
}

bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits) {
    return parse_yaml(text, file_index, file_name, root, out, limits, YamlSplit());
}

}  // namespace e911::detail
