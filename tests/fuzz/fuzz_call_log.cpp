// Call logs (CSV / JSON Lines, any encoding) through simulate_batch against a fixed
// configuration: every output line is valid JSON and every input row gets an output row.
#include <sstream>

#include "fuzz_common.hpp"

namespace {
const e911::Simulator& simulator() {
    static const e911::Config cfg = e911::load_or_throw({std::string(E911_SOURCE_DIR "/examples/campus.yaml")});
    static const e911::Simulator sim(cfg);
    return sim;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (auto format : {e911::BatchOutput::json, e911::BatchOutput::csv}) {
        std::istringstream in(fuzz::text(data, size));
        std::ostringstream out;
        auto stats = e911::simulate_batch(simulator(), in, out, format, true);
        std::istringstream lines(out.str());
        long long n = 0;
        for (std::string line; std::getline(lines, line); ++n)
            if (format == e911::BatchOutput::json) fuzz::must_be_json(line);
        if (format == e911::BatchOutput::json && n != stats.rows) std::abort();  // a row went missing
    }
    return 0;
}
