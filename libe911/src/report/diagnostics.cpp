#include "e911/report.hpp"
#include "util/json_util.hpp"

namespace e911 {
namespace detail {
json to_json(const Diagnostic& d) {
    return json{{"id", d.id},     {"severity", to_string(d.severity)}, {"file", d.file}, {"line", d.line},
                {"column", d.column}, {"key", or_null(d.key)},         {"message", d.message}, {"hint", or_null(d.hint)}};
}
}  // namespace detail

std::string diagnostics_to_text(const std::vector<Diagnostic>& ds, bool color) {
    std::string out;
    for (const auto& d : ds) {
        const char* c = d.severity == Severity::error ? "\033[1;31m" : d.severity == Severity::warning ? "\033[1;33m" : "\033[1;36m";
        out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
        out += color ? std::string(c) + to_string(d.severity) + "\033[0m" : std::string(to_string(d.severity));
        out += " [" + d.id + "] " + d.message + "\n";
        if (!d.hint.empty()) out += "    hint: " + d.hint + "\n";
    }
    return out;
}

std::string diagnostics_to_json(const std::vector<Diagnostic>& ds, int indent) {
    detail::json arr = detail::json::array();
    int counts[3] = {0, 0, 0};
    for (const auto& d : ds) {
        arr.push_back(detail::to_json(d));
        ++counts[static_cast<int>(d.severity)];
    }
    detail::json j{{"diagnostics", arr}, {"summary", {{"errors", counts[2]}, {"warnings", counts[1]}, {"infos", counts[0]}}}};
    return j.dump(indent);
}

}  // namespace e911
