// The floor a JSON load is measured against: a bare simdjson DOM parse of the file (no positions, no
// tree of our own), next to e911's parse into the positioned tree and its whole load. Medians of N runs.
//   e911_parse_baseline FILE.json [RUNS]
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <e911/e911.hpp>
#include <e911/files.hpp>
#include <functional>
#include <string>
#include <vector>

#include "load/document.hpp"

namespace {

struct Timing {
    double median, min, max;
};

Timing time_runs(int runs, const std::function<void()>& work) {
    std::vector<double> s;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        work();
        s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(s.begin(), s.end());
    return {s[s.size() / 2], s.front(), s.back()};
}

void print(const char* what, const Timing& t, const Timing& floor) {
    std::printf("%-34s %8.1f ms  [%.1f-%.1f]  %5.2fx\n", what, t.median * 1e3, t.min * 1e3, t.max * 1e3, t.median / floor.median);
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
    Timing tree = time_runs(runs, [&] {
        e911::detail::Node root;
        std::vector<e911::Diagnostic> out;
        e911::detail::parse_json(text, 0, path, root, out);
    });
    Timing load = time_runs(runs, [&] { e911::load_files({path}); });
    std::printf("%s: %.1f MB, %d runs, median [min-max], x bare simdjson\n", path.c_str(), text.size() / 1e6, runs);
    print("bare simdjson DOM parse", bare, bare);
    print("e911 JSON -> positioned tree", tree, bare);
    print("e911 load (load_files)", load, bare);
    return 0;
}
