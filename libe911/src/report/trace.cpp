// Trace -> JSON (the contract of `e911 simulate --format json`) and text.
#include "e911/simulate.hpp"
#include "util/json_util.hpp"
#include "report/trace_json.hpp"

namespace e911 {
namespace detail {

json trace_json(const Trace& t) {
    auto strs = [](const std::vector<std::string>& v) { return json(v); };
    json notifications = nullptr;
    if (t.notifications) {
        const auto& n = *t.notifications;
        notifications = {{"mode", to_string(n.mode)}, {"group", strs(n.group)}, {"dial_out", or_null(n.dial_out)}, {"uris", strs(n.uris)},
                         {"conference_uri", or_null(n.conference_uri)}, {"anyone", n.anyone()},
                         {"muted", n.muted() ? json(*n.muted()) : json(nullptr)}};
    }
    json steps = json::array();
    for (const auto& s : t.trace)
        steps.push_back({{"step", s.step}, {"result", s.result}, {"because", s.because}, {"file", or_null(s.file)},
                         {"line", s.line ? json(s.line) : json(nullptr)}});
    json pol = {{"emergency_calling", or_null(t.policies.emergency_calling)}, {"emergency_call_routing", or_null(t.policies.emergency_call_routing)},
                {"location", or_null(t.policies.location)},                   {"routing", or_null(t.policies.routing)},
                {"dial_plan", or_null(t.policies.dial_plan)}};
    return {{"dialed", t.dialed},
            {"normalized", t.normalized},
            {"emergency", t.emergency},
            {"dial_string", or_null(t.dial_string)},
            {"platform", to_string(t.platform)},
            {"trusted", t.trusted ? json(*t.trusted) : json(nullptr)},
            {"user", or_null(t.user)},
            {"site", or_null(t.site)},
            {"location", or_null(t.location)},
            {"location_source", t.location_source == LocationSource::none ? json(nullptr) : json(to_string(t.location_source))},
            {"address", or_null(t.address)},
            {"policies", pol},
            {"pstn_usage", or_null(t.pstn_usage)},
            {"route", or_null(t.route)},
            {"gateways", strs(t.gateways)},
            {"calling_number", or_null(t.calling_number)},
            {"elin", or_null(t.elin)},
            {"psap", or_null(t.psap)},
            {"psap_reason", or_null(t.psap_reason)},
            {"psap_relay", t.psap_relay},
            {"psap_expected", strs(t.psap_expected)},
            {"psap_correct", t.psap_correct ? json(*t.psap_correct) : json(nullptr)},
            {"notifications", notifications},
            {"outcome", to_string(t.outcome)},
            {"pidf_lo", or_null(t.pidf_lo)},
            {"trace", steps}};
}

}  // namespace detail

std::string trace_to_json(const Trace& t, int indent) { return detail::trace_json(t).dump(indent); }

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
    return out + "\n";
}

}  // namespace e911
