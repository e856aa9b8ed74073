// psap-relay: An emergency call reaches a relay centre instead of a PSAP.
// Why it matters and how to fix it: docs/rules/psap-relay.md.
#include "lint/psap_cells.hpp"
#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    auto found = groups(x, true);
    // Each group goes once its finding is made: at a million subnets, the findings reuse its memory.
    for (auto it = found.begin(); it != found.end(); it = found.erase(it)) {
        const PsapCallGroup& g = it->second;
        const PsapCall& call = g.call;
        auto& f = emit(who(x.cfg, *g.cell), who_pos(x.cfg, *g.cell),
                       std::string(to_string(g.cell->platform)) + " emergency calls (" + join({g.dialed.begin(), g.dialed.end()}, ", ") + ") " +
                           (call.location.empty() ? "without a LIS location" : "from location `" + call.location + "`") + " reach the relay centre `" + call.psap +
                           "`, which screens and transfers: " + call.reason,
                       "give these callers a LIS location with a validated address, and enable PIDF-LO on the gateway");
        relate_route(emit, f, x.cfg, call);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule psap_relay{"psap-relay", "psap", Severity::warning,
    "An emergency call reaches a relay centre instead of a PSAP.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
