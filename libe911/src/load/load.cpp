// The load pipeline: read -> UTF-8 check -> parse (YAML/JSON) -> includes -> schema -> decode -> resolve.
#include "e911/load.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <sstream>

#include "e911/files.hpp"
#include "import/include_hook.hpp"
#include "load/decode.hpp"
#include "load/document.hpp"
#include "model/describe.hpp"
#include "util/encoding.hpp"

namespace e911 {

extern const char* const kSchemaText;  // generated from schemas/e911-config.schema.json

namespace fs = std::filesystem;
using detail::Node;

LoadError::LoadError(std::vector<Diagnostic> d)
    : std::runtime_error(d.empty() ? "configuration could not be loaded"
                                   : d.front().file + ":" + std::to_string(d.front().line) + ":" + std::to_string(d.front().column) +
                                         ": " + d.front().message + (d.size() > 1 ? " (and " + std::to_string(d.size() - 1) + " more)" : "")),
      diagnostics_(std::move(d)) {}

bool LoadResult::unreadable() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.id == "unreadable-file"; });
}

const std::string& schema_text() {
    static const std::string s = kSchemaText;
    return s;
}

namespace {

Diagnostic make(const char* id, const std::string& file, SourcePos p, std::string key, std::string msg, std::string hint) {
    Diagnostic d;
    d.id = id;
    d.file = file;
    d.line = p.line;
    d.column = p.column;
    d.key = std::move(key);
    d.message = std::move(msg);
    d.hint = std::move(hint);
    return d;
}

Format detect(const std::string& name, const std::string& text, Format f) {
    if (f != Format::automatic) return f;
    auto ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".json") return Format::json;
    if (ext == ".yaml" || ext == ".yml") return Format::yaml;
    auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string::npos && (text[first] == '{') ? Format::json : Format::yaml;
}

// Merges `extra` into `base`: mappings key by key, lists appended, equal scalars accepted.
void merge(Node& base, Node&& extra, Config& cfg, std::vector<Diagnostic>& out, const std::string& path) {
    if (base.kind == Node::Kind::mapping && extra.kind == Node::Kind::mapping) {
        std::unordered_map<std::string, std::size_t> index;  // a scan per key would be quadratic in big mappings
        for (std::size_t i = 0; i < base.items.size(); ++i) index.emplace(base.items[i].key, i);
        for (Node& value : extra.items) {
            const std::string k = value.key.str();
            if (k == "include" && path.empty()) continue;
            auto it = index.find(k);
            if (it == index.end()) {
                index.emplace(k, base.items.size());
                base.items.push_back(std::move(value));
            } else {
                merge(base.items[it->second], std::move(value), cfg, out, path.empty() ? k : path + "." + k);
            }
        }
        return;
    }
    if (base.kind == Node::Kind::sequence && extra.kind == Node::Kind::sequence) {
        for (auto& it : extra.items) base.items.push_back(std::move(it));
        return;
    }
    if (base.is_scalar() && extra.is_scalar() && base.kind == extra.kind && base.text == extra.text) return;
    if (base.kind == Node::Kind::null) {
        base = std::move(extra);
        return;
    }
    out.push_back(make("include-conflict", cfg.file_of(extra.pos), extra.pos, path,
                       "`" + path + "` is set differently here and at " + cfg.file_of(base.pos) + ":" + std::to_string(base.pos.line),
                       "set `" + path + "` in one file only"));
}

// Whether `p` lies inside directory `dir` (both canonical).
bool inside(const fs::path& p, const fs::path& dir) {
    auto rel = p.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != ".." && rel.is_relative();
}

class Loader {
public:
    Loader(Config& cfg, std::vector<Diagnostic>& out, const LoadOptions& options) : cfg_(cfg), out_(out), opt_(options) {}

