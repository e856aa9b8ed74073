// enhanced-emergency-off: A policy with emergency numbers has enhanced emergency services off.
// Why it matters and how to fix it: docs/rules/enhanced-emergency-off.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

// Only with enhanced emergency services on does the client retrieve its location and send it with the
// call (AllowEnhancedEmergencyServices, EnhancedEmergencyServicesEnabled; domain §5, v2). A policy with no
// numbers recognises no emergency call, so the switch does not matter there.
bool written(const Positions& pos, const char* key) {
    for (const auto& [k, p] : pos.fields)
        if (k == key) return true;
    return false;
}

void check(const LintContext& x, Emit& emit) {
    const char* consequence =
        ": no location (PIDF-LO) is sent with its emergency calls, so location-based routing reaches the relay "
        "centre and an ELIN gateway has no location to map";
    for (const auto& p : x.cfg.emergency_call_routing_policies)
        if (!p.enhanced_emergency_services && !p.numbers.empty())
            emit(target(Kind::emergency_call_routing_policy, p.id), p.pos.of("enhanced_emergency_services"),
                 "emergency call routing policy `" + p.id + "` has enhanced_emergency_services: false" + consequence,
                 "set enhanced_emergency_services: true (Set-CsTeamsEmergencyCallRoutingPolicy "
                 "-AllowEnhancedEmergencyServices $true)");
    for (const auto& p : x.cfg.location_policies)
        if (!p.enhanced_emergency_services && (!p.numbers.empty() || !p.dial_string.empty()))
            emit(target(Kind::location_policy, p.id), p.pos.of("enhanced_emergency_services"),
                 "location policy `" + p.id + "` has enhanced_emergency_services: false" +
                     (written(p.pos, "enhanced_emergency_services") ? "" : " (the cmdlet's default)") + consequence,
                 "set enhanced_emergency_services: true (Set-CsLocationPolicy -EnhancedEmergencyServicesEnabled "
                 "$true)");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule enhanced_emergency_off{
    "enhanced-emergency-off", "routing", Severity::error,
    "A policy with emergency numbers has enhanced emergency services off.", check};
}  // namespace lint_rules

}  // namespace e911::detail
