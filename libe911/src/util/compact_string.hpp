// A string in 16 bytes, for the keys and scalars of the positioned tree (16 million of each at XL).
// Up to 15 bytes are held inline, as std::string does in its 32; a longer one lives in one heap
// block that starts with its size. It reads as a std::string_view, compares with any string, and is
// NUL-terminated. A std::string is made only when asked for (str()): an implicit one made a copy of
// every key the decoder checked, a tenth of a load.
//   CompactString s = "subnet";  s == "subnet";  std::string_view v = s;  "`" + s + "`";
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>

namespace e911::detail {

class CompactString {
public:
    CompactString() noexcept { set_empty(); }
    CompactString(std::string_view s) { init(s); }  // NOLINT: converts as std::string does
    CompactString(const std::string& s) { init(s); }  // NOLINT
    CompactString(const char* s) { init(s); }  // NOLINT
    CompactString(const CompactString& o) { init(o.view()); }
    CompactString(CompactString&& o) noexcept {
        std::memcpy(bytes_, o.bytes_, sizeof bytes_);
        o.set_empty();
    }
    CompactString& operator=(const CompactString& o) {
        if (this != &o) assign(o.view());
        return *this;
    }
    CompactString& operator=(CompactString&& o) noexcept {
        if (this != &o) {
            release();
            std::memcpy(bytes_, o.bytes_, sizeof bytes_);
            o.set_empty();
        }
        return *this;
    }
    CompactString& operator=(std::string_view s) { return assign(s); }
    CompactString& operator=(const std::string& s) { return assign(s); }
    CompactString& operator=(const char* s) { return assign(s); }
    ~CompactString() { release(); }

    // `s` may point into this string's own bytes: the new value is made before the old is freed.
    CompactString& assign(std::string_view s) {
        CompactString next(s);
        return *this = std::move(next);
    }
    void clear() noexcept {
        release();
        set_empty();
    }

    const char* data() const noexcept { return heap() ? heap_chars() : bytes_; }
    const char* c_str() const noexcept { return data(); }
    std::size_t size() const noexcept { return heap() ? heap_size() : kInline - tag(); }
    bool empty() const noexcept { return size() == 0; }
    std::string_view view() const noexcept { return {data(), size()}; }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: reads as a string
    std::string str() const { return std::string(view()); }

    std::size_t find(char c, std::size_t from = 0) const noexcept { return view().find(c, from); }

    friend bool operator==(const CompactString& a, const CompactString& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactString& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactString& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactString& a, const char* b) noexcept { return a.view() == b; }
    friend std::string operator+(std::string a, const CompactString& b) { return a.append(b.view()); }
    friend std::string operator+(const char* a, const CompactString& b) { return std::string(a).append(b.view()); }
    friend std::string operator+(const CompactString& a, const char* b) { return a.str().append(b); }
    friend std::ostream& operator<<(std::ostream& os, const CompactString& s) { return os << s.view(); }

private:
    // Inline: the characters, a NUL, and in the last byte 15 - size (which is the NUL of a
    // 15-byte string). Heap: a pointer to [size][characters][NUL], and kHeap in the last byte.
    static constexpr std::size_t kInline = 15;
    static constexpr unsigned char kHeap = 0xFF;

    unsigned char tag() const noexcept { return static_cast<unsigned char>(bytes_[kInline]); }
    bool heap() const noexcept { return tag() == kHeap; }
    char* block() const noexcept {
        char* p;
        std::memcpy(&p, bytes_, sizeof p);
        return p;
    }
    std::size_t heap_size() const noexcept {
        std::size_t n;
        std::memcpy(&n, block(), sizeof n);
        return n;
    }
    const char* heap_chars() const noexcept { return block() + sizeof(std::size_t); }
    void set_empty() noexcept {
        bytes_[0] = '\0';
        bytes_[kInline] = static_cast<char>(kInline);
    }
    void init(std::string_view s) {
        if (s.size() <= kInline) {
            if (!s.empty()) std::memcpy(bytes_, s.data(), s.size());
            bytes_[s.size()] = '\0';
            bytes_[kInline] = static_cast<char>(kInline - s.size());
            return;
        }
        char* p = static_cast<char*>(std::malloc(sizeof(std::size_t) + s.size() + 1));
        if (!p) throw std::bad_alloc();
        const std::size_t n = s.size();
        std::memcpy(p, &n, sizeof n);
        std::memcpy(p + sizeof n, s.data(), n);
        p[sizeof n + n] = '\0';
        std::memcpy(bytes_, &p, sizeof p);
        bytes_[kInline] = static_cast<char>(kHeap);
    }
    void release() noexcept {
        if (heap()) std::free(block());
    }

    alignas(8) char bytes_[16];
};

static_assert(sizeof(CompactString) == 16);

}  // namespace e911::detail