    // A root file: its directory is where its includes must stay.
    bool read_root(const fs::path& path, Node& root) {
        // The directory the path names (a symlinked root's includes resolve next to the link).
        std::error_code ec;
        fs::path dir = fs::absolute(path, ec).parent_path();
        root_dir_ = fs::weakly_canonical(dir, ec);
        if (ec) root_dir_ = dir;
        return read_file(path, root, nullptr, "");
    }
    // Text with no file of its own: includes resolve against `base_dir` and stay inside it.
    bool read_root_text(const std::string& text, const std::string& name, Format format, const fs::path& base_dir, Node& root) {
        std::error_code ec;
        root_dir_ = fs::weakly_canonical(base_dir, ec);
        if (ec) root_dir_ = base_dir;
        from_text_ = true;
        return read_text(text, name, format, base_dir, root_dir_ / name, root);
    }

    // Reads one file (and its includes) into `root`. `via` is the position of the include entry.
    bool read_file(const fs::path& path, Node& root, const SourcePos* via, const std::string& via_file) {
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(path, ec);
        if (ec) canon = path;
        auto refuse = [&](const std::string& msg, const std::string& hint) {
            SourcePos p = via ? *via : SourcePos{};
            out_.push_back(make(via ? "include-error" : "unreadable-file", via ? via_file : path.string(), p, via ? "include" : "", msg, hint));
            return false;
        };
        if (std::find(stack_.begin(), stack_.end(), canon) != stack_.end()) {
            SourcePos p = via ? *via : SourcePos{};
            out_.push_back(make("include-cycle", via_file, p, "include", "`" + path.string() + "` includes itself (cycle: " + cycle(canon) + ")",
                                "remove one of the includes in the cycle"));
            return false;
        }
        // Each file is read once per load: a second include of it (a diamond, or a root file that
        // another root includes) adds nothing, and 2^n re-reads of a doubled chain cannot happen.
        if (loaded_.count(canon)) return false;
        if (via && !opt_.allow_include_outside && !inside(canon, root_dir_))
            return refuse("`" + path.string() + "` is outside " + root_dir_.string() +
                              ", the directory of the root configuration; includes stay inside it",
                          "move the file next to the configuration, or allow it with --allow-include-outside "
                          "(LoadOptions::allow_include_outside, Python allow_include_outside=True)");
        if (stack_.size() >= opt_.limits.max_include_depth)
            return refuse("include chain deeper than " + std::to_string(opt_.limits.max_include_depth) + " files at `" + path.string() + "`",
                          "include the files from fewer levels (a root that includes every part)");
        if (files_read_ >= opt_.limits.max_files)
            return refuse("more than " + std::to_string(opt_.limits.max_files) + " files in one load; `" + path.string() + "` was not read",
                          "join small files, or raise LoadLimits::max_files");
        // A PowerShell export (file, folder, ZIP), named or included, is imported into a document here.
        if (detail::imp::is_export(path.string(), via == nullptr)) {
            ++files_read_;
            loaded_.insert(canon);
            return detail::imp::export_document(path.string(), cfg_, root, out_);
        }
        std::string raw;
        try {
            raw = e911::read_file(path.string(), opt_.limits.max_file_bytes);
        } catch (const FileError& e) {
            return refuse(e.what(), via ? "include paths are relative to the including file" : "check the path and permissions");
        }
        ++files_read_;
        loaded_.insert(canon);
        bytes_read_ += raw.size();
        if (opt_.progress) opt_.progress(Progress{"reading", "bytes", bytes_read_, 0});
        return read_text(std::move(raw), path.string(), Format::automatic, path.parent_path(), canon, root);
    }

