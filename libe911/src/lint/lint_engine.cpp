#include "lint/lint_engine.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "util/text_util.hpp"

namespace e911 {

const std::map<std::string, std::string>& rule_docs();  // generated from docs/rules/*.md

namespace detail {

Finding& Emit::operator()(const std::string& target, const SourcePos& pos, std::string message, std::string hint) {
    return with_severity(sev_, target, pos, std::move(message), std::move(hint));
}

Finding& Emit::with_severity(Severity s, const std::string& target, const SourcePos& pos, std::string message, std::string hint) {
    Finding f;
    f.rule = rule_;
    f.severity = s;
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.target = target;
    f.file = cfg_.file_of(pos);
    f.line = pos.line ? pos.line : 1;
    f.column = pos.column ? pos.column : 1;
    out_.push_back(std::move(f));
    return out_.back();
}

void Emit::related(Finding& f, const std::string& target, const SourcePos& pos, std::string note) {
    f.related.push_back(Related{target, std::move(note), cfg_.file_of(pos), pos.line, pos.column});
}

namespace {

// Front matter of a rule doc: "- **Severity:** error" etc.
std::string field(const std::string& doc, const std::string& name) {
    std::string tag = "- **" + name + ":** ";
    auto p = doc.find(tag);
    if (p == std::string::npos) return {};
    p += tag.size();
    return doc.substr(p, doc.find('\n', p) - p);
}

std::vector<RuleImpl> waiver_rules();

const std::vector<RuleImpl>& implementations() {
    static const std::vector<RuleImpl> all = [] {
        std::vector<RuleImpl> r;
        for (auto part : {network_rules(), address_rules(), number_rules(), routing_rules(), notification_rules(), psap_rules(), waiver_rules()})
            r.insert(r.end(), part.begin(), part.end());
        return r;
    }();
    return all;
}

std::string fingerprint(const Finding& f) {
    std::uint64_t h = 1469598103934665603ull;
    for (const std::string* s : {&f.rule, &f.target, &f.message}) {
        for (unsigned char ch : *s) h = (h ^ ch) * 1099511628211ull;
        h = (h ^ 0x1F) * 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// waiver-expired and waiver-unmatched are computed by the engine after every other rule ran;
// these entries exist so the rules are listed, selectable and documented like the others.
std::vector<RuleImpl> waiver_rules() {
    return {{"waiver-expired", "waivers", nullptr}, {"waiver-unmatched", "waivers", nullptr}};
}

}  // namespace
}  // namespace detail

const std::vector<RuleInfo>& rules() {
    static const std::vector<RuleInfo> all = [] {
        std::vector<RuleInfo> r;
        std::set<std::string> seen;
        for (const auto& impl : detail::implementations()) {
            RuleInfo info;
            info.id = impl.id;
            info.category = impl.category;
            std::string doc = rule_doc(impl.id);
            parse_severity(detail::field(doc, "Severity"), info.severity);
            info.summary = detail::field(doc, "Summary");
            r.push_back(info);
            seen.insert(impl.id);
        }
        // Load diagnostics: documented under docs/rules with category "load".
        for (const auto& [id, doc] : rule_docs()) {
            if (seen.count(id) || detail::field(doc, "Category") != "load") continue;
            RuleInfo info{id, Severity::error, detail::field(doc, "Summary"), "load"};
            parse_severity(detail::field(doc, "Severity"), info.severity);
            r.push_back(info);
        }
        return r;
    }();
    return all;
}

const RuleInfo* find_rule(const std::string& id) {
    for (const auto& r : rules())
        if (r.id == id) return &r;
    return nullptr;
}

std::string rule_doc(const std::string& id) {
    auto it = rule_docs().find(id);
    return it == rule_docs().end() ? std::string() : it->second;
}

std::vector<Finding> findings_from_diagnostics(const std::vector<Diagnostic>& ds) {
    std::vector<Finding> r;
    for (const auto& d : ds) {
        Finding f;
        f.rule = d.id;
        f.severity = d.severity;
        f.message = d.message;
        f.hint = d.hint;
        f.target = d.key.empty() ? "config/" + d.file : "config/" + d.key;
        f.file = d.file;
        f.line = d.line ? d.line : 1;
        f.column = d.column ? d.column : 1;
        f.fingerprint = detail::fingerprint(f);
        r.push_back(std::move(f));
    }
    return r;
}

std::vector<Finding> lint(const Config& cfg, const LintOptions& opt) {
    auto selected_set = [](const std::vector<std::string>& names, const char* flag) {
        std::set<std::string> s;
        for (const auto& n : names) {
            bool known = find_rule(n) != nullptr;
            for (const auto& r : rules()) known = known || r.category == n;
            if (!known) {
                std::vector<std::string> ids;
                for (const auto& r : rules()) ids.push_back(r.id);
                std::string sug = detail::closest(n, ids);
                throw std::invalid_argument(std::string(flag) + ": unknown rule `" + n + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?") +
                                            " (`e911 rules` lists them)");
            }
            s.insert(n);
        }
        return s;
    };
    auto sel = selected_set(opt.select, "--select");
    auto ign = selected_set(opt.ignore, "--ignore");
    auto runs = [&](const std::string& id, const std::string& cat) {
        if (!sel.empty() && !sel.count(id) && !sel.count(cat)) return false;
        return !ign.count(id) && !ign.count(cat);
    };

    detail::Compiled compiled(cfg);
    detail::LintContext ctx{cfg, compiled};
    std::vector<Finding> out;
    std::set<std::string> ran;
    for (const auto& impl : detail::implementations()) {
        if (!impl.fn || !runs(impl.id, impl.category)) continue;
        ran.insert(impl.id);
        const RuleInfo* info = find_rule(impl.id);
        detail::Emit emit(cfg, out, impl.id, info ? info->severity : Severity::error);
        impl.fn(ctx, emit);
    }

    // Waivers: accepted risk stays visible, marked waived; an expired waiver waives nothing.
    std::string today = opt.today.empty() ? detail::today_utc() : opt.today;
    std::vector<Finding> extra;
    for (const auto& w : cfg.waivers) {
        bool expired = w.expires < today;
        bool matched = false;
        for (auto& f : out) {
            if (f.rule != w.rule || f.target != w.target) continue;
            matched = true;
            if (!expired) f.waived = Waived{w.reason, w.approved_by, w.expires};
        }
        auto waiver_finding = [&](const char* rule, std::string message, std::string hint) {
            Finding f;
            f.rule = rule;
            f.severity = find_rule(rule)->severity;
            f.message = std::move(message);
            f.hint = std::move(hint);
            f.target = w.target;
            f.file = cfg.file_of(w.pos.self);
            f.line = w.pos.self.line;
            f.column = w.pos.self.column;
            extra.push_back(std::move(f));
        };
        if (expired && runs("waiver-expired", "waivers"))
            waiver_finding("waiver-expired", "the waiver for `" + w.rule + "` on `" + w.target + "` expired on " + w.expires + "; its findings count again",
                           "review the accepted risk: fix the finding, or renew the waiver with a new expiry and approval");
        bool rule_known = find_rule(w.rule) != nullptr;
        if (!matched && (ran.count(w.rule) || !rule_known) && runs("waiver-unmatched", "waivers")) {
            if (!rule_known) {
                std::vector<std::string> ids;
                for (const auto& r : rules()) ids.push_back(r.id);
                std::string sug = detail::closest(w.rule, ids);
                waiver_finding("waiver-unmatched", "the waiver names rule `" + w.rule + "`, which does not exist",
                               sug.empty() ? "`e911 rules` lists the rule ids" : "did you mean `" + sug + "`?");
            } else {
                waiver_finding("waiver-unmatched", "the waiver for `" + w.rule + "` on `" + w.target + "` matches no finding",
                               "the problem is fixed or the target is misspelt: remove the waiver or correct its target");
            }
        }
    }
    for (auto& f : extra) out.push_back(std::move(f));
    for (auto& f : out) {
        f.fingerprint = detail::fingerprint(f);
        if (opt.baseline.count(f.fingerprint)) f.baselined = true;
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.file, a.line, a.column, a.rule, a.target) < std::tie(b.file, b.line, b.column, b.rule, b.target);
    });
    return out;
}

LintSummary summarize(const std::vector<Finding>& fs) {
    LintSummary s;
    for (const auto& f : fs) {
        if (f.waived) { ++s.waived; continue; }
        if (f.baselined) { ++s.baselined; continue; }
        (f.severity == Severity::error ? s.errors : f.severity == Severity::warning ? s.warnings : s.infos)++;
    }
    return s;
}

bool fails(const std::vector<Finding>& fs, std::optional<Severity> fail_on) {
    if (!fail_on) return false;
    return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.active() && f.severity >= *fail_on; });
}

}  // namespace e911
