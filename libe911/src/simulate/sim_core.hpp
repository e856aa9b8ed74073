// The simulator's core, shared by simulate, the batch runner and the matrix: everything after
// the caller has been placed (site, location) is one code path.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "compile/compiled.hpp"
#include "e911/simulate.hpp"

namespace e911::detail {

struct Placement {
    std::optional<bool> trusted;
    std::uint32_t site = npos;
    std::uint32_t location = npos;
    std::string location_source;
    std::vector<TraceStep> steps;  // how the caller was placed
};

// Picks which of a location's ELINs the gateway uses; default: the first.
using ElinPicker = std::function<std::string(const std::vector<std::string>&)>;

// `detail` = false skips the step-by-step trace and the PIDF-LO document (batch, matrix, lint):
// every decision and result field is the same, only the explanations are not built.
Trace simulate_placed(const Compiled& c, const User* user, Platform platform, SfbClient client, const std::string& dialed, Placement placement,
                      const ElinPicker& pick_elin = {}, bool detail = true);

// The same, filling `out` in place (its storage is reused: batch loops allocate far less).
void simulate_placed_into(Trace& out, const Compiled& c, const User* user, Platform platform, SfbClient client, const std::string& dialed,
                          Placement placement, const ElinPicker& pick_elin = {}, bool detail = true);

// Caller -> placement (trusted IP, site, LIS). Throws UsageError on malformed input.
Placement place(const Compiled& c, const Caller& caller, Platform platform, bool detail = true);
const User* find_user(const Compiled& c, const std::string& id);  // throws UsageError with a suggestion

std::string pidf_for(const Config& cfg, std::uint32_t location, bool elin_in_nam, const std::string& entity, const std::string& method);

}  // namespace e911::detail