    bool read_text(std::string raw, const std::string& name, Format format, const fs::path& dir, const fs::path& canon, Node& root) {
        auto index = static_cast<std::uint32_t>(cfg_.files.size());
        cfg_.files.push_back(name);
        auto enc = detail::decode_to_utf8(raw);
        if (detail::is_utf16(enc)) {  // said, not guessed: Windows tools write UTF-16 by default
            out_.push_back(make("invalid-utf8", name, SourcePos{index, 1, 1}, "",
                                std::string("the file is ") + detail::describe(enc) + ", not UTF-8; it was decoded as UTF-16",
                                "save it as UTF-8 so every tool reads it the same way"));
            out_.back().severity = Severity::info;
        }
        // Moved, not copied: a 300 MB file is held once while the tree is built.
        std::string text = detail::sanitize_utf8(std::move(raw), name, out_);
        Format f = detect(name, text, format);
        bool ok = f == Format::json ? detail::parse_json(text, index, name, root, out_, opt_.limits)
                                    : detail::parse_yaml(text, index, name, root, out_, opt_.limits);
        std::string().swap(text);  // the tree holds its own copies
        if (!ok) return false;
        if (root.kind == Node::Kind::null) {
            out_.push_back(make("wrong-type", name, SourcePos{index, 1, 1}, "", "the document is empty",
                                "start from an example in examples/ (a configuration needs at least `version: 1`)"));
            return false;
        }
        const Node* inc = root.get("include");
        if (!inc) return true;
        stack_.push_back(canon);
        for (const auto& [file, pos] : include_list(*inc, name)) {
            Node sub;
            fs::path p = fs::path(file).is_absolute() ? fs::path(file) : dir / file;
            if (from_text_ && fs::path(file).is_absolute() && !opt_.allow_include_outside) {
                out_.push_back(make("include-error", name, pos, "include", "`" + file + "`: a configuration given as text may not include an absolute path",
                                    "name the file relative to the base directory, or allow it with allow_include_outside"));
                continue;
            }
            if (read_file(p, sub, &pos, name) && sub.kind == Node::Kind::mapping) merge(root, std::move(sub), cfg_, out_, "");
            else if (sub.kind != Node::Kind::mapping && sub.kind != Node::Kind::null)
                out_.push_back(make("wrong-type", p.string(), sub.pos, "", "an included file must be a mapping", "start it with `version: 1`"));
        }
        stack_.pop_back();
        return true;
    }

private:
    std::vector<std::pair<std::string, SourcePos>> include_list(const Node& inc, const std::string& name) {
        std::vector<std::pair<std::string, SourcePos>> files;
        auto add = [&](const Node& it) {
            if (it.text.empty()) out_.push_back(make("include-error", name, it.pos, "include", "an include entry is empty", "write the file's path"));
            else files.emplace_back(it.text, it.pos);
        };
        if (inc.kind == Node::Kind::string) add(inc);
        else if (inc.kind == Node::Kind::sequence)
            for (const auto& it : inc.items) {
                if (it.kind == Node::Kind::string) add(it);
                else out_.push_back(make("wrong-type", name, it.pos, "include[]", "an include entry must be a file path string",
                                         "write `include: [other.yaml]`"));
            }
        else out_.push_back(make("wrong-type", name, inc.pos, "include", "`include` must be a list of file paths", "write `include: [other.yaml]`"));
        return files;
    }
    std::string cycle(const fs::path& again) const {
        std::string s;
        bool on = false;
        for (const auto& p : stack_) {
            if (p == again) on = true;
            if (on) s += p.filename().string() + " -> ";
        }
        return s + again.filename().string();
    }
    Config& cfg_;
    std::vector<Diagnostic>& out_;
    const LoadOptions& opt_;
    std::vector<fs::path> stack_;
    std::set<fs::path> loaded_;
    fs::path root_dir_;
    bool from_text_ = false;
    std::uint32_t files_read_ = 0;
    std::uint64_t bytes_read_ = 0;
};

