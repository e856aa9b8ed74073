// Lint: rules over a loaded configuration -> findings. Findings are data; nothing is thrown.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/error.hpp"
#include "e911/model.hpp"
#include "e911/progress.hpp"

namespace e911 {

struct RuleInfo {
    std::string id;        // stable kebab-case id
    Severity severity = Severity::error;  // default severity
    std::string summary;   // one line
    std::string category;  // network, address, numbers, routing, notification, psap, waivers, load
};

// Every rule, in catalogue order. Load diagnostics are findings too (category "load").
const std::vector<RuleInfo>& rules();
const RuleInfo* find_rule(const std::string& id);
// The rule's documentation (Markdown, the text of docs/rules/ID.md); empty when unknown.
std::string rule_doc(const std::string& id);

struct Related {
    std::string target;  // "<kind>/<id>"
    std::string note;
    std::string file;
    std::uint32_t line = 0, column = 0;
};

struct Waived {
    std::string reason, approved_by, expires;
};

// A lint finding: a Problem (severity, file, line, column, message, hint) raised by a rule about
// one object of the configuration.
struct Finding : Problem {
    std::string rule;    // the rule id (for a load diagnostic turned finding, the diagnostic id)
    std::string target;  // "<kind>/<id>"
    std::vector<Related> related;
    std::optional<Waived> waived;  // accepted by a waiver in the configuration
    bool baselined = false;        // accepted by the baseline file
    std::string fingerprint;       // stable across edits that move lines: rule + target + message
    // Counts toward --fail-on only when neither waived nor baselined.
    bool active() const { return !waived && !baselined; }
    // baseline reasons: why the baseline accepts this finding (its entry's `reason`); empty when none.
    std::string baseline_reason;
};

struct LintOptions {
    std::vector<std::string> select;  // rule ids or categories; empty = all
    std::vector<std::string> ignore;
    std::string today;                // YYYY-MM-DD for waiver expiry; empty = today (UTC)
    std::set<std::string> baseline;   // fingerprints accepted by a baseline
    // Why each baselined fingerprint is accepted. An error-level finding is accepted only with a reason
    // here (not empty, not the placeholder --write-baseline writes), so a baseline cannot silently hide
    // a wrong-PSAP error.
    std::map<std::string, std::string> baseline_reasons;
    // Called on the calling thread as rules finish, with the number finished so far, and once with all
    // of them (see e911/progress.hpp).
    ProgressFn progress;
};

// Runs the selected rules, then the engine passes (waivers, fingerprints and the baseline). The
// rules of a configuration of 20,000 objects or more run on every core; the findings are the same,
// in the same order, as on one.
// Unknown ids in select/ignore throw UsageError (a std::invalid_argument).
std::vector<Finding> lint(const Config& config, const LintOptions& options = {});
// Load diagnostics as findings (rule = diagnostic id), for reporting both in one list.
std::vector<Finding> findings_from_diagnostics(const std::vector<Diagnostic>& diagnostics);

struct LintSummary {
    int errors = 0, warnings = 0, infos = 0, waived = 0, baselined = 0;
};
LintSummary summarize(const std::vector<Finding>& findings);
// True when an active finding is at or above `fail_on` (nullopt = never fail).
bool fails(const std::vector<Finding>& findings, std::optional<Severity> fail_on);

// Baselines: a JSON file of accepted fingerprints, each with the reason it is accepted.
// `reason` is written for every entry that has none yet (a finding already baselined keeps its own);
// an error-level entry left without one gets kBaselinePlaceholder, which accepts nothing until edited.
inline constexpr const char* kBaselinePlaceholder = "TODO: say why this error is accepted";
std::string baseline_to_json(const std::vector<Finding>& findings, const std::string& reason = "");
std::set<std::string> baseline_from_json(const std::string& text);  // throws std::invalid_argument
// fingerprint -> reason ("" when the entry has none); throws std::invalid_argument like baseline_from_json.
std::map<std::string, std::string> baseline_reasons_from_json(const std::string& text);
// True when `reason` is a reason: not empty and not the placeholder.
bool baseline_reason_given(const std::string& reason);

// Reporters.
std::string findings_to_text(const std::vector<Finding>& findings, bool color);
std::string findings_to_json(const std::vector<Finding>& findings, int indent = 2);
std::string findings_to_sarif(const std::vector<Finding>& findings);
std::string findings_to_junit(const std::vector<Finding>& findings);
std::string findings_to_github(const std::vector<Finding>& findings);

}  // namespace e911
