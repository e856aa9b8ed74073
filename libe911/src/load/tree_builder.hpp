// Builds the positioned Node tree from start/end/scalar events; shared by the YAML and JSON readers,
// so both apply the same depth, duplicate-key and mapping-size limits with the same diagnostics.
#pragma once
#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "load/document.hpp"

namespace e911::detail {

constexpr std::size_t kMaxDepth = limits::max_nesting;

class TreeBuilder {
public:
    TreeBuilder(Node& root, std::vector<Diagnostic>& out, const std::string& file, const LoadLimits& limits)
        : root_(root), out_(out), file_(file), max_keys_(limits.max_keys_per_mapping) {}

    void error(const SourcePos& p, const std::string& id, const std::string& msg, const std::string& hint = {},
               Severity severity = Severity::error) {
        Diagnostic d;
        d.id = id;
        d.severity = severity;
        d.file = file_;
        d.line = p.line;
        d.column = p.column;
        d.key = path();
        d.message = msg;
        d.hint = hint;
        out_.push_back(std::move(d));
    }

    // False when the node is not built (too deep, or inside a part being skipped); its contents
    // are then skipped too, so they cannot land in the parent as stray keys or items.
    bool begin(Node::Kind kind, const SourcePos& p) {
        if (skipping_ > 0 || stack_.size() >= kMaxDepth) {
            if (!too_deep_ && skipping_ == 0)
                error(p, "syntax-error", "document nested deeper than " + std::to_string(kMaxDepth) + " levels; the deeper part was not read",
                      "flatten the structure; no part of the format nests this deep");
            too_deep_ = true;
            ++skipping_;
            return false;
        }
        Frame f;
        f.node.kind = kind;
        f.node.pos = p;
        stack_.push_back(std::move(f));
        return true;
    }
    void end_skipped() { --skipping_; }
    Node end() {
        Node n = std::move(stack_.back().node);
        stack_.pop_back();
        return n;
    }
    void attach(Node&& n) {
        if (skipping_ > 0) return;
        if (stack_.empty()) {
            if (!have_root_) root_ = std::move(n);
            have_root_ = true;
            return;
        }
        Frame& f = stack_.back();
        if (f.node.kind == Node::Kind::sequence) {
            f.node.items.push_back(std::move(n));
            return;
        }
        if (!f.have_key) {
            if (!n.is_scalar()) {
                error(n.pos, "syntax-error", "a mapping key must be a plain value, not a " + std::string(n.kind_name()),
                      "write the key as a simple name");
                f.key = "?";
            } else {
                f.key = n.text;
            }
            f.key_pos = n.pos;
            f.have_key = true;
            return;
        }
        f.have_key = false;
        if (f.dropped) return;
        // Small mappings are scanned; big ones get a hash set, so a mapping of n keys costs O(n).
        bool dup = false;
        if (f.node.keys.size() < 16) dup = std::find(f.node.keys.begin(), f.node.keys.end(), f.key) != f.node.keys.end();
        else {
            if (f.seen.empty()) f.seen.insert(f.node.keys.begin(), f.node.keys.end());
            dup = !f.seen.insert(f.key).second;
        }
        if (dup) {
            error(f.key_pos, "duplicate-key", "key `" + f.key + "` appears twice in this mapping",
                  "keep one `" + f.key + "`; the later one would silently replace the earlier in other tools");
            return;
        }
        if (f.node.keys.size() >= max_keys_) {
            error(f.key_pos, "syntax-error",
                  "mapping has more than " + std::to_string(max_keys_) + " keys; the rest were not read",
                  "the format's mappings hold a few dozen keys; collections are lists (or raise LoadLimits::max_keys_per_mapping)");
            f.dropped = true;
            return;
        }
        f.node.keys.push_back(f.key);
        f.node.key_pos.push_back(f.key_pos);
        f.node.items.push_back(std::move(n));
    }
    bool has_root() const { return have_root_; }
    bool too_deep() const { return too_deep_; }
    std::size_t depth() const { return stack_.size(); }

    // "a.b[3].c" for the node being built, for diagnostics.
    std::string path() const {
        std::string p;
        for (const auto& f : stack_) {
            if (f.node.kind == Node::Kind::sequence) {
                p += "[" + std::to_string(f.node.items.size()) + "]";
            } else if (f.have_key) {
                if (!p.empty()) p += ".";
                p += f.key;
            }
        }
        return p;
    }

private:
    struct Frame {
        Node node;
        bool have_key = false, dropped = false;
        std::unordered_set<std::string> seen;
        std::string key;
        SourcePos key_pos;
    };
    Node& root_;
    std::vector<Diagnostic>& out_;
    const std::string& file_;
    std::vector<Frame> stack_;
    std::size_t max_keys_;
    bool have_root_ = false;
    bool too_deep_ = false;
    std::size_t skipping_ = 0;
};

}  // namespace e911::detail
