#include "compile/id_index.hpp"

#include <cstring>
#include <functional>
#include <stdexcept>

namespace e911::detail {
namespace {
std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }
}  // namespace

void IdIndex::build(const std::vector<std::string_view>& ids) {
    std::size_t size = 16, total = 0;
    while (size < 2 * ids.size()) size *= 2;
    for (auto id : ids) total += id.size();
    if (total > UINT32_MAX) throw std::length_error("IdIndex: more than 4 GiB of ids");
    slots_.assign(size, Slot{});
    bytes_.clear();
    bytes_.reserve(total);
    for (std::uint32_t i = 0; i < ids.size(); ++i) {
        const auto hash = hash_of(ids[i]);
        Slot& s = slots_[probe(ids[i], hash)];
        if (s.index != npos) continue;  // a repeated id: the first keeps it
        s = Slot{static_cast<std::uint32_t>(hash >> 32), i, static_cast<std::uint32_t>(bytes_.size()),
                 static_cast<std::uint32_t>(ids[i].size())};
        bytes_ += ids[i];
    }
}

std::size_t IdIndex::probe(std::string_view id, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (s.index == npos) return i;
        if (s.tag == tag && s.size == id.size() &&
            (id.empty() || std::memcmp(bytes_.data() + s.offset, id.data(), id.size()) == 0))
            return i;
    }
}

std::uint32_t IdIndex::find(std::string_view id) const {
    if (slots_.empty()) return npos;
    return slots_[probe(id, hash_of(id))].index;
}

void IdIndex::prefetch(std::string_view id) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash_of(id) & (slots_.size() - 1)]);
}

std::uint32_t IdIndex::guess(std::string_view id) const {
    if (slots_.empty()) return npos;
    const auto hash = hash_of(id);
    const Slot& s = slots_[hash & (slots_.size() - 1)];
    if (s.index == npos || s.tag != static_cast<std::uint32_t>(hash >> 32)) return npos;
    __builtin_prefetch(bytes_.data() + s.offset);
    return s.index;
}

}  // namespace e911::detail
