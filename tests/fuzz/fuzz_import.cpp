// The importer on fuzzed exports: decode (UTF-8/UTF-16), JSON / CSV / Microsoft365DSC / ZIP
// reading, object detection and mapping, the report, and writing the result back as PowerShell and
// cmdlet JSON, whose files must import again. Every JSON answer must be valid JSON; nothing may throw.
#include "e911/import.hpp"
#include "fuzz_common.hpp"

namespace {
// The first byte picks the file name the export arrives under: the importer decides by content,
// but the name is in every position and the report.
const char* const kNames[] = {"Get-CsOnlineLisSubnet.txt", "export.csv", "M365TenantConfig.ps1", "dump.json",
                              "backup.zip"};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return -1;
    const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
    auto r = e911::import_bytes(fuzz::text(data + 1, size - 1), name);
    fuzz::must_be_json(e911::diagnostics_to_json(r.diagnostics));
    fuzz::must_be_json(e911::import_report_json(r.report));
    (void)e911::import_report_text(r.report);
    if (!r.ok()) return 0;
    fuzz::must_be_json(e911::config_to_json(r.config));
    (void)e911::config_to_yaml(r.config);
    (void)e911::export_config(r.config, e911::ExportTarget::powershell);
    (void)e911::export_config(r.config, e911::ExportTarget::powershell, &r.config);
    for (const auto& f : e911::export_config(r.config, e911::ExportTarget::cmdlet_json)) {
        fuzz::must_be_json(f.text);
        auto again = e911::import_bytes(f.text, f.name);
        fuzz::must_be_json(e911::diagnostics_to_json(again.diagnostics));
    }
    return 0;
}
