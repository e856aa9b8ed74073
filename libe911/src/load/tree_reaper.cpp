#include "load/tree_reaper.hpp"

#include <system_error>
#include <utility>

#include "util/platform.hpp"

namespace e911::detail {

namespace {
// Freeing while the decoders run takes a core from them, and handing pages back costs a walk of the
// allocator's lists and fresh page faults for whatever comes next: a tenth of a load at L. So lists
// wait until half a million objects (some hundreds of megabytes of tree) are queued, which happens
// only in XL-sized configurations, where it keeps the load's peak at the end of the parse.
constexpr std::size_t kBatch = std::size_t{1} << 19;
}  // namespace

TreeReaper::TreeReaper(bool threaded) {
    if (!threaded) return;
    try {
        thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
        // No thread to be had (a process or container limit): free in place, as on one core.
    }
}

TreeReaper::~TreeReaper() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void TreeReaper::give(CompactVector<Node>&& nodes) {
    CompactVector<Node> taken = std::move(nodes);
    if (!thread_.joinable()) return;  // freed here, as `taken` goes
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queued_ += taken.size();
        queue_.push_back(std::move(taken));
        wake = queued_ >= kBatch;
    }
    if (wake) wake_.notify_one();
}

void TreeReaper::finish() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        finishing_ = true;
    }
    wake_.notify_one();
}

void TreeReaper::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return closing_ || (!queue_.empty() && (finishing_ || queued_ >= kBatch)); });
        if (queue_.empty()) return;  // closing, and all freed
        std::vector<CompactVector<Node>> batch = std::move(queue_);
        queue_.clear();
        const bool big = queued_ >= kBatch;
        queued_ = 0;
        lock.unlock();
        batch.clear();
        if (big) platform::return_freed_memory();
        lock.lock();
    }
}

}  // namespace e911::detail
