// GitHub Actions workflow commands: one annotation per active finding.
#include "report/tables.hpp"

namespace e911::detail {

namespace {

std::string gh_escape(const std::string& s, bool property) {
    std::string r;
    for (char c : s) {
        if (c == '%')
            r += "%25";
        else if (c == '\r')
            r += "%0D";
        else if (c == '\n')
            r += "%0A";
        else if (property && c == ':')
            r += "%3A";
        else if (property && c == ',')
            r += "%2C";
        else
            r += c;
    }
    return r;
}
}  // namespace

std::string github_findings(const std::vector<Finding>& fs) {
    std::string out;
    for (const auto& f : fs) {
        if (!f.active()) continue;
        const char* cmd = f.severity == Severity::error     ? "error"
                          : f.severity == Severity::warning ? "warning"
                                                            : "notice";
        out += std::string("::") + cmd + " file=" + gh_escape(f.file, true) + ",line=" + std::to_string(f.line) +
               ",col=" + std::to_string(f.column) + ",title=" + gh_escape("e911 " + f.rule, true) + "::" +
               gh_escape(f.message + " (" + f.target + ")" + (f.hint.empty() ? "" : "\nhint: " + f.hint), false) + "\n";
    }
    return out;
}

}  // namespace e911::detail
