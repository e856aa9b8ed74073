// Win32 (MSVC or MinGW): file calls for files.cpp through the Windows API, paths as UTF-16.
#include "util/platform.hpp"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

namespace e911::platform {
namespace {

HANDLE handle_of(const File& f) { return reinterpret_cast<HANDLE>(f.handle_); }

Failure reason_of(DWORD err) {
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) return "no such file";
    if (err == ERROR_CANT_RESOLVE_FILENAME) return "too many levels of symbolic links (a symbolic-link loop?)";
    std::string text = std::system_category().message(static_cast<int>(err));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == '.')) text.pop_back();
    return text;
}

Failure last_error() { return reason_of(::GetLastError()); }

Failure opened(File& f, HANDLE h) {
    if (h == INVALID_HANDLE_VALUE) return last_error();
    f.handle_ = reinterpret_cast<std::intptr_t>(h);
    return {};
}

// A directory opens only with FILE_FLAG_BACKUP_SEMANTICS, so it can be named rather than "access denied".
HANDLE open_existing(const std::filesystem::path& path, DWORD access) {
    return ::CreateFileW(path.c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
}

}  // namespace

File::~File() {
    if (is_open()) ::CloseHandle(handle_of(*this));
}

Failure File::close() {
    HANDLE h = handle_of(*this);
    handle_ = kClosed;
    return ::CloseHandle(h) ? Failure{} : last_error();
}

std::filesystem::path from_utf8(const std::string& path) {
    // Not path(std::string), which would read the bytes in the ANSI code page.
    return std::filesystem::path(std::u8string(path.begin(), path.end()));
}

Failure reason(const std::error_code& ec) {
    if (ec.category() == std::system_category()) return reason_of(static_cast<DWORD>(ec.value()));
    return ec.message();
}

Failure open_for_reading(const std::filesystem::path& path, File& f) {
    // A named pipe opened this way does not wait for its writer: CreateFileW fails or returns at once.
    return opened(f, open_existing(path, GENERIC_READ));
}

Failure kind_of(const File& f, FileKind& kind) {
    kind = FileKind{};
    kind.exists = true;
    switch (::GetFileType(handle_of(f))) {
    case FILE_TYPE_DISK: break;
    case FILE_TYPE_PIPE: kind.description = "a named pipe (FIFO)"; return {};
    case FILE_TYPE_CHAR: kind.description = "a character device"; return {};
    default:
        if (::GetLastError() != NO_ERROR) return last_error();
        kind.description = "not a regular file";
        return {};
    }
    BY_HANDLE_FILE_INFORMATION info{};
    if (!::GetFileInformationByHandle(handle_of(f), &info)) return last_error();
    kind.directory = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    kind.regular = !kind.directory && (info.dwFileAttributes & FILE_ATTRIBUTE_DEVICE) == 0;
    kind.description = kind.directory ? "a directory" : kind.regular ? "a regular file" : "not a regular file";
    kind.size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
    return {};
}

FileKind kind_of(const std::filesystem::path& path) {
    File f;
    FileKind kind;
    // Access 0 asks only for attributes, so a file locked by another program can still be described.
    if (!opened(f, open_existing(path, 0)).empty() || !kind_of(f, kind).empty()) return FileKind{};
    return kind;
}

Failure read_some(File& f, char* buf, std::size_t n, std::size_t& got) {
    DWORD chunk = n > 0x40000000 ? 0x40000000 : static_cast<DWORD>(n);  // ReadFile takes a 32-bit count
    DWORD read = 0;
    if (!::ReadFile(handle_of(f), buf, chunk, &read, nullptr)) {
        if (::GetLastError() == ERROR_BROKEN_PIPE) return got = 0, Failure{};  // a pipe's writer closed: the end
        return last_error();
    }
    got = read;
    return {};
}

Failure open_for_writing(const std::filesystem::path& path, File& f) {
    return opened(f, ::CreateFileW(path.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                                   OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
}

Failure create_new(const std::filesystem::path& path, File& f, bool& taken) {
    // FILE_SHARE_DELETE so the temporary file can be removed while a failure is being reported.
    HANDLE h = ::CreateFileW(path.c_str(), GENERIC_WRITE, FILE_SHARE_DELETE, nullptr, CREATE_NEW,
                             FILE_ATTRIBUTE_NORMAL, nullptr);
    DWORD err = h == INVALID_HANDLE_VALUE ? ::GetLastError() : NO_ERROR;
    taken = err == ERROR_FILE_EXISTS || err == ERROR_ALREADY_EXISTS;
    if (h == INVALID_HANDLE_VALUE) return reason_of(err);
    return opened(f, h);
}

// Windows has no POSIX permission bits; a replaced file's ACL comes from its directory.
Failure set_mode(File&, unsigned) { return {}; }

Failure write_all(File& f, std::string_view text) {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        DWORD chunk = left > 0x40000000 ? 0x40000000 : static_cast<DWORD>(left);
        DWORD written = 0;
        if (!::WriteFile(handle_of(f), p, chunk, &written, nullptr)) return last_error();
        p += written, left -= written;
    }
    return {};
}

Failure flush_to_disk(File& f) { return ::FlushFileBuffers(handle_of(f)) ? Failure{} : last_error(); }

Failure replace(const std::filesystem::path& from, const std::filesystem::path& to) {
    // WRITE_THROUGH: the call returns only once the rename itself is on the disk.
    if (::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return {};
    return last_error();
}

void remove(const std::filesystem::path& path) { ::DeleteFileW(path.c_str()); }

unsigned long process_id() { return ::GetCurrentProcessId(); }

void return_freed_memory() {}  // the Windows heap returns large free blocks itself

}  // namespace e911::platform
