// What a lint rule sees and how it reports.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compile/compiled.hpp"
#include "e911/lint.hpp"
#include "e911/simulate.hpp"

namespace e911::detail {

class Emit {
public:
    Emit(const Config& cfg, std::vector<Finding>& out, const std::string& rule, Severity sev)
        : cfg_(cfg), out_(out), rule_(rule), sev_(sev) {}
    // Adds a finding at `pos` about `target`; returns it so related objects can be attached.
    Finding& operator()(const std::string& target, const SourcePos& pos, std::string message, std::string hint);
    Finding& with_severity(Severity s, const std::string& target, const SourcePos& pos, std::string message, std::string hint);
    void related(Finding& f, const std::string& target, const SourcePos& pos, std::string note = {});
private:
    const Config& cfg_;
    std::vector<Finding>& out_;
    std::string rule_;
    Severity sev_;
};

struct Cell;
struct LintContext {
    const Config& cfg;
    const Compiled& c;
    // The matrix cells whose emergency calls reach a wrong PSAP or a relay centre (with their
    // full traces), computed on first use and shared by the PSAP rules.
    const std::vector<std::pair<Cell, Trace>>& psap_problem_cells() const;
    mutable std::shared_ptr<std::vector<std::pair<Cell, Trace>>> psap_cells_cache;
};

using RuleFn = std::function<void(const LintContext&, Emit&)>;
struct RuleImpl {
    const char* id;
    const char* category;
    RuleFn fn;
};

// Each rule file contributes its rules; the engine concatenates them in catalogue order.
std::vector<RuleImpl> network_rules();
std::vector<RuleImpl> address_rules();
std::vector<RuleImpl> number_rules();
std::vector<RuleImpl> routing_rules();
std::vector<RuleImpl> notification_rules();
std::vector<RuleImpl> psap_rules();

inline std::string target(Kind k, const std::string& id) { return std::string(to_string(k)) + "/" + id; }

}  // namespace e911::detail
