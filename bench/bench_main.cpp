// Benchmarks per synthetic size (bench/gen): load YAML, load JSON, lint, one simulation, batch
// simulation, matrix. Sizes are found as DIR/{S,M,L,XL}.json; DIR is $E911_BENCH_DIR or bench/out.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <e911/e911.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Loaded {
    e911::LoadResult result;
    std::unique_ptr<e911::Simulator> sim;
    std::vector<e911::CallRow> calls;
};

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// XL's JSON is past the default 256 MiB file limit.
e911::LoadOptions big_files() {
    e911::LoadOptions options;
    options.limits.max_file_bytes = std::uint64_t{1} << 30;
    return options;
}

// Loaded once per size and shared by the benchmarks that do not measure loading.
Loaded& loaded(const std::string& dir, const std::string& size) {
    static std::map<std::string, std::unique_ptr<Loaded>> cache;
    auto& slot = cache[size];
    if (!slot) {
        slot = std::make_unique<Loaded>();
        slot->result = e911::load_files({dir + "/" + size + ".json"}, big_files());
        slot->sim = std::make_unique<e911::Simulator>(slot->result.config);
        std::ifstream csv(dir + "/" + size + "-calls.csv");
        std::string line, header;
        std::getline(csv, header);
        while (std::getline(csv, line)) {
            std::map<std::string, std::string> f;
            std::stringstream ss(line);
            std::string cell;
            for (const char* col : {"user", "ip", "bssid", "dialed", "time"}) {
                std::getline(ss, cell, ',');
                f[col] = cell;
            }
            slot->calls.push_back(e911::call_row_from_fields(f));
        }
    }
    return *slot;
}

void register_size(const std::string& dir, const std::string& size) {
    using benchmark::State;
    benchmark::RegisterBenchmark(("load_yaml/" + size).c_str(), [=](State& st) {
        std::size_t objects = 0;
        for (auto _ : st) {
            auto r = e911::load_files({dir + "/" + size + ".yaml"}, big_files());
            objects = r.config.subnets.size();
            benchmark::DoNotOptimize(r);
        }
        if (objects == 0) st.SkipWithError("the configuration did not load");  // a failed load is not a fast one
        st.counters["peak_rss_MB"] = peak_rss_mb();
    })->Unit(benchmark::kMillisecond)->Iterations(1);
    benchmark::RegisterBenchmark(("load_json/" + size).c_str(), [=](State& st) {
        std::size_t objects = 0;
        for (auto _ : st) {
            auto r = e911::load_files({dir + "/" + size + ".json"}, big_files());
            objects = r.config.subnets.size();
            benchmark::DoNotOptimize(r);
        }
        if (objects == 0) st.SkipWithError("the configuration did not load");
        st.counters["subnets"] = static_cast<double>(objects);
        st.counters["peak_rss_MB"] = peak_rss_mb();
    })->Unit(benchmark::kMillisecond)->Iterations(1);
    benchmark::RegisterBenchmark(("lint/" + size).c_str(), [=](State& st) {
        auto& l = loaded(dir, size);
        std::size_t n = 0;
        for (auto _ : st) n = e911::lint(l.result.config).size();
        st.counters["findings"] = static_cast<double>(n);
    })->Unit(benchmark::kMillisecond)->Iterations(size == "XL" ? 1 : 3);
    benchmark::RegisterBenchmark(("simulate_one/" + size).c_str(), [=](State& st) {
        auto& l = loaded(dir, size);
        if (l.calls.empty()) return st.SkipWithError(("no call log: " + dir + "/" + size + "-calls.csv").c_str());
        e911::Caller c = l.calls.front().caller;
        for (auto _ : st) benchmark::DoNotOptimize(l.sim->simulate(c));
    })->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("simulate_batch/" + size).c_str(), [=](State& st) {
        auto& l = loaded(dir, size);
        if (l.calls.empty()) return st.SkipWithError(("no call log: " + dir + "/" + size + "-calls.csv").c_str());
        e911::Trace trace;
        for (auto _ : st) {
            e911::CallSession session(*l.sim, false);
            for (const auto& row : l.calls) {
                session.call(row, trace);
                benchmark::DoNotOptimize(trace);
            }
        }
        st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * l.calls.size()));
    })->Unit(benchmark::kMillisecond)->Iterations(1);
    benchmark::RegisterBenchmark(("matrix/" + size).c_str(), [=](State& st) {
        auto& l = loaded(dir, size);
        std::size_t n = 0;
        for (auto _ : st) n = e911::matrix(*l.sim).size();
        st.counters["rows"] = static_cast<double>(n);
    })->Unit(benchmark::kMillisecond)->Iterations(1);
}

}  // namespace

int main(int argc, char** argv) {
    const char* env = std::getenv("E911_BENCH_DIR");
    std::string dir = env ? env : "bench/out";
    bool any = false;
    for (const char* size : {"S", "M", "L", "XL"})
        if (fs::exists(dir + "/" + size + ".json")) register_size(dir, size), any = true;
    if (!any) {
        std::fprintf(stderr, "no configurations in %s: run bench/gen S (M, L, XL) first\n", dir.c_str());
        return 2;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
