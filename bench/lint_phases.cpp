// Where a lint's time goes, one part at a time and on one thread: building the compiled indexes,
// the matrix cells the PSAP rules share, each rule's check, and the whole lint as `e911 lint` runs
// it (every core). Run it on two sizes to see which part grows faster than the configuration.
//   e911_lint_phases FILE.json [RUNS [RULE...]]   (medians of RUNS, default 3; milliseconds)
// Naming rules times only those (and the parts they need), for profiling one rule.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <e911/e911.hpp>
#include <functional>
#include <string>
#include <vector>

#include "lint/rule.hpp"

namespace {

double median_ms(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// The whole lint as `e911 lint` runs it, and freeing its findings (the caller's part, in the time).
void whole_lint(const e911::Config& cfg, int runs) {
    std::size_t findings = 0;
    double freeing = 0;
    const double whole = median_ms(runs, [&] {
        auto result = e911::lint(cfg);
        findings = result.size();
        freeing = median_ms(1, [&] { std::vector<e911::Finding>().swap(result); });
    });
    std::printf("%-34s %10.1f ms  %zu findings (freeing them: %.1f ms)\n", "lint (all rules, every core)", whole, findings,
                freeing);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: e911_lint_phases FILE.json [RUNS [RULE...]]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const std::vector<std::string> only(argv + std::min(argc, 3), argv + argc);
    e911::LoadOptions options;
    options.limits.max_file_bytes = std::uint64_t{1} << 30;  // XL's JSON is past the default limit
    auto loaded = e911::load_files({argv[1]}, options);
    if (loaded.config.subnets.empty()) {
        std::fprintf(stderr, "%s did not load\n", argv[1]);
        return 1;
    }
    const e911::Config& cfg = loaded.config;
    namespace d = e911::detail;

    if (only.empty()) whole_lint(cfg, runs);
    std::printf("%-34s %10.1f ms\n", "compiled indexes",
                median_ms(runs, [&] { d::Compiled c(cfg, /*place_callers=*/false); }));

    d::Compiled compiled(cfg, false);
    double shared = median_ms(runs, [&] {
        d::LintContext ctx(cfg, compiled);
        ctx.psap_problem_cells();
        ctx.subnets_in_address_order();
    });
    std::printf("%-34s %10.1f ms\n", "shared (PSAP cells, subnet order)", shared);

    d::LintContext ctx(cfg, compiled);  // the shared parts computed once, outside the rules' times
    ctx.psap_problem_cells();
    ctx.subnets_in_address_order();
    double sum = 0;
    for (const auto* rule : d::registry()) {
        if (!rule->check || (!only.empty() && std::find(only.begin(), only.end(), rule->id) == only.end())) continue;
        std::size_t n = 0;
        double ms = median_ms(runs, [&] {
            d::FindingBlocks out;
            d::Emit emit(cfg, out, rule->id, rule->severity);
            rule->check(ctx, emit);
            n = out.size();
        });
        sum += ms;
        std::printf("  %-32s %10.1f ms  %zu findings\n", rule->id, ms, n);
    }
    std::printf("%-34s %10.1f ms\n", "rules (sum, one thread)", sum);
    return 0;
}
