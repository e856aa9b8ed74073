// JUnit XML for CI dashboards: each finding a test case; failures for active errors and warnings,
// skipped for accepted ones, system-out for infos. Valid against the common JUnit XSD (Jenkins'
// junit-10.xsd, vendored in tests/data): `testcase` carries only name and classname, so the file and
// line are in its name and its failure text, and `testsuites` has no `skipped` count.
#include "report/tables.hpp"
#include "util/xml_util.hpp"

namespace e911::detail {

namespace {

std::string place(const Finding& f) {
    return f.file.empty() ? "" : f.file + ":" + std::to_string(f.line);
}

std::string skipped_reason(const Finding& f) {
    if (f.waived) return "waived: " + f.waived->reason;
    return f.baseline_reason.empty() ? "baselined" : "baselined: " + f.baseline_reason;
}

}  // namespace

std::string junit_findings(const std::vector<Finding>& fs) {
    int tests = 0, failures = 0, skipped = 0;
    bool any_ran = false;  // a case that is not skipped
    std::string cases;
    for (const auto& f : fs) {
        ++tests;
        std::string name = f.target + (place(f).empty() ? "" : " (" + place(f) + ")");
        cases += "    <testcase classname=\"e911." + xml_escape(f.rule) + "\" name=\"" + xml_escape(name) + "\">\n";
        std::string body = f.message + (place(f).empty() ? "" : "\nat " + place(f)) +
                           (f.hint.empty() ? "" : "\nhint: " + f.hint);
        if (!f.active()) {
            ++skipped;
            cases += "      <skipped message=\"" + xml_escape(skipped_reason(f)) + "\"/>\n";
        } else if (f.severity == Severity::info) {
            any_ran = true;
            cases += "      <system-out>" + xml_escape(body) + "</system-out>\n";
        } else {
            any_ran = true;
            ++failures;
            cases += "      <failure type=\"" + std::string(to_string(f.severity)) + "\" message=\"" +
                     xml_escape(f.message + (place(f).empty() ? "" : " (" + place(f) + ")")) + "\">" +
                     xml_escape(body) + "</failure>\n";
        }
        cases += "    </testcase>\n";
    }
    // CI systems that reject a report without a passing (or any) test case still accept a clean run.
    if (!any_ran) {
        ++tests;
        cases += "    <testcase classname=\"e911\" name=\"lint: no active findings\"/>\n";
    }
    std::string counts = "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"0\"";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"e911 lint\" " + counts + ">\n" +
           "  <testsuite name=\"e911 lint\" " + counts + " skipped=\"" + std::to_string(skipped) + "\">\n" + cases +
           "  </testsuite>\n</testsuites>\n";
}

}  // namespace e911::detail
