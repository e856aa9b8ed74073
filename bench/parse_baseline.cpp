// The floor a JSON load is measured against: a bare simdjson DOM parse of the file (no positions, no
// tree of our own), next to e911's parse into the positioned tree and its whole load. Medians of N runs.
//   e911_parse_baseline FILE.json [RUNS]
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <e911/e911.hpp>
#include <e911/files.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "load/document.hpp"

namespace {

struct Timing {
    double median, min, max, cpu;  // wall seconds; cpu: median CPU seconds (the neighbours on a shared machine do not count)
};

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// `after` runs outside the timing (freeing what the work built).
Timing time_runs(int runs, const std::function<void()>& work, const std::function<void()>& after = [] {}) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        double c0 = cpu_now();
        work();
        cpu.push_back(cpu_now() - c0);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        after();
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], wall.front(), wall.back(), cpu[cpu.size() / 2]};
}

void print(const char* what, const Timing& t, const Timing& floor) {
    std::printf("%-30s wall %8.1f ms [%.1f-%.1f] %5.1fx  cpu %8.1f ms %5.1fx\n", what, t.median * 1e3, t.min * 1e3, t.max * 1e3,
                t.median / floor.median, t.cpu * 1e3, t.cpu / floor.cpu);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: e911_parse_baseline FILE.json [RUNS]\n");
        return 2;
    }
    std::string path = argv[1];
    int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    std::string text = e911::read_file(path, std::uint64_t{1} << 32);
    simdjson::dom::parser parser;
    Timing bare = time_runs(runs, [&] {
        simdjson::padded_string padded(text);  // a load gets a std::string too: the copy is part of it
        simdjson::dom::element doc;
        if (parser.parse(padded).get(doc)) std::fprintf(stderr, "simdjson: %s is not valid JSON\n", path.c_str());
    });
    // The parse phase of a load: from the text as sanitize_utf8 hands it over (with room for
    // simdjson's padding) to the tree; freeing the tree is not part of it.
    std::string clean;
    clean.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    clean.assign(text);
    std::unique_ptr<e911::detail::Node> root;
    Timing tree = time_runs(
        runs,
        [&] {
            root = std::make_unique<e911::detail::Node>();
            std::vector<e911::Diagnostic> out;
            e911::detail::parse_json(clean, 0, path, *root, out);
        },
        [&] { root.reset(); });
    Timing load = time_runs(runs, [&] { e911::load_files({path}); });
    std::printf("%s: %.1f MB, %d runs, median [min-max], x bare simdjson\n", path.c_str(), static_cast<double>(text.size()) / 1e6, runs);
    print("bare simdjson DOM parse", bare, bare);
    print("e911 JSON -> positioned tree", tree, bare);
    print("e911 load (load_files)", load, bare);
    return 0;
}
