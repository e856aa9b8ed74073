// Loads arbitrary bytes as YAML: no crash, hang, unbounded memory or invalid diagnostics JSON.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = e911::load_string(fuzz::text(data, size), e911::Format::yaml, "fuzz.yaml", fuzz::sandbox());
    fuzz::must_be_json(e911::diagnostics_to_json(r.diagnostics));
    (void)e911::diagnostics_to_text(r.diagnostics, false);
    if (r.ok()) fuzz::must_be_json(e911::config_to_json(r.config, true));
    return 0;
}
