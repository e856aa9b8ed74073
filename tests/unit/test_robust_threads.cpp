// With no thread to be had (a process or container limit, no memory for a stack), work spread
// over the cores runs on the calling thread: the same answers, never a thread left unjoined
// ending the process. The limit is an address-space limit set in a fresh copy of this program
// (a process that has never made a thread, so none of its stacks can be reused), tight enough that
// no thread stack fits; that copy runs the hidden case below and reports by its exit code.
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include "helpers.hpp"
#include "util/parallel.hpp"

using namespace e911;

#if defined(__SANITIZE_ADDRESS__)
#define E911_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define E911_UNDER_ASAN 1
#endif
#endif

namespace {

constexpr const char* kChildFlag = "E911_NO_THREADS_CHILD";

std::string campus_calls() {
    std::string log;
    const char* ips[] = {"10.10.1.5/24", "10.10.2.9/24", "10.20.3.4/20", "192.0.2.1"};
    for (int i = 0; i < 500; ++i)
        log += std::string(R"({"dialed":")") + (i % 3 ? "911" : "933") + R"(","ip":")" + ips[i % 4] + "\"}\n";
    return log;
}

std::string batch(const Simulator& sim, const std::string& log, unsigned jobs) {
    std::istringstream in(log);
    std::ostringstream out;
    BatchOptions o;
    o.jobs = jobs;
    o.trace = false;  // small rows: the whole output fits under the limit
    simulate_batch(sim, in, out, BatchOutput::json, o);
    return out.str();
}

// This process's address space now, from /proc: the limit is set a few MB above it.
std::size_t address_space_bytes() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmSize:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
    return 0;
}

}  // namespace

TEST_CASE("robust: no thread to be had (run in a copy of this program)", "[.][no-threads-child]") {
    if (!std::getenv(kChildFlag)) return;
    // First, before anything here makes a thread (loading does, to free its tree): a thread's stack
    // is 8 MB by default, and 6 MB above what the process has leaves room for none.
    pthread_attr_t defaults;
    std::size_t stack = 0;
    if (pthread_getattr_default_np(&defaults) == 0) {
        pthread_attr_getstacksize(&defaults, &stack);
        pthread_attr_destroy(&defaults);
    }
    if (stack < (std::size_t{7} << 20)) {
        SUCCEED("thread stacks here are " << stack << " bytes: too small to be kept out by this limit");
        return;
    }
    const std::size_t now = address_space_bytes();
    REQUIRE(now > 0);
    const rlimit limit{now + (std::size_t{6} << 20), now + (std::size_t{6} << 20)};
    REQUIRE(setrlimit(RLIMIT_AS, &limit) == 0);
    bool refused = false;
    try {
        std::thread([] {}).join();
    } catch (const std::system_error&) {
        refused = true;
    }
    REQUIRE(refused);  // else this proves nothing
    const LoadResult loaded = load_files({E911_SOURCE_DIR "/examples/campus.yaml"});
    REQUIRE(loaded.ok());
    const Simulator sim(loaded.config);
    const std::string log = campus_calls();
    std::array<int, 4> ran{};
    detail::on_workers(4, [&](unsigned w) { ++ran[w]; });
    CHECK(ran == std::array<int, 4>{1, 1, 1, 1});
    CHECK(batch(sim, log, 2) == batch(sim, log, 1));
}

TEST_CASE("robust: with no thread to be had, parallel work and --jobs run on the calling thread") {
#ifdef E911_UNDER_ASAN
    SUCCEED("ASan reserves terabytes of address space: an address-space limit cannot be set under it");
#else
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    REQUIRE(n > 0);
    self[n] = '\0';
    const std::string command = std::string(kChildFlag) + "=1 '" + self + "' '[no-threads-child]' 2>&1";
    FILE* child = popen(command.c_str(), "r");
    REQUIRE(child);
    std::string output;
    char buffer[4096];
    for (std::size_t got; (got = fread(buffer, 1, sizeof buffer, child)) > 0;) output.append(buffer, got);
    const int status = pclose(child);
    INFO(output);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(output.find("All tests passed") != std::string::npos);
#endif
}
