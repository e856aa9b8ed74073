// Lint baselines: the fingerprints of accepted findings, written and read as JSON.
#include <stdexcept>

#include "e911/lint.hpp"
#include "util/json_util.hpp"

namespace e911 {

using detail::json;

std::string baseline_to_json(const std::vector<Finding>& fs) {
    json fps = json::array();
    std::set<std::string> seen;
    for (const auto& f : fs)
        if (!f.waived && seen.insert(f.fingerprint).second)
            fps.push_back({{"fingerprint", f.fingerprint}, {"rule", f.rule}, {"target", f.target}});
    return json{{"e911_baseline", 1}, {"findings", fps}}.dump(2) + "\n";
}

std::set<std::string> baseline_from_json(const std::string& text) {
    std::set<std::string> r;
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
        if (f.is_object() && f.contains("fingerprint") && f["fingerprint"].is_string())
            r.insert(f["fingerprint"].get<std::string>());
        else
            throw std::invalid_argument("every baseline entry needs a `fingerprint` string");
    }
    return r;
}

}  // namespace e911