// ------------------------------------------------------------------ schema
nlohmann::json to_json(const Node& n) {
    switch (n.kind) {
        case Node::Kind::null: return nullptr;
        case Node::Kind::boolean: return n.text == "true";
        case Node::Kind::integer:
            try { return std::stoll(n.text.str(), nullptr, 0); } catch (...) { return n.text.str(); }
        case Node::Kind::real:
            try { return std::stod(n.text.str()); } catch (...) { return n.text.str(); }
        case Node::Kind::string: return n.text.str();
        case Node::Kind::sequence: {
            nlohmann::json a = nlohmann::json::array();
            for (const auto& i : n.items) a.push_back(to_json(i));
            return a;
        }
        case Node::Kind::mapping: {
            nlohmann::json o = nlohmann::json::object();
            for (const Node& value : n.items) o[value.key.str()] = to_json(value);
            return o;
        }
    }
    return nullptr;
}

const valijson::Schema& compiled_schema() {
    // Parsed once; valijson schemas are immutable after population and safe to share.
    static const valijson::Schema* schema = [] {
        auto* s = new valijson::Schema;
        valijson::SchemaParser parser;
        auto doc = nlohmann::json::parse(kSchemaText);
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *s);
        return s;
    }();
    return *schema;
}

// Follows a valijson context ("<root>", "[network]", "[sites]", "[0]") down the tree.
const Node* follow(const Node& root, const std::vector<std::string>& ctx, std::string& path, SourcePos& key_pos) {
    const Node* n = &root;
    for (std::size_t i = 1; i < ctx.size(); ++i) {
        std::string part = ctx[i].size() >= 2 ? ctx[i].substr(1, ctx[i].size() - 2) : ctx[i];
        if (n->kind == Node::Kind::mapping) {
            const Node* value = n->get(part);
            if (!value) return n;
            key_pos = value->key_pos;
            n = value;
            path += path.empty() ? part : "." + part;
        } else if (n->kind == Node::Kind::sequence) {
            std::size_t idx = std::strtoul(part.c_str(), nullptr, 10);
            if (idx >= n->items.size()) return n;
            n = &n->items[idx];
            path += "[" + part + "]";
        }
    }
    return n;
}

void validate_schema(const Node& root, Config& cfg, std::vector<Diagnostic>& out, std::size_t max_errors) {
    nlohmann::json doc = to_json(root);
    valijson::Validator validator;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    valijson::ValidationResults results;
    if (validator.validate(compiled_schema(), adapter, &results)) return;
    // Positions where the decoder will speak more precisely are skipped below; the schema check
    // catches what the decoder has no words for (patterns, bounds the schema adds).
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
    valijson::ValidationResults::Error e;
    std::size_t looked_at = 0;
    while (results.popError(e)) {
        if (e.description.rfind("Failed to validate", 0) == 0) continue;  // aggregate of nested errors
        // Each one costs a walk down the tree; past this many the diagnostics cap hides them anyway.
        if (++looked_at > max_errors) break;
        std::string path;
        SourcePos key_pos;
        const Node* n = follow(root, e.context, path, key_pos);
        SourcePos p = n->pos;
        auto q = e.description.find("constraints: '");
        if (q != std::string::npos) {  // additionalProperties: point at the offending key
            std::string key = e.description.substr(q + 14);
            key = key.substr(0, key.find('\''));
            if (const Node* value = n->get(key)) p = value->key_pos, path += (path.empty() ? "" : ".") + key;
        }
        if (!seen.insert({p.file, p.line, p.column}).second) continue;
        out.push_back(make("schema-violation", cfg.file_of(p), p, path, "schema: " + e.description,
                           "see schemas/e911-config.schema.json for what `" + (path.empty() ? std::string("the document") : path) + "` accepts"));
    }
}

// Drops schema findings at positions the decoder already explained.
void dedupe(std::vector<Diagnostic>& ds) {
    std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> decoder_at;
    for (const auto& d : ds)
        if (d.id != "schema-violation") decoder_at.insert({d.file, d.line, d.column});
    ds.erase(std::remove_if(ds.begin(), ds.end(),
                            [&](const Diagnostic& d) { return d.id == "schema-violation" && decoder_at.count({d.file, d.line, d.column}); }),
             ds.end());
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
}

