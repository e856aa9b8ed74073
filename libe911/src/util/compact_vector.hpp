// A vector in 16 bytes (a pointer and two 32-bit counts) for the positioned tree's child lists: at
// XL the tree has 16 million nodes, and std::vector's third pointer is 128 MB of them. It keeps the
// part of std::vector's interface the tree uses, and T may be incomplete where it is declared (a
// Node holds a CompactVector<Node>), as with std::vector.
//   CompactVector<Node> items;  items.push_back(Node());  for (Node& n : items) ...
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <utility>

namespace e911::detail {

template <class T>
class CompactVector {
public:
    using value_type = T;
    using iterator = T*;
    using const_iterator = const T*;

    CompactVector() noexcept = default;
    CompactVector(const CompactVector& o) {
        try {
            copy_from(o);
        } catch (...) {
            destroy();
            throw;
        }
    }
    CompactVector(CompactVector&& o) noexcept : data_(o.data_), size_(o.size_), capacity_(o.capacity_) { o.forget(); }
    CompactVector& operator=(const CompactVector& o) {
        if (this != &o) {
            CompactVector copy(o);
            *this = std::move(copy);
        }
        return *this;
    }
    CompactVector& operator=(CompactVector&& o) noexcept {
        if (this != &o) {
            destroy();
            data_ = o.data_, size_ = o.size_, capacity_ = o.capacity_;
            o.forget();
        }
        return *this;
    }
    ~CompactVector() { destroy(); }

    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    T* begin() noexcept { return data_; }
    T* end() noexcept { return data_ + size_; }
    const T* begin() const noexcept { return data_; }
    const T* end() const noexcept { return data_ + size_; }
    T& operator[](std::size_t i) noexcept { return data_[i]; }
    const T& operator[](std::size_t i) const noexcept { return data_[i]; }
    T& back() noexcept { return data_[size_ - 1]; }
    const T& back() const noexcept { return data_[size_ - 1]; }

    void reserve(std::size_t n) {
        if (n > capacity_) reallocate(n);
    }
    void push_back(T&& v) { emplace_back(std::move(v)); }
    void push_back(const T& v) { emplace_back(v); }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        if (size_ == capacity_) {
            // `args` may refer into this vector: build the element before the old storage goes.
            T v(std::forward<Args>(args)...);
            reallocate(capacity_ == 0 ? 4 : std::size_t{capacity_} * 2);
            new (data_ + size_) T(std::move(v));
        } else {
            new (data_ + size_) T(std::forward<Args>(args)...);
        }
        return data_[size_++];
    }
    // Removes [first, last), moving the rest down, as std::vector::erase.
    T* erase(T* first, T* last) {
        T* out = first;
        for (T* in = last; in != end(); ++in, ++out) *out = std::move(*in);
        for (T* p = out; p != end(); ++p) p->~T();
        size_ -= static_cast<std::uint32_t>(last - first);
        return first;
    }
    T* erase(T* at) { return erase(at, at + 1); }
    void clear() noexcept {
        for (T& v : *this) v.~T();
        size_ = 0;
    }

private:
    static constexpr std::size_t kMax = UINT32_MAX;

    void reallocate(std::size_t n) {
        if (n > kMax) {
            if (capacity_ == kMax) throw std::length_error("more than 4 billion items in one list");
            n = kMax;
        }
        T* fresh = static_cast<T*>(::operator new(n * sizeof(T)));
        for (std::uint32_t i = 0; i < size_; ++i) {
            new (fresh + i) T(std::move(data_[i]));
            data_[i].~T();
        }
        ::operator delete(data_);
        data_ = fresh;
        capacity_ = static_cast<std::uint32_t>(n);
    }
    void copy_from(const CompactVector& o) {
        reserve(o.size_);
        for (const T& v : o) emplace_back(v);
    }
    void destroy() noexcept {
        clear();
        ::operator delete(data_);
        forget();
    }
    void forget() noexcept {
        data_ = nullptr;
        size_ = capacity_ = 0;
    }

    T* data_ = nullptr;
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = 0;
};

}  // namespace e911::detail
