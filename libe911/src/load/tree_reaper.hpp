// Frees the parts of a positioned tree that decoding is done with, on a thread of its own.
//
// At XL the tree (1.3 GB) and the model built from it (1.2 GB) would both be in memory at the end of
// decoding. Each list of objects is handed over here once decoded; in a large configuration the
// lists are freed while the decoders go on, and the pages handed back to the system, because the
// decoding threads allocate from allocator arenas of their own and could not reuse them. In a
// smaller one everything waits for finish() and is freed while the indexes are built. (Freeing on
// the decoding threads themselves cost a quarter of a load at L: they contend for one arena.)
//   TreeReaper reaper(true);  decode(root, cfg, out, reaper);  reaper.finish();  build_indexes();
// (decode_and_index() in decode.hpp runs exactly that.)
#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "load/document.hpp"

namespace e911::detail {

class TreeReaper {
public:
    // Without a thread (one core), give() frees in place.
    explicit TreeReaper(bool threaded);
    TreeReaper(const TreeReaper&) = delete;
    TreeReaper& operator=(const TreeReaper&) = delete;
    ~TreeReaper();  // frees what is still queued, then joins

    void give(CompactVector<Node>&& nodes);
    // Decoding is over: free everything queued now, while the caller goes on.
    void finish();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<CompactVector<Node>> queue_;
    std::size_t queued_ = 0;  // objects in `queue_`
    bool finishing_ = false;
    bool closing_ = false;
    std::thread thread_;
};

}  // namespace e911::detail
