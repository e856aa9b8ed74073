// JUnit XML for CI dashboards: each finding a test case; failures for active errors and warnings,
// skipped for accepted ones, system-out for infos.
#include "report/tables.hpp"
#include "util/xml_util.hpp"

namespace e911::detail {

std::string junit_findings(const std::vector<Finding>& fs) {
    int failures = 0, skipped = 0;
    std::string cases;
    for (const auto& f : fs) {
        std::string name = f.target + " (" + f.file + ":" + std::to_string(f.line) + ")";
        cases += "    <testcase classname=\"e911." + xml_escape(f.rule) + "\" name=\"" + xml_escape(name) +
                 "\" file=\"" + xml_escape(f.file) + "\" line=\"" + std::to_string(f.line) + "\">\n";
        std::string body = f.message + (f.hint.empty() ? "" : "\nhint: " + f.hint);
        if (!f.active()) {
            ++skipped;
            cases += "      <skipped message=\"" + xml_escape(f.waived ? "waived: " + f.waived->reason : "baselined") +
                     "\"/>\n";
        } else if (f.severity == Severity::info) {
            cases += "      <system-out>" + xml_escape(body) + "</system-out>\n";
        } else {
            ++failures;
            cases += "      <failure type=\"" + std::string(to_string(f.severity)) + "\" message=\"" +
                     xml_escape(f.message) + "\">" + xml_escape(body) + "</failure>\n";
        }
        cases += "    </testcase>\n";
    }
    std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"e911 lint\" tests=\"" +
                       std::to_string(fs.size()) + "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" +
                       std::to_string(skipped) + "\">\n";
    head += "  <testsuite name=\"e911 lint\" tests=\"" + std::to_string(fs.size()) + "\" failures=\"" +
            std::to_string(failures) + "\" skipped=\"" + std::to_string(skipped) + "\" errors=\"0\">\n";
    return head + cases + "  </testsuite>\n</testsuites>\n";
}

}  // namespace e911::detail
