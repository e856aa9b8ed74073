// legacy-dial-string-mismatch: A Skype for Business policy's legacy dial string is not among its emergency numbers.
// Why it matters and how to fix it: docs/rules/legacy-dial-string-mismatch.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& p : x.cfg.location_policies) {
        if (p.numbers.empty()) continue;
        bool found = false;
        for (const auto& n : p.numbers) found = found || n.dial_string == p.dial_string;
        if (!found)
            emit(target(Kind::location_policy, p.id), p.pos.of("dial_string"),
                 p.dial_string.empty() ? "`numbers` is set but the legacy `dial_string` is empty: older clients have no emergency number at all"
                                       : "legacy dial_string `" + p.dial_string + "` is not among `numbers`: older clients dial something newer ones do not",
                 "set dial_string (and dial_masks) to the primary emergency number in `numbers`");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule legacy_dial_string_mismatch{"legacy-dial-string-mismatch", "numbers", Severity::warning,
    "A Skype for Business policy's legacy dial string is not among its emergency numbers.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
