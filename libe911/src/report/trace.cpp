// Trace -> JSON (the contract of `e911 simulate --format json`) and text.
#include "e911/simulate.hpp"
#include "util/json_util.hpp"
#include "report/trace_json.hpp"
#include "report/tables.hpp"
#include "util/text_util.hpp"

namespace e911 {
namespace detail {

// The JSON contract lives in the trace table (report/tables_sim.cpp).
json trace_json(const Trace& t) { return record_json(trace_columns(), trace_cells(t)); }

}  // namespace detail

namespace {

// The lines under the outcome that say what the outcome line cannot: how the call leaves, where the location
// came from, whether a relay centre screens it, which gateways were skipped as down. Each only when it differs
// from the common case (a Direct Routing or SfB call located by the LIS, straight to the PSAP, nothing down),
// so an ordinary trace reads as before.
std::string call_path_lines(const Trace& t) {
    std::string out;
    if (t.pstn && *t.pstn != PstnConnectivity::direct_routing)
        out += std::string("  pstn: carried by Microsoft (") +
               (*t.pstn == PstnConnectivity::calling_plan ? "Calling Plan" : "Operator Connect") +
               "), not a Direct Routing trunk\n";
    if (t.location_class != LocationClass::lis) {
        out += std::string("  location class: ") + to_string(t.location_class);
        out += t.location_class == LocationClass::none ? " (no location found)\n" : "\n";
    }
    if (t.screened) out += "  screened: a relay centre answers the call before a PSAP\n";
    if (!t.gateways_down.empty()) out += "  gateways down (skipped): " + detail::join(t.gateways_down, ", ") + "\n";
    return out;
}

}  // namespace

std::string trace_to_text(const Trace& t) {
    std::string out;
    out += "dialled " + t.dialed + " (" + to_string(t.platform) + (t.user.empty() ? "" : ", user " + t.user) + ")\n";
    for (const auto& s : t.trace) {
        out += "  " + s.step + std::string(s.step.size() < 14 ? 14 - s.step.size() : 1, ' ') + s.result;
        out += "\n" + std::string(18, ' ') + s.because;
        if (!s.file.empty()) out += "  [" + s.file + ":" + std::to_string(s.line) + "]";
        out += "\n";
    }
    out += std::string("outcome: ") + to_string(t.outcome);
    if (t.emergency) {
        out += " | route " + (t.route.empty() ? "-" : t.route) + " | calling number " + (t.calling_number.empty() ? "-" : t.calling_number) + " | PSAP " +
               (t.psap.empty() ? "unknown" : t.psap);
        out += t.psap_correct ? (*t.psap_correct ? " (correct)" : " (WRONG: expected " + (t.psap_expected.empty() ? std::string("unknown") : t.psap_expected.front()) + ")")
                              : " (correctness unknown)";
        if (t.notifications) out += " | notified: " + std::string(t.notifications->anyone() ? to_string(t.notifications->mode) : "nobody");
    }
    out += "\n";
    if (t.emergency) out += call_path_lines(t);
    return out;
}

}  // namespace e911
