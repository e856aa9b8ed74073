// Progress of long work (a load, a lint run), reported to a caller-supplied function so a front end
// can show it: the library never writes to a terminal itself.
//
//   e911::LoadOptions o;
//   o.progress = [](const e911::Progress& p) { std::fprintf(stderr, "%s: %llu %s\n", p.stage, p.done, p.unit); };
//   auto r = e911::load_files({"tenant.yaml"}, o);
//
// Called on the calling thread, at most every few thousand units of work, with `done` growing within
// one stage; `total` is 0 when not known in advance. The function must not throw.
#pragma once
#include <cstdint>
#include <functional>

namespace e911 {

struct Progress {
    const char* stage = "";  // "reading", "decoding", "linting"
    const char* unit = "";   // what `done` counts: "bytes", "objects", "rules"
    std::uint64_t done = 0;
    std::uint64_t total = 0;  // 0 = unknown
};

using ProgressFn = std::function<void(const Progress&)>;

}  // namespace e911
