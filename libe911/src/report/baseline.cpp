// Lint baselines: the fingerprints of accepted findings with the reason each is accepted, as JSON.
#include <stdexcept>

#include "e911/lint.hpp"
#include "util/json_util.hpp"

namespace e911 {

using detail::json;

bool baseline_reason_given(const std::string& reason) {
    return reason.find_first_not_of(" \t\r\n") != std::string::npos && reason != kBaselinePlaceholder;
}

std::string baseline_to_json(const std::vector<Finding>& fs, const std::string& reason) {
    json entries = json::array();
    std::set<std::string> seen;
    for (const auto& f : fs) {
        if (f.waived || !seen.insert(f.fingerprint).second) continue;
        std::string why = baseline_reason_given(f.baseline_reason) ? f.baseline_reason : reason;
        if (!baseline_reason_given(why) && f.severity == Severity::error) why = kBaselinePlaceholder;
        entries.push_back({{"fingerprint", f.fingerprint},
                           {"rule", f.rule},
                           {"severity", to_string(f.severity)},
                           {"target", f.target},
                           {"reason", why}});
    }
    return json{{"e911_baseline", 1}, {"findings", entries}}.dump(2) + "\n";
}

std::map<std::string, std::string> baseline_reasons_from_json(const std::string& text) {
    std::map<std::string, std::string> r;
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("the baseline is not valid JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("findings") || !j["findings"].is_array())
        throw std::invalid_argument(
            "the baseline must be an object with a `findings` list (write one with --write-baseline)");
    for (const auto& f : j["findings"]) {
        if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string())
            throw std::invalid_argument("every baseline entry needs a `fingerprint` string");
        if (f.contains("reason") && !f["reason"].is_string())
            throw std::invalid_argument("a baseline entry's `reason` must be a string");
        r[f["fingerprint"].get<std::string>()] = f.value("reason", std::string());
    }
    return r;
}

std::set<std::string> baseline_from_json(const std::string& text) {
    std::set<std::string> r;
    for (const auto& entry : baseline_reasons_from_json(text)) r.insert(entry.first);
    return r;
}

}  // namespace e911
