// Inside the HTML report: the page shell shared by the report and the diff. The data builders
// (html_data.cpp, html_diff.cpp) answer the question as JSON; the page (html_page.cpp) wraps it with
// the embedded script and style (libe911/src/report/html/, compiled in by CMake).
#pragma once
#include <optional>
#include <string>

#include "e911/lint.hpp"
#include "e911/simulate.hpp"
#include "util/json_util.hpp"

namespace e911::detail {

// A whole self-contained page: `data` goes into <script type="application/json" id="e911-data">.
std::string html_page(const std::string& title, const json& data);
// The outcome class a heat-map cell is coloured by: correct, relay, wrong, unverified, not_routed, not_enabled.
// Findings as {"strings": [...], "rows": [[severity, rule, target, file, line, message, hint, accepted]]},
// severity, rule, file, hint and accepted as indexes into strings; adds their rules' docs to `docs`.
json findings_json(const std::vector<Finding>& findings, json& docs);
const char* outcome_class(Outcome outcome, bool relay, const std::optional<bool>& correct);

}  // namespace e911::detail
