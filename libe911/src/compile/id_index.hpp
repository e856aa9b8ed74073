// Objects of one kind by id, for the simulator's per-call lookups (a batch finds each row's user).
// Config::find() answers the same question, but each probe compares through the object and then its
// id's heap bytes: three dependent cache misses once the users outgrow the caches. Here a slot is 16
// bytes (tag, length, where the id's bytes are, index) and the ids lie end to end in one buffer, so
// a lookup touches the slot and then the bytes. Exact, case-sensitive match; the first of repeated
// ids wins, as in Config::find().
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "e911/model.hpp"

namespace e911::detail {

class IdIndex {
public:
    // ids[i] has the index i.
    void build(const std::vector<std::string_view>& ids);
    std::uint32_t find(std::string_view id) const;  // npos when absent
    // Starts loading the slot find(id) reads first, for a lookup a little later.
    void prefetch(std::string_view id) const;
    // The index in the slot find(id) reads first when its hash matches `id`'s (npos otherwise), its
    // id's bytes prefetched: a guess made without reading those bytes, for prefetching only.
    std::uint32_t guess(std::string_view id) const;

private:
    struct Slot {
        std::uint32_t tag = 0;  // the hash's high half
        std::uint32_t index = npos;
        std::uint32_t offset = 0;  // of the id's bytes in bytes_
        std::uint32_t size = 0;
    };
    // The slot holding `id`, else the empty slot where it goes.
    std::size_t probe(std::string_view id, std::uint64_t hash) const;
    std::vector<Slot> slots_;  // a power of two, at most half full
    std::string bytes_;
};

}  // namespace e911::detail
