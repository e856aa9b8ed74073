// Work split across the machine's cores, for loops whose iterations are independent: the calling
// thread is one of the workers, the call returns when all are done, and an exception thrown by any
// worker is rethrown here (the first, by worker number) instead of ending the process.
#pragma once
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace e911::detail {

// A configuration of this many objects or more is decoded, its tree freed, and its lint rules run
// on several threads; below it a thread costs more than it saves.
constexpr std::size_t kParallelObjects = 20000;
// From this many objects, a phase that frees its working data on worker threads hands the pages
// back to the system (platform::return_freed_memory) before the next phase allocates. Below it the
// memory is small and the allocator's walk of its free lists costs more than it returns.
constexpr std::size_t kReturnFreedObjects = 1000000;

// Workers for `items` iterations when each worker should have at least `min_items` (a thread costs
// more than a few iterations): between 1 and the number of cores.
inline unsigned workers_for(std::size_t items, std::size_t min_items) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min(cores, items / std::max<std::size_t>(min_items, 1))));
}

// Calls work(w) for every w in [0, workers), each on its own thread (w = 0 on the caller's). When no
// more threads can be had (a process or container limit, no memory for a stack), the workers not
// started run on the caller's thread after worker 0: the same work, done later, instead of a
// thread left unjoined ending the process. So a worker must never wait for another.
template <class Work>
void on_workers(unsigned workers, Work&& work) {
    std::vector<std::exception_ptr> errors(workers);
    auto run = [&](unsigned w) {
        try {
            work(w);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    unsigned started = 1;
    try {
        threads.reserve(workers);
        for (; started < workers; ++started) threads.emplace_back(run, started);
    } catch (const std::exception&) {  // std::system_error from the thread, or bad_alloc
    }
    run(0);
    for (unsigned w = started; w < workers; ++w) run(w);
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace e911::detail
