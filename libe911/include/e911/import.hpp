// Importing what administrators already keep: PowerShell dumps of the Get-Cs* cmdlets (JSON from
// ConvertTo-Json, CSV from Export-Csv), the Teams / Skype for Business LIS bulk CSV layouts,
// TeamsE911Automation's flat CSV and Microsoft365DSC configurations; and writing a configuration
// back as PowerShell or as the cmdlets' JSON. Every imported object keeps the export file and line
// it came from, and the export's own identifiers as ids.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"
#include "e911/model.hpp"

namespace e911 {

// What one input file held, as the importer understood it.
struct ImportFileReport {
    std::string file;
    std::string format;                 // "json", "csv", "m365dsc", or "not-ours"
    std::string encoding;               // "utf-8", "utf-8 (BOM)", "utf-16le", ...
    std::map<std::string, int> read;    // object type (cmdlet or layout name) -> records read
    std::map<std::string, int> mapped;  // model kind -> objects created
    std::vector<std::string> notes;     // what could not be mapped and why
};

struct ImportReport {
    std::vector<ImportFileReport> files;
    std::vector<std::string> to_supply;  // facts no export holds that the user must still write
};

struct ImportResult {
    Config config;
    std::vector<Diagnostic> diagnostics;  // positions point at the export files
    ImportReport report;
    bool ok() const { return !has_errors(diagnostics); }
};

// Each path is a file, a folder (read recursively) or a ZIP archive.
ImportResult import_paths(const std::vector<std::string>& paths);
// One in-memory file; `name` is used for detection hints and in positions.
ImportResult import_bytes(const std::string& bytes, const std::string& name);

std::string import_report_json(const ImportReport& report);
std::string import_report_text(const ImportReport& report);

// The configuration in the format's YAML form (the same content as config_to_json).
std::string config_to_yaml(const Config& config);

// ---- writing back
enum class ExportTarget { powershell, cmdlet_json };

// One written file: `name` is a relative file name (cmdlet JSON: "Get-CsXxx.txt").
struct ExportFile {
    std::string name;
    std::string text;
};

// `since` (may be null): write only what changed from that configuration (PowerShell only).
std::vector<ExportFile> export_config(const Config& config, ExportTarget target, const Config* since = nullptr);

// Writes `files` into `path`: a ZIP archive when it ends in ".zip", else a folder (created).
// Returns "" or what went wrong.
std::string write_export(const std::vector<ExportFile>& files, const std::string& path);

}  // namespace e911
