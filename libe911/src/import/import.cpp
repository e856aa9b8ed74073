// The import pipeline: gather files (file, folder, ZIP) -> decode text -> read records (JSON, CSV,
// Microsoft365DSC) -> recognise each record -> map onto a configuration document whose positions
// point at the export -> the loader's own decoder and reference check -> the import report.
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e911/files.hpp"
#include "e911/limits.hpp"
#include "import/importer.hpp"
#include "import/include_hook.hpp"
#include "load/decode.hpp"
#include "util/encoding.hpp"

namespace e911 {

namespace fs = std::filesystem;
using detail::Node;
namespace imp = detail::imp;

namespace {

struct InFile {
    std::string name;
    std::string bytes;
};

Diagnostic unreadable(const std::string& path, const std::string& why) {
    Diagnostic d;
    d.id = "unreadable-file";
    d.file = path;
    d.message = "cannot read `" + path + "`: " + why;
    d.hint = "give a file, a folder, or a ZIP archive of the export";
    return d;
}

bool is_zip(const std::string& b) { return b.size() >= 4 && b.compare(0, 4, "PK\x03\x04") == 0; }

// Every file in a ZIP archive, named "<archive>/<entry>".
void unzip(const InFile& f, std::vector<InFile>& out, std::vector<Diagnostic>& diags) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(f.bytes.data(), f.bytes.size(), 0, &err);
    zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
    if (!z) {
        diags.push_back(
            unreadable(f.name, std::string("not a readable ZIP archive (") + zip_error_strerror(&err) + ")"));
        if (src) zip_source_free(src);
        zip_error_fini(&err);
        return;
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !st.name) continue;
        std::string name = st.name;
        if (name.empty() || name.back() == '/') continue;
        constexpr zip_uint64_t kMaxEntry = 512u << 20;  // an export file is text; refuse archive bombs
        if (st.size > kMaxEntry) {
            diags.push_back(unreadable(f.name + "/" + name, "the entry is larger than 512 MiB"));
            continue;
        }
        zip_file_t* zf = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        if (!zf) continue;
        std::string data(static_cast<std::size_t>(st.size), '\0');
        zip_int64_t got = data.empty() ? 0 : zip_fread(zf, data.data(), st.size);
        zip_fclose(zf);
        if (got < 0) {
            diags.push_back(unreadable(f.name + "/" + name, "the entry could not be decompressed"));
            continue;
        }
        data.resize(static_cast<std::size_t>(got));
        out.push_back({f.name + "/" + name, std::move(data)});
    }
    zip_close(z);
    zip_error_fini(&err);
}

bool is_workbook(const InFile& f) {
    return is_zip(f.bytes) && f.bytes.find("xl/") != std::string::npos &&
           f.bytes.find("[Content_Types].xml") != std::string::npos;
}

void gather(const std::string& path, std::vector<InFile>& out, std::vector<Diagnostic>& diags) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (it->is_regular_file(ec)) files.push_back(it->path());
        if (files.empty()) diags.push_back(unreadable(path, "it is a directory with no files in it"));
        std::sort(files.begin(), files.end());
        for (const auto& f : files) gather(f.string(), out, diags);
        return;
    }
    InFile f{path, {}};
    try {  // the loader's bounded reader: regular files only, never more than the file-size limit
        f.bytes = e911::read_file(path, LoadLimits{}.max_file_bytes);
    } catch (const FileError& e) {
        diags.push_back(unreadable(path, ""));
        diags.back().message = e.what();  // already "cannot read FILE: reason"
        return;
    }
    if (is_zip(f.bytes) && !is_workbook(f))
        unzip(f, out, diags);
    else
        out.push_back(std::move(f));
}

struct Record {
    imp::Type type;
    Node node;
    std::size_t file;  // index into report.files
};

std::string first_keys(const Node& r) {
    std::string s;
    for (std::size_t i = 0; i < r.items.size() && i < 6; ++i) s += (i ? ", " : "") + r.items[i].key;
    return s + (r.items.size() > 6 ? ", ..." : "");
}

void not_ours(ImportFileReport& fr, const std::string& why) {
    fr.format = "not-ours";
    fr.notes.push_back(why);
}

