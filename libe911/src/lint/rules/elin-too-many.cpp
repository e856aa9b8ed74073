// elin-too-many: More than 5 ELINs on one location or address.
// Why it matters and how to fix it: docs/rules/elin-too-many.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& l : x.cfg.locations)
        if (l.elins.size() > 5)
            emit(target(Kind::location, l.id), l.pos.of("elins"),
                 "location `" + l.id + "` has " + std::to_string(l.elins.size()) + " ELINs; gateways and the PIDF-LO carry at most 5",
                 "keep at most 5 ELINs per location; split the location if it needs more concurrent emergency calls");
    for (const auto& a : x.cfg.addresses)
        if (a.elins.size() > 5)
            emit(target(Kind::address, a.id), a.pos.of("elins"), "address `" + a.id + "` has " + std::to_string(a.elins.size()) + " ELINs; at most 5 are carried",
                 "keep at most 5 ELINs per address");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule elin_too_many{"elin-too-many", "address", Severity::error,
    "More than 5 ELINs on one location or address.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
