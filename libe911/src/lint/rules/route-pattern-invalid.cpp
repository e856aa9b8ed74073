// route-pattern-invalid: A route or dial-plan pattern does not compile, or exceeds the regex complexity limit.
// Why it matters and how to fix it: docs/rules/route-pattern-invalid.md.
#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

// Test inputs for pattern complexity: typical numbers plus long digit runs that make
// backtracking patterns explode.
const std::vector<std::string>& probe_numbers() {
    static const std::vector<std::string> v = {"911", "+911", "112", "+12175550100", "12175550100", "0041313000000", "9911",
                                               std::string(40, '1'), "+" + std::string(40, '9'), std::string(64, '0') + "x"};
    return v;
}

// The digits (and escaped + * #) an anchored pattern starts with: `^\+1(\d+)+#$` gives "+1". A long
// run after them reaches a backtracking group that the fixed probes, failing on the prefix, never do.
std::string literal_prefix(const std::string& text) {
    std::string out;
    std::size_t i = text.rfind('^', 0) == 0 ? 1 : 0;
    if (i == 0) return out;
    while (i < text.size()) {
        char ch = text[i];
        if (ch >= '0' && ch <= '9') out += ch, i += 1;
        else if (ch == '\\' && i + 1 < text.size() && (text[i + 1] == '+' || text[i + 1] == '*' || text[i + 1] == '#'))
            out += text[i + 1], i += 2;
        else break;
    }
    return out;
}

std::vector<std::string> probes_for(const std::string& text) {
    std::vector<std::string> v = probe_numbers();
    std::string prefix = literal_prefix(text).substr(0, limits::max_dial_length / 2);
    for (char d : {'1', '9', '0'}) v.push_back(prefix + std::string(limits::max_dial_length - prefix.size(), d));
    return v;
}

void check(const LintContext& x, Emit& emit) {
    auto check = [&](const Pattern& p, const std::string& text, const std::string& tgt, SourcePos pos) {
        if (!p.ok()) {
            emit(tgt, pos, "pattern `" + text + "` does not compile: " + p.error(), "fix the regular expression (.NET syntax)");
            return;
        }
        for (const auto& n : probes_for(text)) {
            auto m = p.search(n);
            if (m.failed) {
                emit(tgt, pos, "pattern `" + text + "` exceeds the regex engine's complexity limit on `" + n.substr(0, 20) + "`: " + m.error,
                     "remove nested quantifiers such as (\\d+)+ that backtrack exponentially");
                return;
            }
        }
    };
    for (std::uint32_t i = 0; i < x.cfg.routes.size(); ++i)
        check(x.c.route_patterns[i], x.cfg.routes[i].number_pattern, target(Kind::route, x.cfg.routes[i].id), x.cfg.routes[i].pos.of("number_pattern"));
    for (std::uint32_t d = 0; d < x.cfg.dial_plans.size(); ++d)
        for (std::uint32_t r = 0; r < x.cfg.dial_plans[d].rules.size(); ++r)
            check(x.c.dial_rule_patterns[d][r], x.cfg.dial_plans[d].rules[r].pattern, target(Kind::dial_plan, x.cfg.dial_plans[d].id),
                  x.cfg.dial_plans[d].rules[r].pos.of("pattern"));
}

}  // namespace

namespace lint_rules {
extern constinit const Rule route_pattern_invalid{"route-pattern-invalid", "routing", Severity::error,
    "A route or dial-plan pattern does not compile, or exceeds the regex complexity limit.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