// Reads one file's records; what is not ours is said in the file's report.
void read_file(const InFile& f, std::uint32_t index, ImportFileReport& fr, std::vector<Record>& records, std::size_t fi,
               std::vector<Diagnostic>& diags) {
    if (is_workbook(f)) {
        fr.encoding = "binary";
        return not_ours(fr, "an Excel workbook: save each sheet as CSV (UTF-8) and import those");
    }
    imp::DecodedText dt = imp::decode_text(f.bytes);
    fr.encoding = dt.encoding;
    std::string text = detail::sanitize_utf8(std::move(dt.text), f.name, diags);
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return not_ours(fr, "the file is empty");
    detail::CompactVector<Node> rows;
    if (text[first] == '{' || text[first] == '[') {
        fr.format = "json";
        Node root;
        if (!detail::parse_json(text, index, f.name, root, diags)) return;
        if (root.kind == Node::Kind::sequence)
            rows = std::move(root.items);
        else
            rows.push_back(std::move(root));
    } else if (imp::looks_like_dsc(text)) {
        fr.format = "m365dsc";
        std::vector<imp::DscBlock> blocks;
        std::string err;
        if (!imp::parse_dsc(text, index, blocks, err))
            return not_ours(fr, "a PowerShell DSC file that could not be read: " + err);
        for (auto& b : blocks) {
            imp::Type t = imp::dsc_type(b.resource);
            std::string ensure = imp::text(b.body, "Ensure");
            if (t == imp::Type::unknown) {
                ++fr.read["ignored " + b.resource];
                continue;
            }
            if (ensure == "Absent") {
                ++fr.read["ignored (Ensure = Absent) " + b.resource];
                continue;
            }
            records.push_back({t, std::move(b.body), fi});
        }
        return;
    } else {
        fr.format = "csv";
        imp::CsvTable table;
        std::string err;
        if (!imp::parse_csv(text, index, table, err)) return not_ours(fr, "not a CSV table or JSON export: " + err);
        rows = std::move(table.rows);
        if (rows.empty()) fr.notes.push_back("the table has a header but no rows");
    }
    std::size_t unknown = 0;
    for (auto& r : rows) {
        imp::Type t = imp::detect(r);
        if (t == imp::Type::unknown) {
            ++unknown;
            continue;
        }
        records.push_back({t, std::move(r), fi});
    }
    if (unknown && unknown == rows.size())
        not_ours(fr, "no record matches a Get-Cs* object or LIS layout libe911 reads (properties: " +
                         first_keys(rows[0]) + ")");
    else if (unknown)
        fr.notes.push_back(std::to_string(unknown) + " record(s) match no object type libe911 reads and were skipped");
}

void to_supply(const Config& cfg, ImportReport& rep) {
    if (!cfg.gateways.empty())
        rep.to_supply.push_back(std::to_string(cfg.gateways.size()) +
                                " gateway(s) have no `emergency_routing`, `address` or "
                                "`elin_callback_minutes` (no export holds them): set them with `overrides:`");
    if (cfg.psaps.empty() && !cfg.addresses.empty())
        rep.to_supply.push_back("no PSAPs: PSAP routing cannot be judged for " + std::to_string(cfg.addresses.size()) +
                                " address(es); add `psaps:` with their service areas");
    std::size_t no_ecrp = 0;
    for (const auto& s : cfg.sites)
        if (!s.emergency_call_routing_policy.set() && !s.location_policy.set()) ++no_ecrp;
    if (no_ecrp)
        rep.to_supply.push_back(std::to_string(no_ecrp) +
                                " network site(s) have no emergency call routing or location policy; "
                                "calls there use the user's policy");
    // Get-CsOnlineUser shows the usage location and a Calling Plan, but the number's static emergency address
    // and Operator Connect are on Get-CsPhoneNumberAssignment (LocationId, NumberType), which is not read, and a
    // common area phone is a licence no cmdlet here shows: said, not guessed.
    std::size_t teams_users = 0;
    for (const auto& u : cfg.users) teams_users += u.platform == Platform::teams;
    if (teams_users)
        rep.to_supply.push_back(std::to_string(teams_users) +
                                " Teams user(s) have no `emergency_address`, `common_area_phone` or "
                                "`pstn: operator_connect` (Get-CsOnlineUser holds none of them): set them under "
                                "`users:` or with `overrides:`");
}

