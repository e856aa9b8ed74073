// Loads arbitrary bytes as JSON: no crash, hang, unbounded memory or invalid diagnostics JSON.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = e911::load_string(fuzz::text(data, size), e911::Format::json, "fuzz.json", fuzz::sandbox());
    fuzz::must_be_json(e911::diagnostics_to_json(r.diagnostics));
    if (r.ok()) fuzz::must_be_json(e911::config_to_json(r.config));
    return 0;
}
