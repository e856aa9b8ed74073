// waiver-expired: A waiver has expired; its findings count again.
// Why it matters and how to fix it: docs/rules/waiver-expired.md.
// A rule about the configuration's waivers, so it is listed, selectable and documented like the
// others; its findings come from the waiver pass (lint/passes.cpp), which runs after the checks.
#include "lint/rule.hpp"

namespace e911::detail::lint_rules {
extern constinit const Rule waiver_expired{"waiver-expired", "waivers", Severity::error,
    "A waiver has expired; its findings count again.",
    nullptr};
}  // namespace e911::detail::lint_rules
