#include "json_rows.hpp"

#include "flatten.hpp"

#include <simdjson.h>

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace e911_py {
namespace {

struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A new reference or, when Python refused (out of memory, say), the Python error as an exception.
py::object owned(PyObject* o) {
    if (!o) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(o);
}

// The names of `skip` as UTF-8 (a name with no UTF-8 form matches no JSON key).
std::vector<std::string_view> names_of(const py::tuple& skip) {
    std::vector<std::string_view> names;
    for (auto s : skip) {
        Py_ssize_t n = 0;
        const char* p = PyUnicode_Check(s.ptr()) ? PyUnicode_AsUTF8AndSize(s.ptr(), &n) : nullptr;
        if (p) names.emplace_back(p, static_cast<std::size_t>(n));
        else PyErr_Clear();
    }
    return names;
}

}  // namespace

struct JsonRows::Impl {
    simdjson::dom::parser parser;
    std::string buffer;
    bool busy = false;  // in the middle of a row (see operator() below)
    // Rows repeat a few dozen keys; each is made once. Bounded, in case a row ever carried data as keys.
    static constexpr std::size_t kMaxKeys = 4096;
    std::unordered_map<std::string, py::object, KeyHash, std::equal_to<>> keys;
    py::object loads = py::module_::import("json").attr("loads");

    py::object key(std::string_view k) {
        if (auto it = keys.find(k); it != keys.end()) return it->second;
        py::object s = owned(PyUnicode_DecodeUTF8(k.data(), static_cast<Py_ssize_t>(k.size()), "strict"));
        if (keys.size() < kMaxKeys) keys.emplace(std::string(k), s);
        return s;
    }

    py::object value(simdjson::dom::element e) {
        using T = simdjson::dom::element_type;
        switch (e.type()) {
            case T::ARRAY: {
                // Copied out of the result first: a range-for over value_unsafe() of a temporary dangles.
                const simdjson::dom::array array = e.get_array().value_unsafe();
                py::list items;
                for (auto item : array) items.append(value(item));
                return std::move(items);
            }
            case T::OBJECT: {
                const simdjson::dom::object object = e.get_object().value_unsafe();
                py::dict fields;
                for (auto field : object)
                    if (PyDict_SetItem(fields.ptr(), key(field.key).ptr(), value(field.value).ptr()) != 0) throw py::error_already_set();
                return std::move(fields);
            }
            case T::INT64: return owned(PyLong_FromLongLong(e.get_int64().value_unsafe()));
            case T::UINT64: return owned(PyLong_FromUnsignedLongLong(e.get_uint64().value_unsafe()));
            case T::DOUBLE: return owned(PyFloat_FromDouble(e.get_double().value_unsafe()));
            case T::STRING: {
                std::string_view s = e.get_string().value_unsafe();
                return owned(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict"));
            }
            case T::BOOL: return py::bool_(e.get_bool().value_unsafe());
            case T::NULL_VALUE: return py::none();
        }
        return py::none();
    }

    // `text` parsed into `root`; false when simdjson refuses it. simdjson reads up to
    // SIMDJSON_PADDING bytes past its input: the row goes into a padded buffer kept from row to row.
    bool parse(std::string_view text, simdjson::dom::element& root) {
        buffer.assign(text);
        buffer.append(simdjson::SIMDJSON_PADDING, '\0');
        return parser.parse(buffer.data(), text.size(), false).get(root) == simdjson::SUCCESS;
    }

    // One object's fields into a flat row, keys under `prefix` (a nested object's end in '.').
    void flat_into(PyObject* out, std::string& prefix, simdjson::dom::object object, const std::vector<std::string_view>* skip) {
        for (auto field : object) {
            if (skip && std::find(skip->begin(), skip->end(), field.key) != skip->end()) continue;
            const std::size_t at = prefix.size();
            prefix.append(field.key);
            if (field.value.type() == simdjson::dom::element_type::OBJECT) {
                prefix += '.';
                flat_into(out, prefix, field.value.get_object().value_unsafe(), nullptr);
            } else {
                py::object cell = value(field.value);
                if (PyList_Check(cell.ptr())) cell = joined_cell(cell.ptr());
                if (PyDict_SetItem(out, key(prefix).ptr(), cell.ptr()) != 0) throw py::error_already_set();
            }
            prefix.resize(at);
        }
    }
};

JsonRows::JsonRows() : impl_(std::make_unique<Impl>()) {}
JsonRows::~JsonRows() = default;

namespace {

// Marks a reader busy for one row.
class Busy {
public:
    explicit Busy(bool& flag) : flag_(flag) { flag_ = true; }
    ~Busy() { flag_ = false; }
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;
private:
    bool& flag_;
};

}  // namespace

// A session's rows are made into objects wherever they are first used, and Python can run other
// code in the middle of a row: making an object can start a collection, whose finalizers may read
// another row of the same session, on this thread or (the GIL changing hands) on another. A reader
// in the middle of a row is not entered again: the second row is read by a reader of its own.
py::object JsonRows::operator()(std::string_view text) {
    if (impl_->busy) return JsonRows()(text);
    Busy busy(impl_->busy);
    simdjson::dom::element root;
    if (!impl_->parse(text, root)) return impl_->loads(py::str(text.data(), text.size()));
    return impl_->value(root);
}

py::object JsonRows::flat(std::string_view text, const py::tuple& skip) {
    if (impl_->busy) return JsonRows().flat(text, skip);  // as operator() above
    Busy busy(impl_->busy);
    py::dict out;
    simdjson::dom::element root;
    if (!impl_->parse(text, root) || root.type() != simdjson::dom::element_type::OBJECT) {
        flatten(out, py::str(""), impl_->loads(py::str(text.data(), text.size())), skip);  // json.loads's answer, flattened
    } else {
        std::string prefix;
        const auto names = names_of(skip);  // views into `skip`'s own UTF-8, which it keeps
        impl_->flat_into(out.ptr(), prefix, root.get_object().value_unsafe(), &names);
    }
    PyObject_GC_UnTrack(out.ptr());  // as CPython would at its next collection: no value can hold a cycle
    return std::move(out);
}

}  // namespace e911_py
