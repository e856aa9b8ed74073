// Writing exported files: a folder, or a ZIP archive laid out as the backup scripts write it.
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "e911/import.hpp"

namespace e911 {

namespace fs = std::filesystem;

std::string write_export(const std::vector<ExportFile>& files, const std::string& path) {
    bool zip_out = path.size() > 4 && path.compare(path.size() - 4, 4, ".zip") == 0;
    if (!zip_out) {
        std::error_code ec;
        fs::create_directories(path, ec);
        if (ec) return "cannot create folder " + path + ": " + ec.message();
        for (const auto& f : files) {
            std::ofstream out(fs::path(path) / f.name, std::ios::binary);
            if (!(out << f.text)) return "cannot write " + (fs::path(path) / f.name).string();
        }
        return {};
    }
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) return "cannot create " + path;
    for (const auto& f : files) {
        zip_source_t* src = zip_source_buffer(z, f.text.data(), f.text.size(), 0);
        if (!src || zip_file_add(z, f.name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
            if (src) zip_source_free(src);
            zip_discard(z);
            return "cannot add " + f.name + " to " + path;
        }
    }
    if (zip_close(z) != 0) {
        std::string e = zip_strerror(z);
        zip_discard(z);
        return "cannot write " + path + ": " + e;
    }
    return {};
}

}  // namespace e911
