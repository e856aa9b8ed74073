// What every subcommand shares: exit codes, output, loading with diagnostics on stderr.
// Each subcommand lives in its own cmd_*.cpp and registers itself with add_*(); main() runs the
// one that was parsed. No answer is computed here: that is the library's job.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "e911/e911.hpp"
#include "e911/files.hpp"

namespace cli {

constexpr int kClean = 0, kFindings = 1, kUsage = 2;

// A registered subcommand: its CLI11 node and what runs it (returns the exit code).
struct Command {
    CLI::App* app;
    std::function<int()> run;
};

bool stdout_is_terminal();
bool stderr_is_terminal();
// Writes `text` to -o FILE (atomically: the old file survives any failure), or to stdout when
// `output` is empty or "-"; a write error is reported with its reason. Returns an exit code.
int emit(const std::string& text, const std::string& output);
// The same for text made a piece at a time (a large report is never held whole).
int emit(const std::function<void(const e911::TextSink&)>& produce, const std::string& output);
// Flushes stdout; on a write error (closed pipe, full disk) says so and returns kUsage, else 0.
int check_stdout();
// Bounds and include confinement for every load (the global --allow-include-outside, --max-* options).
e911::LoadOptions& load_options();
// load_files() with the global options and a progress line on a terminal (erased when it returns).
e911::LoadResult load_showing_progress(const std::vector<std::string>& files);
// Loads and prints load errors to stderr; returns an exit code, or -1 to continue.
int load_or_report(const std::vector<std::string>& files, e911::LoadResult& r);
// Whole regular file as bytes, bounded like a configuration; throws std::invalid_argument naming the file and why.
std::string read_file(const std::string& path);
// validate/lint: FILE arguments -> configurations (each file its own unless --merge); notes on stderr.
// Empty when --only-configs skipped every file.
std::vector<e911::ConfigUnit> plan_files(const std::vector<std::string>& files, bool merge, bool only_configs);
void add_file_set_options(CLI::App* sub, bool& merge, bool& only_configs);

Command add_validate(CLI::App& app);
Command add_schema(CLI::App& app);
Command add_lint(CLI::App& app);
Command add_simulate(CLI::App& app);
Command add_pidf(CLI::App& app);
Command add_matrix(CLI::App& app);
Command add_diff(CLI::App& app);
Command add_report(CLI::App& app);
Command add_convert(CLI::App& app);
Command add_rules(CLI::App& app);
Command add_explain(CLI::App& app);
Command add_help(CLI::App& app);
Command add_completion(CLI::App& app);
// Before parsing: a first argument that is no subcommand gets "did you mean"; returns an exit code or -1.
int check_subcommand(CLI::App& app, int argc, char** argv);
Command add_import(CLI::App& app);
Command add_export(CLI::App& app);

}  // namespace cli
