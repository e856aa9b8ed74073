// The few operating-system file calls files.cpp needs and the C++ standard library cannot make
// (open without blocking on a FIFO, tell a file's type from its handle, create a file exclusively,
// flush to disk, rename over a file atomically). platform_posix.cpp serves Linux and macOS,
// platform_windows.cpp serves Win32; CMakeLists.txt builds one of them. No other library source
// includes an operating-system header, which tests/unit/test_portability.cpp checks.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace e911::platform {

// Why a call failed, in words for "cannot read FILE: <reason>"; empty when it succeeded.
using Failure = std::string;

// An open file (a descriptor or a Win32 HANDLE), closed when it goes out of scope.
class File {
public:
    File() = default;
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File();
    bool is_open() const { return handle_ != kClosed; }
    // Closes now so a failure to close (a delayed write error) can be reported.
    Failure close();

    static constexpr std::intptr_t kClosed = -1;
    std::intptr_t handle_ = kClosed;
};

// What a path or open file is: only a regular file is read or replaced.
struct FileKind {
    bool exists = false;
    bool regular = false;
    bool directory = false;
    const char* description = "";  // "a directory", "a named pipe (FIFO)", ... for a message
    std::uint64_t size = 0;
    unsigned mode = 0;  // permission bits to give a replacement (POSIX only)
};

// A path given as UTF-8 text (as every path in the library is), in the operating system's spelling.
std::filesystem::path from_utf8(const std::string& path);

// The reason text for a std::filesystem error, worded as the calls below word theirs.
Failure reason(const std::error_code& ec);

// Opens an existing file for reading without waiting for a FIFO's writer, so it can be refused.
Failure open_for_reading(const std::filesystem::path& path, File& f);
// The type and size of an open file.
Failure kind_of(const File& f, FileKind& kind);
// What a path names now (following symbolic links); exists = false when it names nothing.
FileKind kind_of(const std::filesystem::path& path);
// Reads up to `n` bytes into `buf`; `got` is 0 at the end of the file.
Failure read_some(File& f, char* buf, std::size_t n, std::size_t& got);

// Opens an existing non-regular file (a terminal, /dev/stdout, a pipe) to write through it.
Failure open_for_writing(const std::filesystem::path& path, File& f);
// Creates `path`, which must not exist yet: `taken` is set (and a failure returned) when it does.
Failure create_new(const std::filesystem::path& path, File& f, bool& taken);
Failure set_mode(File& f, unsigned mode);
Failure write_all(File& f, std::string_view text);
// Waits until what was written is on the disk, not only in the operating system's cache.
Failure flush_to_disk(File& f);
// Renames `from` over `to` in one step: a reader sees the old file or the new one, never a mix.
Failure replace(const std::filesystem::path& from, const std::filesystem::path& to);
void remove(const std::filesystem::path& path);
// Distinguishes the temporary files of processes writing next to the same target.
unsigned long process_id();
// Hands memory that was freed back to the operating system (glibc keeps freed pages in the heap
// of the thread that allocated them, where the next phase's threads cannot reuse them). Walks the
// allocator's free lists: call it after freeing tens of megabytes, not per object.
void return_freed_memory();

}  // namespace e911::platform
