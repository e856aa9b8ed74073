// Loads arbitrary bytes as YAML: no crash, hang, unbounded memory or invalid diagnostics JSON; and
// the text read in parts (as a large one is, on several threads) answers exactly as read whole.
#include <cstdlib>

#include "fuzz_common.hpp"
#include "load/yaml_parts.hpp"

namespace {

void parts_read_as_whole(const std::string& raw) {
    using namespace e911::detail;
    std::vector<e911::Diagnostic> ignored;
    const std::string text = sanitize_utf8(raw, "fuzz.yaml", ignored);  // what a load gives the reader
    Node whole, split;
    std::vector<e911::Diagnostic> whole_out, split_out;
    const bool whole_ok = read_yaml_part(text, 1, 0, "fuzz.yaml", whole, whole_out, e911::LoadLimits()).ok;
    const unsigned parts = 2 + static_cast<unsigned>(raw.size() % 4);  // 2 to 5: cuts at other keys
    const bool split_ok = parse_yaml(text, 0, "fuzz.yaml", split, split_out, e911::LoadLimits(), YamlSplit{0, parts});
    if (whole_ok != split_ok || !same_tree(whole, split) ||
        e911::diagnostics_to_json(whole_out) != e911::diagnostics_to_json(split_out))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = e911::load_string(fuzz::text(data, size), e911::Format::yaml, "fuzz.yaml", fuzz::sandbox());
    fuzz::must_be_json(e911::diagnostics_to_json(r.diagnostics));
    (void)e911::diagnostics_to_text(r.diagnostics, false);
    if (r.ok()) fuzz::must_be_json(e911::config_to_json(r.config, true));
    parts_read_as_whole(fuzz::text(data, size));
    return 0;
}
