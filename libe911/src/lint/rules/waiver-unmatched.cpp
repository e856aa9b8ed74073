// waiver-unmatched: A waiver matches no finding.
// Why it matters and how to fix it: docs/rules/waiver-unmatched.md.
// A rule about the configuration's waivers, so it is listed, selectable and documented like the
// others; its findings come from the waiver pass (lint/passes.cpp), which runs after the checks.
#include "lint/rule.hpp"

namespace e911::detail::lint_rules {
extern constinit const Rule waiver_unmatched{"waiver-unmatched", "waivers", Severity::warning,
    "A waiver matches no finding.",
    nullptr};
}  // namespace e911::detail::lint_rules