// Reads and maps `files` into a configuration document; positions index cfg.files.
Node build_document(const std::vector<InFile>& files, Config& cfg, std::vector<Diagnostic>& diags,
                    ImportReport& report) {
    std::vector<Record> records;
    std::size_t first_report = report.files.size();
    for (const auto& f : files) {
        auto index = static_cast<std::uint32_t>(cfg.files.size());
        cfg.files.push_back(f.name);
        report.files.push_back(ImportFileReport{f.name, {}, {}, {}, {}, {}});
        read_file(f, index, report.files.back(), records, report.files.size() - 1, diags);
    }
    (void)first_report;
    // Addresses before locations before network elements, policies before users: the order the
    // model is written in, whatever order the files came in.
    // Their order is sorted, not the records themselves: a record is a tree, and moving hundreds of
    // thousands of them through a merge sort cost a twentieth of an import.
    std::vector<std::uint32_t> order(records.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return records[a].type < records[b].type; });
    imp::Doc doc;
    std::set<std::string> platforms;
    for (std::uint32_t i : order) {
        const Record& r = records[i];
        imp::Ctx c{doc, cfg, diags, report.files[r.file], platforms};
        imp::map_record(c, r.type, r.node);
    }
    if (doc.group_assignments)
        report.to_supply.push_back(std::to_string(doc.group_assignments) +
                                   " group policy assignment(s) were reported, not applied: the export holds no group "
                                   "membership, so users without a direct assignment use the global policy; give "
                                   "the members their policy under `users:` if it matters");
    if (platforms.size() == 1 && *platforms.begin() == "sfb") {
        Node d;
        d.kind = Node::Kind::mapping;
        imp::set(d, "platform", imp::str("sfb", {}));
        imp::set(doc.root(), "defaults", std::move(d));
    }
    return std::move(doc.root());
}

// Messages and notes quote the export (a parser's "near `...`" cut inside a replaced byte, a key, a
// file name inside a ZIP) and may carry invalid UTF-8; every consumer writes them as JSON, which must
// never fail. The loader does the same for its own diagnostics.
void printable(ImportResult& res) {
    for (auto& d : res.diagnostics)
        for (std::string* s : {&d.file, &d.key, &d.message, &d.hint}) *s = detail::printable_utf8(*s);
    for (auto& f : res.report.files) {
        f.file = detail::printable_utf8(f.file);
        for (auto& n : f.notes) n = detail::printable_utf8(n);
        std::map<std::string, int> read;
        for (const auto& [type, n] : f.read) read[detail::printable_utf8(type)] += n;
        f.read = std::move(read);
    }
}

ImportResult import_files(std::vector<InFile> files, std::vector<Diagnostic> diags) {
    ImportResult res;
    res.diagnostics = std::move(diags);
    Config& cfg = res.config;
    Node root = build_document(files, cfg, res.diagnostics, res.report);
    std::size_t before = res.diagnostics.size();
    detail::decode_and_index(root, cfg, res.diagnostics);
    for (std::size_t i = before; i < res.diagnostics.size(); ++i) {
        const Diagnostic& d = res.diagnostics[i];
        for (auto& fr : res.report.files)
            if (fr.file == d.file) fr.notes.push_back("line " + std::to_string(d.line) + ": " + d.message);
    }
    to_supply(cfg, res.report);
    printable(res);
    return res;
}

}  // namespace

ImportResult import_paths(const std::vector<std::string>& paths) {
    std::vector<InFile> files;
    std::vector<Diagnostic> diags;
    for (const auto& p : paths) gather(p, files, diags);
    return import_files(std::move(files), std::move(diags));
}

ImportResult import_bytes(const std::string& bytes, const std::string& name) {
    std::vector<InFile> files;
    std::vector<Diagnostic> diags;
    InFile f{name, bytes};
    if (is_zip(bytes) && !is_workbook(f))
        unzip(f, files, diags);
    else
        files.push_back(std::move(f));
    return import_files(std::move(files), std::move(diags));
}

namespace detail::imp {

bool is_export(const std::string& path, bool strict) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return true;
    // Sniff regular files only: opening a FIFO would block, a device never ends. The loader's own
    // reader refuses those with the reason.
    if (!fs::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (is_zip(head)) return true;
    auto ext = lower_ascii(fs::path(path).extension().string());
    if (ext == ".csv" || ext == ".txt" || ext == ".ps1") return true;
    if (ext != ".json") return false;
    // A Get-Cs* dump is an array, or an object without the format's `version` key.
    DecodedText d = decode_text(head);
    auto first = d.text.find_first_not_of(" \t\r\n");
    return first != std::string::npos &&
           (d.text[first] == '[' || (!strict && d.text.find("\"version\"") == std::string::npos));
}

bool export_document(const std::string& path, Config& cfg, Node& root, std::vector<Diagnostic>& out) {
    std::vector<InFile> files;
    std::size_t before = out.size();
    gather(path, files, out);
    for (std::size_t i = before; i < out.size(); ++i)
        if (out[i].id == "unreadable-file") return false;
    ImportReport report;
    root = build_document(files, cfg, out, report);
    for (const auto& f : report.files)
        if (f.format == "not-ours") {
            Diagnostic d;
            d.id = "import-not-ours";
            d.severity = Severity::warning;
            d.file = f.file;
            d.message = "not an export libe911 reads: " + (f.notes.empty() ? std::string() : f.notes[0]);
            d.hint = "remove it from the included export, or convert it (see e911 import)";
            out.push_back(std::move(d));
        }
    return true;
}

}  // namespace detail::imp

}  // namespace e911
