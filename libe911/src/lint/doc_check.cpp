#include "lint/doc_check.hpp"

namespace e911::detail {

std::string doc_field(const std::string& doc, const std::string& name) {
    std::string tag = "- **" + name + ":** ";
    auto p = doc.find(tag);
    if (p == std::string::npos) return {};
    p += tag.size();
    return doc.substr(p, doc.find('\n', p) - p);
}

std::vector<std::string> rule_doc_problems(const RuleInfo& rule, const std::string& doc) {
    std::string where = "docs/rules/" + rule.id + ".md";
    if (doc.empty()) return {where + " is missing: every rule and load diagnostic is documented there"};
    std::vector<std::string> problems;
    if (doc.rfind("# " + rule.id + "\n", 0) != 0)
        problems.push_back(where + " does not start with `# " + rule.id + "`");
    auto expect = [&](const char* name, const std::string& want) {
        std::string got = doc_field(doc, name);
        if (got.empty())
            problems.push_back(where + " has no `- **" + name + ":**` line (the code says `" + want + "`)");
        else if (got != want)
            problems.push_back(where + " says " + name + " `" + got + "`, the code says `" + want + "`");
    };
    expect("Severity", to_string(rule.severity));
    expect("Category", rule.category);
    expect("Summary", rule.summary);
    return problems;
}

}  // namespace e911::detail
