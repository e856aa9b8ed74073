// Shared by the trace renderer's files: one Explainer carries what every explanation reads and
// appends the steps.
#pragma once
#include <string>
#include <string_view>

#include "simulate/decisions.hpp"

namespace e911::detail {

struct Explainer {
    const Compiled& c;
    const Config& cfg;
    const Call& call;
    const Decisions& d;
    Trace& t;
    std::size_t steps = 0;  // written so far; t.trace may still hold the previous row's steps past them
    // `because` is nearly always a sentence just built: moved in, not copied. Every field is written.
    void add(std::string_view step, std::string_view result, std::string because, const SourcePos& pos = {}) {
        TraceStep& s = step_at(t, steps++);
        s.step.assign(step), s.result.assign(result), s.because.swap(because);
        if (pos.known()) s.file.assign(cfg.file_of(pos));
        else s.file.clear();
        s.line = pos.line;
    }
    std::string number_or_none() const { return t.calling_number.empty() ? "none" : t.calling_number; }
    const Address* address() const {
        std::uint32_t l = d.placement.location;
        if (l == npos) return d.placement.address != npos ? &cfg.addresses[d.placement.address] : nullptr;
        return cfg.locations[l].address.resolved() ? &cfg.addresses[cfg.locations[l].address.index] : nullptr;
    }
};

// trusted_ip, site and location steps of a caller placed from its fields (explain_placement.cpp).
void explain_placement(Explainer& x, const CallerSetup& caller);
// location_class step: the client's, the static or no location when the LIS found none (explain_placement.cpp).
void explain_location_class(Explainer& x);
// screening step: straight to the PSAP or a relay centre first (explain_screening.cpp).
void explain_screening(Explainer& x, const Gateway& gw);

}  // namespace e911::detail
