// The work splitter behind the parallel lint passes: every worker runs once, and a worker's
// exception reaches the caller instead of ending the process.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "util/parallel.hpp"

using e911::detail::on_workers;
using e911::detail::workers_for;

TEST_CASE("on_workers runs each worker once and rethrows a worker's exception") {
    std::vector<std::atomic<int>> runs(4);
    on_workers(4, [&](unsigned w) { ++runs[w]; });
    for (auto& r : runs) CHECK(r == 1);
    std::atomic<int> finished{0};
    CHECK_THROWS_WITH(on_workers(3, [&](unsigned w) {
                          if (w == 2) throw std::runtime_error("worker 2 failed");
                          ++finished;
                      }),
                      "worker 2 failed");
    CHECK(finished == 2);  // the others still ran to the end before the rethrow
}

TEST_CASE("workers_for gives one worker to small loops and at most one per core") {
    CHECK(workers_for(0, 100) == 1);
    CHECK(workers_for(99, 100) == 1);
    CHECK(workers_for(1'000'000, 100) >= 1);
    CHECK(workers_for(1'000'000, 100) <= std::max(1u, std::thread::hardware_concurrency()));
    CHECK(workers_for(10, 0) >= 1);  // no division by zero
}
