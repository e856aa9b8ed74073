// CallLookAhead (batch.hpp): the stages of simulate/prefetch.cpp run over a batch's rows. Before row
// i is simulated, row i + kStep has the contents of its lists prefetched, row i + 2 kStep what its
// objects refer to, row i + 3 kStep its objects, row i + 4 kStep its table entries and row i + 5 kStep
// its table slots: far enough apart for a stage's misses to be over when the next stage comes, near
// enough for the lines to still be in the cache when the row does (steps of 2, 4 and 8 rows measured
// the same at L).
#include <iterator>

#include "e911/batch.hpp"
#include "simulate/decisions.hpp"

namespace e911 {

struct CallLookAhead::Impl {
    static constexpr std::size_t kStep = 4;
    const detail::Compiled& c;
    bool steps;
    std::size_t count;
    std::function<CallerKeys(std::size_t)> keys_of;
    detail::LookAhead ahead[6 * kStep];  // a row's state from its first stage to its last

    detail::LookAhead& of(std::size_t row) { return ahead[row % std::size(ahead)]; }
    void keys(std::size_t row) {
        if (row >= count) return;
        const CallerKeys k = keys_of(row);
        detail::look_ahead_keys(c, k.user, k.ip, k.bssid, steps, of(row));
    }
    void entries(std::size_t row) {
        if (row < count) detail::look_ahead_entries(c, of(row));
    }
    void objects(std::size_t row) {
        if (row < count) detail::look_ahead_objects(c, of(row));
    }
    void details(std::size_t row) {
        if (row < count) detail::look_ahead_details(c, of(row));
    }
    void lists(std::size_t row) {
        if (row < count) detail::look_ahead_lists(c, of(row));
    }
};

CallLookAhead::CallLookAhead(const Simulator& simulator, std::size_t count, std::function<CallerKeys(std::size_t)> keys,
                             Explain explain) {
    const auto& c = simulator.compiled();
    if (!detail::look_ahead_pays(c)) return;
    impl_.reset(new Impl{c, explain == Explain::steps, count, std::move(keys), {}});
    constexpr std::size_t step = Impl::kStep;
    for (std::size_t i = 0; i < 5 * step; ++i) impl_->keys(i);
    for (std::size_t i = 0; i < 4 * step; ++i) impl_->entries(i);
    for (std::size_t i = 0; i < 3 * step; ++i) impl_->objects(i);
    for (std::size_t i = 0; i < 2 * step; ++i) impl_->details(i);
    for (std::size_t i = 0; i < step; ++i) impl_->lists(i);
}

CallLookAhead::~CallLookAhead() = default;

void CallLookAhead::before(std::size_t row) {
    if (!impl_) return;
    constexpr std::size_t step = Impl::kStep;
    impl_->keys(row + 5 * step);
    impl_->entries(row + 4 * step);
    impl_->objects(row + 3 * step);
    impl_->details(row + 2 * step);
    impl_->lists(row + step);
}

}  // namespace e911
