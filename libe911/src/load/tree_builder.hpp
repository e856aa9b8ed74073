// Builds the positioned Node tree from start/end/scalar events; shared by the YAML and JSON readers,
// so both apply the same depth, duplicate-key and mapping-size limits with the same diagnostics.
#pragma once
#include <algorithm>
#include <iterator>
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
        if (skipping_ > 0 || depth_ >= kMaxDepth) {
            if (!too_deep_ && skipping_ == 0)
                error(p, "syntax-error", "document nested deeper than " + std::to_string(kMaxDepth) + " levels; the deeper part was not read",
                      "flatten the structure; no part of the format nests this deep");
            too_deep_ = true;
            ++skipping_;
            return false;
        }
        if (depth_ == stack_.size()) stack_.emplace_back();
        Frame& f = stack_[depth_++];
        f.kind = kind;
        f.pos = p;
        f.have_key = f.dropped = false;
        return true;
    }
    void end_skipped() { --skipping_; }
    // The frame's children are moved out at their final size and the frame's list kept for the
    // next node at this depth, so building a node of n children allocates once instead of log n
    // times. A long list (a collection) is handed over instead: moving it would touch its memory twice.
    Node end() {
        Frame& f = stack_[--depth_];
        Node n;
        n.kind = f.kind;
        n.pos = f.pos;
        if (f.items.size() >= kHandOver) {
            n.items = std::move(f.items);
            f.items = {};
        } else {
            n.items.reserve(f.items.size());
            std::move(f.items.begin(), f.items.end(), std::back_inserter(n.items));
        }
        f.items.clear();
        f.seen.clear();
        return n;
    }
    // The next key of the mapping being built; a reader that knows a key is a key (JSON) calls this
    // instead of attach(), which saves building a Node for it.
    void key(std::string_view text, const SourcePos& p) {
        if (skipping_ > 0) return;
        Frame& f = stack_[depth_ - 1];
        f.key = text;
        f.key_pos_now = p;
        f.have_key = true;
    }
    void attach(Node&& n) {
        if (skipping_ > 0) return;
        if (depth_ == 0) {
            if (!have_root_) root_ = std::move(n);
            have_root_ = true;
            return;
        }
        Frame& f = stack_[depth_ - 1];
        if (f.kind == Node::Kind::sequence) {
            f.items.push_back(std::move(n));
            return;
        }
        if (!f.have_key) {
            if (!n.is_scalar()) {
                error(n.pos, "syntax-error", "a mapping key must be a plain value, not a " + std::string(n.kind_name()),
                      "write the key as a simple name");
                key("?", n.pos);
            } else {
                key(n.text, n.pos);
            }
            return;
        }
        f.have_key = false;
        if (f.dropped) return;
        if (duplicate(f)) {
            error(f.key_pos_now, "duplicate-key", "key `" + f.key + "` appears twice in this mapping",
                  "keep one `" + f.key + "`; the later one would silently replace the earlier in other tools");
            return;
        }
        if (f.items.size() >= max_keys_) {
            error(f.key_pos_now, "syntax-error",
                  "mapping has more than " + std::to_string(max_keys_) + " keys; the rest were not read",
                  "the format's mappings hold a few dozen keys; collections are lists (or raise LoadLimits::max_keys_per_mapping)");
            f.dropped = true;
            return;
        }
        n.key = std::move(f.key);
        n.key_pos = f.key_pos_now;
        f.items.push_back(std::move(n));
    }
    bool has_root() const { return have_root_; }
    bool too_deep() const { return too_deep_; }
    std::size_t depth() const { return depth_; }

    // "a.b[3].c" for the node being built, for diagnostics.
    std::string path() const {
        std::string p;
        for (std::size_t i = 0; i < depth_; ++i) {
            const Frame& f = stack_[i];
            if (f.kind == Node::Kind::sequence) {
                p += "[" + std::to_string(f.items.size()) + "]";
            } else if (f.have_key) {
                if (!p.empty()) p += ".";
                p += f.key;
            }
        }
        return p;
    }

private:
    static constexpr std::size_t kHandOver = 256;
    // One per depth, reused: the node being built there (kind, position, children so far).
    struct Frame {
        Node::Kind kind = Node::Kind::null;
        SourcePos pos;
        CompactVector<Node> items;  // a mapping's values carry their keys
        bool have_key = false, dropped = false;
        std::unordered_set<std::string> seen;
        CompactString key;
        SourcePos key_pos_now;
    };
    // Small mappings are scanned; big ones get a hash set, so a mapping of n keys costs O(n).
    static bool duplicate(Frame& f) {
        if (f.items.size() < 16)
            return std::any_of(f.items.begin(), f.items.end(), [&](const Node& n) { return n.key == f.key; });
        if (f.seen.empty())
            for (const Node& n : f.items) f.seen.insert(n.key.str());
        return !f.seen.insert(f.key.str()).second;
    }
    Node& root_;
    std::vector<Diagnostic>& out_;
    const std::string& file_;
    std::vector<Frame> stack_;  // frames [0, depth_) are open; the rest wait for reuse
    std::size_t depth_ = 0;
    std::size_t max_keys_;
    bool have_root_ = false;
    bool too_deep_ = false;
    std::size_t skipping_ = 0;
};

}  // namespace e911::detail
