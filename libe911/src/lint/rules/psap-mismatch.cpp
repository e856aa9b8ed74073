// psap-mismatch: An emergency call reaches a PSAP that does not serve the caller's location.
// Why it matters and how to fix it: docs/rules/psap-mismatch.md.
#include "lint/psap_cells.hpp"
#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& [key, g] : groups(x, false)) {
        const Trace& t = g.trace;
        auto& f = emit(who(x.cfg, *g.cell), who_pos(x.cfg, *g.cell),
                       std::string(to_string(g.cell->platform)) + " emergency calls (" + join({g.dialed.begin(), g.dialed.end()}, ", ") + ") from location `" +
                           t.location + "` (address `" + t.address + "`) reach PSAP `" + t.psap + "` through gateway `" + t.gateways.front() +
                           "`, but the address is served by " + (t.psap_expected.empty() ? "no configured PSAP" : join(t.psap_expected, ", ")) + ": " + via(t),
                       "route this site's emergency calls through a gateway that reaches the local PSAP: location routing with PIDF-LO, or ELINs "
                       "registered per location, or a local trunk");
        relate_route(emit, f, x.cfg, t);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule psap_mismatch{"psap-mismatch", "psap", Severity::error,
    "An emergency call reaches a PSAP that does not serve the caller's location.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
