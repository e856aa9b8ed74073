// The rules' findings joined into one list in the report's order: by file, line, column, rule and
// target, then as they were made. The order is worked out on each finding's place (12 bytes, kept
// when it was made), not on the findings: at hundreds of thousands of findings, reading their file
// names to sort them, then moving each twice (once to join, once to order), missed the caches at
// every step. Now each finding moves once, from its rule's block straight to its place.
#include <algorithm>
#include <string_view>

#include "lint/passes.hpp"
#include "util/platform.hpp"

namespace e911::detail {
namespace {

// Each file index's rank among the configuration's file names (an index past the end is the file
// "", as Config::file_of() says), so that places compare as their file names would.
std::vector<std::uint32_t> file_ranks(const Config& cfg) {
    std::vector<std::string_view> names(cfg.files.begin(), cfg.files.end());
    names.emplace_back();  // no file
    std::vector<std::string_view> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<std::uint32_t> rank(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        rank[i] = static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), names[i]) - sorted.begin());
    return rank;
}

// The findings not yet joined: each one's place, under `seq`, its index in the rules' order; and
// the blocks holding them, each with the seq of its first finding and how many are still in it.
class Pending {
public:
    Pending(const Config& cfg, std::vector<FindingBlocks>& found) {
        const auto rank = file_ranks(cfg);
        const auto none = static_cast<std::uint32_t>(cfg.files.size());
        for (auto& rule : found) {
            runs_.push_back(rule.size());
            for (const FindingPlace& p : rule.places())
                slots_.push_back({rank[std::min(p.file, none)], p.line, p.column, static_cast<std::uint32_t>(slots_.size())});
            for (auto& b : rule.blocks()) {
                first_.push_back(blocks_.empty() ? 0 : first_.back() + static_cast<std::uint32_t>(blocks_.back()->size()));
                blocks_.push_back(&b);
                left_.push_back(static_cast<std::uint32_t>(b.size()));
            }
        }
    }

    // Most rules make their findings in file order already: each rule's run is sorted only when it
    // is not, then merged into the runs before it.
    void order() {
        auto before = [this](const Slot& a, const Slot& b) { return this->before(a, b); };
        auto end = slots_.begin();
        for (std::size_t n : runs_) {
            const auto run = end;
            end += static_cast<std::ptrdiff_t>(n);
            if (!std::is_sorted(run, end, before)) std::sort(run, end, before);
            std::inplace_merge(slots_.begin(), run, end, before);
        }
    }

    // Moves every finding to `out` in order, freeing each block as soon as it is empty: a second
    // list of every finding would cost a large tenant's lint a fifth of a gigabyte at its peak.
    // `hand_back`: the freed blocks are handed back to the system every so often.
    void move_to(std::vector<Finding>& out, bool hand_back) {
        constexpr std::size_t kHandBackEvery = 131072;  // findings whose blocks were freed (48 MB)
        std::size_t freed = 0, b = 0;
        out.reserve(out.size() + slots_.size());
        for (const Slot& s : slots_) {
            if (s.seq < first_[b] || s.seq - first_[b] >= blocks_[b]->size()) b = block_of(s.seq);  // mostly the same block
            out.push_back(std::move((*blocks_[b])[s.seq - first_[b]]));
            if (--left_[b]) continue;
            freed += blocks_[b]->size();
            std::vector<Finding>().swap(*blocks_[b]);
            if (hand_back && freed >= kHandBackEvery) platform::return_freed_memory(), freed = 0;
        }
    }

private:
    struct Slot {
        std::uint32_t file, line, column, seq;
    };
    std::size_t block_of(std::uint32_t seq) const {
        return static_cast<std::size_t>(std::upper_bound(first_.begin(), first_.end(), seq) - first_.begin() - 1);
    }
    const Finding& at(std::uint32_t seq) const {
        const std::size_t b = block_of(seq);
        return (*blocks_[b])[seq - first_[b]];
    }
    // The report's order; rule and target are read only for findings at the same place.
    bool before(const Slot& a, const Slot& b) const {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        if (a.column != b.column) return a.column < b.column;
        const Finding &fa = at(a.seq), &fb = at(b.seq);
        if (int c = fa.rule.compare(fb.rule)) return c < 0;
        if (int c = fa.target.compare(fb.target)) return c < 0;
        return a.seq < b.seq;
    }

    std::vector<Slot> slots_;
    std::vector<std::size_t> runs_;  // each rule's number of findings, in order
    std::vector<std::vector<Finding>*> blocks_;
    std::vector<std::uint32_t> first_, left_;
};

}  // namespace

std::vector<Finding> join_in_file_order(const Config& cfg, std::vector<FindingBlocks>& found, bool hand_back) {
    // What the rules freed on the workers' threads stays in those threads' allocator heaps, where
    // this thread cannot reuse it: hundreds of megabytes at a million objects, handed back before
    // the join, and so are the emptied blocks as the findings move.
    if (hand_back) platform::return_freed_memory();
    std::vector<Finding> out;
    {
        Pending pending(cfg, found);
        pending.order();
        pending.move_to(out, hand_back);
    }
    found.clear();
    return out;
}

}  // namespace e911::detail
