// psap-unknown: No PSAP in the configuration serves an address.
// Why it matters and how to fix it: docs/rules/psap-unknown.md.
#include <vector>

#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    if (x.cfg.psaps.empty()) return;  // nothing to judge against; not every config models PSAPs
    std::vector<char> used(x.cfg.addresses.size(), 0);  // addresses in use, judged in list order
    for (const auto& l : x.cfg.locations)
        if (l.address.resolved()) used[l.address.index] = 1;
    for (const auto& g : x.cfg.gateways)
        if (g.address.resolved()) used[g.address.index] = 1;
    for (std::uint32_t a = 0; a < used.size(); ++a) {
        if (!used[a]) continue;
        const auto& addr = x.cfg.addresses[a];
        if (!x.c.psaps_serving(a).empty()) continue;
        emit(target(Kind::address, addr.id), addr.pos.self,
             "no PSAP in the configuration serves address `" + addr.id + "` (" + addr.city + ", " + addr.county + ", " + addr.state + ", " +
                 x.cfg.country_or_default(addr.country) + "), so calls from it cannot be checked for the right PSAP",
             "add the PSAP that serves it under `psaps`, with `serves: [{country: " + x.cfg.country_or_default(addr.country) +
                 ", state: " + addr.state + ", county: " + addr.county + "}]`");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule psap_unknown{"psap-unknown", "psap", Severity::error,
    "No PSAP in the configuration serves an address.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
