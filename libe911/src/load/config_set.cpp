// Which configurations a list of files stands for: includes followed, fragments traced to the
// configurations that include them (the rule is in e911/config_set.hpp).
#include "e911/config_set.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "e911/files.hpp"
#include "e911/limits.hpp"
#include "load/document.hpp"
#include "load/sniff.hpp"
#include "util/encoding.hpp"

namespace e911 {
namespace fs = std::filesystem;

namespace {

// Bounded like the real load (which reports an unreadable or oversized file; here it is skipped).
std::string read_all(const fs::path& p) {
    try {
        return read_file(p.string(), LoadLimits{}.max_file_bytes);
    } catch (const FileError&) {
        return {};
    }
}

fs::path canonical_of(const fs::path& p) {
    std::error_code ec;
    auto c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : c;
}

std::string display(const fs::path& p) { return p.lexically_normal().generic_string(); }

bool is_json(const fs::path& p, const std::string& text) {
    auto ext = p.extension().string();
    if (ext == ".json") return true;
    if (ext == ".yaml" || ext == ".yml") return false;
    auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string::npos && text[first] == '{';
}

// glibc's and the BSDs' memmem skips ahead on two-byte pairs; string_view::find stops at every `i`
// (a third of the time of a scan of a JSON configuration's neighbours).
bool contains(std::string_view text, std::string_view word) {
#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)
    return memmem(text.data(), text.size(), word.data(), word.size()) != nullptr;
#else
    return text.find(word) != std::string_view::npos;
#endif
}

// Whether the bytes `include` occur in the file at all: a block scan at memory speed, so the big
// data files beside a configuration cost one read each, not a parse of their keys.
bool mentions_include(const fs::path& p) {
    static constexpr std::string_view word = "include";
    std::ifstream f(p, std::ios::binary);
    std::string block(1 << 20, '\0');
    std::size_t kept = 0;  // the tail of the previous block, in case the word straddles two
    while (f) {
        f.read(block.data() + kept, static_cast<std::streamsize>(block.size() - kept));
        std::size_t n = kept + static_cast<std::size_t>(f.gcount());
        if (contains(std::string_view(block.data(), n), word)) return true;
        kept = std::min(n, word.size() - 1);
        std::copy(block.data() + n - kept, block.data() + n, block.data());
    }
    return false;
}

// The include graph of the files looked at, keyed by canonical path; each file read at most once.
class IncludeGraph {
public:
    // The files `p` includes directly, as paths relative to the working directory.
    const std::vector<fs::path>& direct(const fs::path& p) {
        auto key = canonical_of(p);
        auto it = direct_.find(key);
        if (it != direct_.end()) return it->second;
        auto& out = direct_[key];
        {  // most files have no `include`: find out without holding them in memory (UTF-16 ones are converted)
            std::ifstream f(p, std::ios::binary);
            bool utf16 = f.peek() == 0xFF || f.peek() == 0xFE;
            if (!utf16 && !mentions_include(p)) return out;
            auto keys = utf16 ? detail::top_level_keys(detail::to_utf8(read_all(p))) : detail::top_level_keys(f);
            if (std::find(keys.begin(), keys.end(), "include") == keys.end()) return out;
        }
        std::string text = detail::to_utf8(read_all(p));
        detail::Node root;
        std::vector<Diagnostic> ignored;  // the real load reports them
        bool ok = is_json(p, text) ? detail::parse_json(text, 0, p.string(), root, ignored)
                                   : detail::parse_yaml(text, 0, p.string(), root, ignored);
        const detail::Node* inc = ok ? root.get("include") : nullptr;
        if (!inc) return out;
        std::vector<std::string> names;
        if (inc->kind == detail::Node::Kind::string) names.push_back(inc->text.str());
        for (const auto& item : inc->items)
            if (item.kind == detail::Node::Kind::string) names.push_back(item.text.str());
        for (const auto& n : names) out.push_back(fs::path(n).is_absolute() ? fs::path(n) : p.parent_path() / n);
        return out;
    }

    // Everything `p` includes, directly or not, by canonical path.
    std::set<fs::path> closure(const fs::path& p) {
        auto key = canonical_of(p);
        if (auto it = closure_.find(key); it != closure_.end()) return it->second;
        std::set<fs::path> seen;
        std::vector<fs::path> todo = {p};
        std::vector<fs::path> order;
        while (!todo.empty()) {
            fs::path cur = todo.back();
            todo.pop_back();
            for (const auto& inc : direct(cur))
                if (seen.insert(canonical_of(inc)).second) {
                    todo.push_back(inc);
                    order.push_back(inc);
                }
        }
        seen.erase(key);  // a cycle back to itself is not "including itself" here
        order_[key] = order;
        return closure_[key] = seen;
    }

    const std::vector<fs::path>& order(const fs::path& p) {
        closure(p);
        return order_[canonical_of(p)];
    }

