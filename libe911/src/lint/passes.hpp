// The engine's passes: what happens to the findings after the rules ran. They are not rules:
// they read and mark the findings of every rule (waivers, baseline) or identify them (fingerprints).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lint/rule.hpp"

namespace e911::detail {

// Which rules a lint run executes (--select / --ignore, by id or category).
struct RuleSelection {
    std::set<std::string> select;  // empty = all
    std::set<std::string> ignore;
    bool runs(const std::string& id, const std::string& category) const {
        if (!select.empty() && !select.count(id) && !select.count(category)) return false;
        return !ignore.count(id) && !ignore.count(category);
    }
};

// Runs `rules` over the configuration on `workers` threads (each takes the next rule not yet started)
// and returns each rule's findings, in the order of `rules`, whatever the threads did. Only the
// calling thread calls `progress`, so it need not be thread-safe.
std::vector<FindingBlocks> findings_per_rule(const LintContext& ctx, const std::vector<const Rule*>& rules,
                                             const ProgressFn& progress, unsigned workers);
// The findings of every rule in one list, in the report's order: by file, line, column, rule and
// target, and otherwise in the order of `found` and of each rule's findings. Each finding moves
// once, and `found` is emptied block by block as it goes. `hand_back`: memory freed on the rules'
// threads is handed back to the system as the findings move (platform::return_freed_memory).
std::vector<Finding> join_in_file_order(const Config& cfg, std::vector<FindingBlocks>& found, bool hand_back);
// Both, for tests.
std::vector<Finding> run_rules(const LintContext& ctx, const std::vector<const Rule*>& rules, const ProgressFn& progress,
                               unsigned workers);

// Marks the findings each unexpired waiver accepts, and adds the waiver rules' findings
// (waiver-expired, waiver-unmatched; when selected) as one more entry of `found`, in the waivers'
// order. `ran`: the rules whose checks ran, so a waiver for a rule that was not run is not called
// unmatched.
void waiver_pass(const Config& cfg, const std::string& today, const RuleSelection& selection,
                 const std::set<std::string>& ran, std::vector<FindingBlocks>& found);

// Sets every finding's fingerprint and marks those a baseline accepts, with their reasons. An error is
// accepted only with a reason: without one it stays active and its hint says what the baseline lacks.
void baseline_pass(const std::set<std::string>& baseline, std::vector<Finding>& findings,
                   const std::map<std::string, std::string>& reasons = {});

// rule + target + message, hashed (FNV-1a): stable across edits that only move lines.
std::string fingerprint(const Finding& f);

}  // namespace e911::detail
