// The dial plan runs before emergency recognition (domain §10): its first matching rule rewrites
// the dialled digits, and recognition sees the result.
#include "simulate/decisions.hpp"

namespace e911::detail {

DialPlanDecision apply_dial_plan(const Compiled& c, const Policies& p, const std::string& dialed, std::string& number) {
    DialPlanDecision d;
    d.plan = p.dial_plan.index;
    if (d.plan == npos) {
        number = dialed;
        return d;
    }
    const auto& applied = c.apply_dial_plan(d.plan, dialed);
    number = applied.result;
    d.rule = applied.rule;
    d.abandoned = applied.abandoned;
    return d;
}

}  // namespace e911::detail
