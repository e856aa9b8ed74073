// The model written back in the format, driven by the descriptions (model/describe.hpp): each key is
// written in description order; empty strings, unset references, empty lists and unset optionals are
// left out, except required strings and lists marked `write_empty`.
#include "e911/export.hpp"

#include "model/describe.hpp"
#include "util/json_util.hpp"

namespace e911 {
namespace {
using detail::Describe;
using detail::json;
using detail::Opt;

class Writer {
public:
    Writer(const Config& c, bool pos) : cfg_(c), pos_(pos) {}
    json obj(const Positions& p) const {
        json o = json::object();
        if (pos_) {
            o["file"] = cfg_.file_of(p.self);
            o["line"] = p.self.line;
            o["column"] = p.self.column;
        }
        return o;
    }
    json write() const {
        json root = json::object();
        Out out{*this, root};
        Describe<Config>::fields(out, cfg_);
        return root;
    }

private:
    // The writer's visitor: sets each described key of one JSON object.
    struct Out {
        const Writer& w;
        json& o;

        void field(const char* k, const std::string& v, Opt opt = {}) {
            if (opt.required || !v.empty()) o[k] = v;
        }
        template <class Pairs>
        void field(const char* k, detail::Keyed<const Pairs> m, Opt = {}) {
            for (const auto& [key, value] : *m.pairs)
                if (key == k) o[k] = value;
        }
        void field(const char* k, bool v, Opt = {}) { o[k] = v; }
        void field(const char* k, int v, Opt = {}) { o[k] = v; }
        template <class E, std::size_t N>
        void field(const char* k, E v, const std::pair<const char*, E> (&)[N], Opt = {}) {
            o[k] = to_string(v);
        }
        template <class E, std::size_t N>
        void field(const char* k, const std::optional<E>& v, const std::pair<const char*, E> (&)[N], Opt = {}) {
            if (v) o[k] = to_string(*v);
        }
        template <class T>
        void field(const char* k, const std::optional<T>& v, Opt = {}) {
            if (v) o[k] = *v;
        }
        void field(const char* k, const IpPrefix& v, Opt = {}) { o[k] = v.to_string(); }
        void field(const char* k, const IpAddress& v, Opt = {}) { o[k] = v.to_string(); }
        void field(const char* k, const MacAddress& v, Opt = {}) { o[k] = v.to_string(); }
        void field(const char* k, const Ref& r, Kind, Opt = {}) {
            if (r.set()) o[k] = r.id;
        }
        void field(const char* k, const std::vector<Ref>& v, Kind, Opt = {}) {
            if (v.empty()) return;
            json a = json::array();
            for (const auto& r : v) a.push_back(r.id);
            o[k] = a;
        }
        void field(const char* k, const std::vector<std::string>& v, Opt = {}) {
            if (!v.empty()) o[k] = v;
        }
        void ignored(const char*) {}
        void raw(const char*) {}
        template <class T, class D>
        void objects(const char* k, const std::vector<T>& list, D, Opt opt = {}) {
            json a = json::array();
            for (const auto& x : list) {
                json xo = w.obj(x.pos);
                Out sub{w, xo};
                D::fields(sub, x);
                a.push_back(std::move(xo));
            }
            if (opt.write_empty || !a.empty()) o[k] = std::move(a);
        }
        template <class T>
        void object(const char* k, const T& x) {
            json xo = w.obj(x.pos);
            Out sub{w, xo};
            Describe<T>::fields(sub, x);
            o[k] = std::move(xo);
        }
        template <class Body>
        void section(const char* k, Body body) {
            json s = json::object();
            Out sub{w, s};
            body(sub);
            o[k] = std::move(s);
        }
        template <class T>
        void list(const char* k, const std::vector<T>& list) {
            if constexpr (detail::is_scalar_form<T>) {
                json a = json::array();
                for (const auto& x : list) {  // the one key's value, bare
                    json holder = json::object();
                    Out sub{w, holder};
                    Describe<T>::fields(sub, x);
                    a.push_back(holder.begin().value());
                }
                o[k] = std::move(a);
            } else {
                objects(k, list, Describe<T>{}, Opt{.write_empty = true});
            }
        }
    };

    const Config& cfg_;
    bool pos_;
};
}  // namespace

std::string config_to_json(const Config& config, bool positions, int indent) {
    return Writer(config, positions).write().dump(indent);
}

}  // namespace e911