    // `a` includes `b` (not through a cycle that leads back to `b` including `a`).
    bool includes(const fs::path& a, const fs::path& b) {
        return closure(a).count(canonical_of(b)) && !closure(b).count(canonical_of(a));
    }

private:
    std::map<fs::path, std::vector<fs::path>> direct_;
    std::map<fs::path, std::set<fs::path>> closure_;
    std::map<fs::path, std::vector<fs::path>> order_;
};

// The directories a fragment's includers are looked for in (see the header).
std::vector<fs::path> search_dirs(const fs::path& file) {
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::vector<fs::path> dirs;
    std::error_code ec;
    fs::path abs = fs::absolute(dir, ec).lexically_normal();
    fs::path rel = dir;
    for (fs::path a = abs;; a = a.parent_path(), rel /= "..") {
        dirs.push_back(rel.lexically_normal());
        if (fs::exists(a / ".git", ec)) return dirs;  // the top of the work tree
        if (a == a.root_path() || a.parent_path() == a) break;
    }
    return {dirs.front()};  // not in a git work tree: the file's own directory only
}

// Configurations beside `file` that include it, topmost first-found; empty when it is not a fragment.
std::vector<fs::path> includers(const fs::path& file, IncludeGraph& g) {
    std::vector<fs::path> found;
    auto self = canonical_of(file);
    for (const auto& dir : search_dirs(file)) {
        std::error_code ec;
        std::vector<fs::path> entries;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            auto ext = e.path().extension().string();
            if ((ext == ".yaml" || ext == ".yml" || ext == ".json") && e.is_regular_file(ec))
                entries.push_back(e.path());
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& p : entries) {
            fs::path shown = p.lexically_normal();
            if (canonical_of(shown) == self || !g.includes(shown, file)) continue;
            if (is_config_file(shown.string())) found.push_back(shown);
        }
    }
    std::vector<fs::path> top;
    for (const auto& c : found) {
        bool inner =
            std::any_of(found.begin(), found.end(), [&](const fs::path& o) { return &o != &c && g.includes(o, c); });
        if (!inner) top.push_back(c);
    }
    return top;
}

}  // namespace

std::vector<std::string> included_files(const std::string& path) {
    IncludeGraph g;
    std::vector<std::string> out;
    for (const auto& p : g.order(path)) out.push_back(display(p));
    return out;
}

std::vector<ConfigUnit> plan_configs(const std::vector<std::string>& paths, bool merge) {
    IncludeGraph g;
    std::vector<fs::path> given;
    std::set<fs::path> seen;
    for (const auto& p : paths)
        if (seen.insert(canonical_of(p)).second) given.emplace_back(p);

    // Rule 1: a given file that another given file includes is loaded as part of it.
    std::vector<fs::path> roots;
    std::map<fs::path, std::vector<std::string>> notes;  // by root, canonical
    for (const auto& f : given) {
        auto by =
            std::find_if(given.begin(), given.end(), [&](const fs::path& o) { return &o != &f && g.includes(o, f); });
        if (by == given.end())
            roots.push_back(f);
        else
            notes[canonical_of(*by)].push_back("`" + display(f) + "` is included by `" + display(*by) +
                                               "`: checked as part of it");
    }
    std::vector<ConfigUnit> units;
    if (merge) {
        ConfigUnit u;
        for (const auto& r : roots) {
            u.files.push_back(r.string());
            for (auto& n : notes[canonical_of(r)]) u.notes.push_back(n);
        }
        // Not a structured binding: clang 14 cannot capture one in a lambda.
        for (const auto& entry : notes) {
            const fs::path& root = entry.first;
            if (std::none_of(roots.begin(), roots.end(), [&](const fs::path& r) { return canonical_of(r) == root; }))
                u.notes.insert(u.notes.end(), entry.second.begin(), entry.second.end());
        }
        return {u};
    }
    std::map<fs::path, std::size_t> unit_of;  // canonical root -> index in units
    auto add = [&](const fs::path& root) -> ConfigUnit& {
        auto key = canonical_of(root);
        auto it = unit_of.find(key);
        if (it != unit_of.end()) return units[it->second];
        unit_of[key] = units.size();
        units.push_back({{root.string()}, {}});
        return units.back();
    };
    for (const auto& r : roots) {
        // Rule 2: a fragment is checked through the configurations beside it that include it.
        auto by = includers(r, g);
        if (by.empty()) {
            add(r);
            continue;
        }
        for (const auto& top : by)
            add(top).notes.push_back("`" + display(r) + "` is included by `" + display(top) + "`: checking `" +
                                     display(top) + "`");
    }
    // Notes of given files included by other given files, collected by the root they were found under.
    for (const auto& [root, ns] : notes) {
        auto it = unit_of.find(root);
        if (it != unit_of.end())
            units[it->second].notes.insert(units[it->second].notes.end(), ns.begin(), ns.end());
        else
            for (auto& u : units)  // the includer was itself a fragment: its unit's root includes it too
                if (g.closure(u.files.front()).count(root)) {
                    u.notes.insert(u.notes.end(), ns.begin(), ns.end());
                    break;
                }
    }
    return units;
}

}  // namespace e911
