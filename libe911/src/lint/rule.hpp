// A lint rule: its identity (id, category, default severity, summary) declared in code, and the
// check it runs over a compiled configuration. Each rule is one file, rules/<id>.cpp, defining a
// `lint_rules::<id with _>` object; registry.cpp lists them all in catalogue order. The rule's
// explanation stays in docs/rules/<id>.md; a unit test keeps the two in agreement.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "compile/compiled.hpp"
#include "e911/lint.hpp"
#include "e911/simulate.hpp"

namespace e911::detail {

// Where a finding stands in the report's order (file, line, column), kept beside it when it is
// made: ordering hundreds of thousands of findings then reads these 12 bytes each, not the
// findings and their file names, which are far larger than the caches.
struct FindingPlace {
    std::uint32_t file;  // the index into Config::files of the finding's `file` (past its end: none)
    std::uint32_t line, column;
};

// A rule's findings, in blocks that never move: a rule with hundreds of thousands of findings grows
// without copying them into a list twice the size, or leaving half of that list empty (a vector),
// and without an allocation per finding (std::deque's blocks hold one Finding).
class FindingBlocks {
public:
    // `file`: the index into Config::files of `f.file`. With f's line and column it is the place
    // the report is ordered by.
    Finding& push_back(Finding&& f, std::uint32_t file) {
        if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
            blocks_.emplace_back();
            blocks_.back().reserve(std::min<std::size_t>(kMaxBlock, std::size_t{16} << blocks_.size()));
        }
        places_.push_back({file, f.line, f.column});
        return blocks_.back().emplace_back(std::move(f));
    }
    std::size_t size() const { return places_.size(); }
    const std::vector<FindingPlace>& places() const { return places_; }  // one per finding, in order
    // The blocks, in order; their findings are the findings in order. A block may be emptied and freed
    // (swapped with an empty vector) once its findings are moved out; places() stays.
    std::vector<std::vector<Finding>>& blocks() { return blocks_; }
    template <class Fn>
    void for_each(Fn&& fn) {
        for (auto& b : blocks_)
            for (auto& f : b) fn(f);
    }

private:
    static constexpr std::size_t kMaxBlock = 4096;  // 1.5 MB
    std::vector<std::vector<Finding>> blocks_;
    std::vector<FindingPlace> places_;
};

// How a rule reports: every finding carries the rule's id and (unless overridden) its severity.
class Emit {
public:
    Emit(const Config& cfg, FindingBlocks& out, const std::string& rule, Severity sev)
        : cfg_(cfg), out_(out), rule_(rule), sev_(sev) {}
    // Adds a finding at `pos` about `target`; returns it so related objects can be attached.
    Finding& operator()(const std::string& target, const SourcePos& pos, std::string message, std::string hint);
    Finding& with_severity(Severity s, const std::string& target, const SourcePos& pos, std::string message,
                           std::string hint);
    void related(Finding& f, const std::string& target, const SourcePos& pos, std::string note = {});

private:
    const Config& cfg_;
    FindingBlocks& out_;
    std::string rule_;
    Severity sev_;
};

// What a rule sees: the configuration and its compiled index. Rules run concurrently, so what they
// share is worked out once, by whichever rule asks first.
struct PsapHit;
struct LintContext {
    LintContext(const Config& config, const Compiled& compiled) : cfg(config), c(compiled) {}
    const Config& cfg;
    const Compiled& c;
    // The matrix cells whose emergency calls reach a wrong PSAP or a relay centre, with what the
    // PSAP rules group them by; computed on first use and shared by those rules (lint/psap_cells.cpp).
    const std::vector<PsapHit>& psap_problem_cells() const;
    // The subnets ordered by (family, network, length, list order), sorted once for the two subnet
    // containment rules (lint/subnet_sweep.cpp).
    const std::vector<std::uint32_t>& subnets_in_address_order() const;

private:
    mutable std::once_flag psap_cells_once_, subnet_order_once_;
    mutable std::shared_ptr<std::vector<PsapHit>> psap_cells_;
    mutable std::vector<std::uint32_t> subnet_order_;
};

using RuleCheck = void (*)(const LintContext&, Emit&);

// Plain constant data, so every rule object is constant-initialised (no static-order questions).
struct Rule {
    const char* id;        // stable kebab-case id; also the name of docs/rules/<id>.md
    const char* category;  // network, address, numbers, routing, notification, psap, waivers
    Severity severity;     // default severity of its findings
    const char* summary;   // one line, the same as the doc's "Summary:" line
    RuleCheck check;       // nullptr: the findings come from an engine pass (lint/passes.cpp)
};

// Every rule, in catalogue order (the order of `e911 rules` and of rule execution): registry.cpp.
const std::vector<const Rule*>& registry();
// The load diagnostics, documented like rules (category "load", no check): load_diagnostics.cpp.
const std::vector<Rule>& load_diagnostic_catalogue();

inline std::string target(Kind k, const std::string& id) { return std::string(to_string(k)) + "/" + id; }

}  // namespace e911::detail
