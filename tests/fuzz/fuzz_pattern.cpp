// Route and dial-plan patterns: pattern, input and translation from the fuzzer (split at the
// first two NUL bytes). Compiling, searching and replacing must stay within the cost bounds.
#include <ctime>

#include "compile/compiled.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string all = fuzz::text(data, size);
    auto a = all.find('\0');
    std::string pattern = all.substr(0, a);
    std::string input = a == std::string::npos ? "911" : all.substr(a + 1);
    auto b = input.find('\0');
    std::string translation = b == std::string::npos ? "+1$1" : input.substr(b + 1);
    if (b != std::string::npos) input.resize(b);
    if (input.size() > e911::limits::max_dial_length) input.resize(e911::limits::max_dial_length);
    e911::detail::Pattern p(pattern);
    std::clock_t start = std::clock();
    auto m = p.search(input);
    std::string err;
    auto out = p.replace(input, translation, &err);
    if (m.matched && p.ok() && !out && err.empty()) std::abort();  // a match must replace or say why
    // The step bound keeps one search well under a second even in a sanitizer build. CPU time, not
    // wall time: on a loaded machine a 0.6 s search took 6 s of wall time and was reported as a crash.
    if (std::clock() - start > 5 * CLOCKS_PER_SEC) std::abort();
    return 0;
}