// Keeps the first `max` diagnostics and says how many more there were, by id: a file with
// 100,000 bad keys gets a readable report, not 30 MB of it. The summary keeps the worst severity
// of what it replaces, so a capped load fails exactly as an uncapped one.
void cap(std::vector<Diagnostic>& ds, std::size_t max) {
    if (ds.size() <= max) return;
    std::map<std::string, std::size_t> by_id;
    Severity worst = Severity::info;
    for (std::size_t i = max; i < ds.size(); ++i) ++by_id[ds[i].id], worst = std::max(worst, ds[i].severity);
    std::string ids;
    std::string most;
    for (const auto& [id, n] : by_id) {
        ids += (ids.empty() ? "" : ", ") + std::to_string(n) + " " + id;
        if (most.empty() || n > by_id[most]) most = id;
    }
    Diagnostic d = ds[max];
    d.id = most;
    d.severity = worst;
    d.key.clear();
    d.message = std::to_string(ds.size() - max) + " more diagnostic(s) not shown (" + ids + "); the first " + std::to_string(max) + " are listed";
    d.hint = "fix the ones listed and run again, or raise the limit (--max-diagnostics, LoadLimits::max_diagnostics)";
    ds.resize(max);
    ds.push_back(std::move(d));
}

LoadResult finish(LoadResult r, Node& root, bool parsed, const LoadOptions& options) {
    const LoadLimits& limits = options.limits;
    if (parsed) detail::imp::apply_overrides(root, r.config, r.diagnostics);  // `overrides:` on imported objects
    if (parsed && root.kind == Node::Kind::mapping) {
        std::vector<Diagnostic> schema;
        if (options.check_schema) validate_schema(root, r.config, schema, std::size_t{limits.max_diagnostics} + 1);
        detail::decode_and_index(root, r.config, r.diagnostics, options.progress);  // consumes the tree
        for (auto& d : schema) r.diagnostics.push_back(std::move(d));
    } else if (parsed) {
        r.diagnostics.push_back(make("wrong-type", r.config.files.empty() ? "" : r.config.files[0], root.pos, "",
                                     std::string("the document must be a mapping, not a ") + root.kind_name(), "start the file with `version: 1`"));
        r.config.build_indexes();
    } else {
        r.config.build_indexes();
    }
    dedupe(r.diagnostics);
    cap(r.diagnostics, limits.max_diagnostics);
    // Messages quote the input (a parser's "near `...`", a file name, a key) and may cut or carry
    // invalid UTF-8; every consumer writes them as JSON, which must never fail.
    for (auto& d : r.diagnostics)
        for (std::string* s : {&d.file, &d.key, &d.message, &d.hint}) *s = detail::printable_utf8(*s);
    return r;
}

}  // namespace

LoadResult load_files(const std::vector<std::string>& paths, const LoadOptions& options) {
    LoadResult r;
    Node root;
    bool parsed = false;
    Loader loader(r.config, r.diagnostics, options);
    for (const auto& p : paths) {
        Node one;
        if (!loader.read_root(p, one)) continue;
        if (!parsed) root = std::move(one), parsed = true;
        else if (one.kind == Node::Kind::mapping) merge(root, std::move(one), r.config, r.diagnostics, "");
    }
    if (paths.empty()) r.diagnostics.push_back(make("unreadable-file", "", {}, "", "no configuration file given", "name at least one file"));
    return finish(std::move(r), root, parsed, options);
}

LoadResult load_string(const std::string& text, Format format, const std::string& name, const std::string& base_dir,
                       const LoadOptions& options) {
    LoadResult r;
    Node root;
    Loader loader(r.config, r.diagnostics, options);
    bool parsed = loader.read_root_text(text, name, format, base_dir, root);
    return finish(std::move(r), root, parsed, options);
}

Config load_or_throw(const std::vector<std::string>& paths) {
    LoadResult r = load_files(paths);
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));
    return std::move(r.config);
}

}  // namespace e911
