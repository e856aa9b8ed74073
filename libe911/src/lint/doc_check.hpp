// Agreement between the catalogue (declared in code) and its explanations in docs/rules/<id>.md.
#pragma once
#include <string>
#include <vector>

#include "e911/lint.hpp"

namespace e911::detail {

// The value of a doc's front-matter line "- **<name>:** <value>"; empty when the line is missing.
std::string doc_field(const std::string& doc, const std::string& name);

// Every way `doc` disagrees with `rule`: no doc at all, a missing or different title, Severity,
// Category or Summary line. Empty when they agree.
std::vector<std::string> rule_doc_problems(const RuleInfo& rule, const std::string& doc);

}  // namespace e911::detail
