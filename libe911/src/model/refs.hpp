// Every reference in the model, visited in one place: dangling-reference diagnostics and the
// unused-object rule both walk references, and must agree on what refers to what. The walk is
// driven by the descriptions (describe.hpp): every `Ref` member they name is visited.
#pragma once
#include <string>

#include "e911/model.hpp"
#include "model/describe.hpp"

namespace e911::detail {

struct RefVisit {
    Kind owner_kind;
    std::string owner_id;
    const Positions* owner_pos;  // of the object holding the reference (a nested one: its own)
    const char* field;
    const Ref* ref;
    Kind target;                       // the kind it resolved to (unresolved: the first kind it may name)
    Kind alternative = Kind::config;   // the second kind it may name, if any (a location or an address)
};

// The reference walk's visitor: reports each set reference of one object (and of its nested objects,
// which count as the owning object's).
template <class F>
struct RefWalk {
    F& f;
    Kind owner_kind;
    const std::string& owner_id;
    const Positions* pos;

    void field(const char* key, const Ref& r, Kind target, Opt opt = {}) {
        if (r.set())
            f(RefVisit{owner_kind, owner_id, pos, key, &r, r.alternative ? opt.alternative : target, opt.alternative});
    }
    void field(const char* key, const std::vector<Ref>& rs, Kind target, Opt = {}) {
        for (const auto& r : rs) field(key, r, target);
    }
    template <class... A>
    void field(const char*, A&&...) {}  // other value types refer to nothing
    void ignored(const char*) {}
    template <class T, class D>
    void objects(const char*, const std::vector<T>& list, D, Opt = {}) {
        for (const auto& o : list) {
            RefWalk sub{f, owner_kind, owner_id, &o.pos};
            D::fields(sub, o);
        }
    }
};

// `named`: false leaves RefVisit::owner_id empty, for walks that only count what is referred to
// (building a million subnet and LIS ids would cost more than the walk).
template <class F>
void for_each_ref(const Config& c, F&& f, bool named = true) {
    static const std::string unnamed;
    for_each_list(c, [&](const auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if constexpr (has_id<T>)
            for (const auto& o : list) {
                const std::string id = named ? std::string(Describe<T>::id(o)) : unnamed;
                RefWalk<F> v{f, Describe<T>::kind, id, &o.pos};
                Describe<T>::fields(v, o);
            }
    });
}

}  // namespace e911::detail
