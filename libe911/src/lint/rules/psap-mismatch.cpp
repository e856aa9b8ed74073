// psap-mismatch: An emergency call reaches a PSAP that does not serve the caller's location.
// Why it matters and how to fix it: docs/rules/psap-mismatch.md.
#include "lint/psap_cells.hpp"
#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    auto found = groups(x, false);
    // Each group goes once its finding is made: at a million subnets, the findings reuse its memory.
    for (auto it = found.begin(); it != found.end(); it = found.erase(it)) {
        const PsapCallGroup& g = it->second;
        const PsapCall& call = g.call;
        auto& f = emit(who(x.cfg, *g.cell), who_pos(x.cfg, *g.cell),
                       std::string(to_string(g.cell->platform)) + " emergency calls (" + join({g.dialed.begin(), g.dialed.end()}, ", ") + ") from location `" +
                           call.location + "` (address `" + call.address + "`) reach PSAP `" + call.psap + "` through gateway `" + call.gateway +
                           "`, but the address is served by " + (call.expected.empty() ? "no configured PSAP" : join(call.expected, ", ")) + ": " + call.reason,
                       "route this site's emergency calls through a gateway that reaches the local PSAP: location routing with PIDF-LO, or ELINs "
                       "registered per location, or a local trunk");
        relate_route(emit, f, x.cfg, call);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule psap_mismatch{"psap-mismatch", "psap", Severity::error,
    "An emergency call reaches a PSAP that does not serve the caller's location.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
