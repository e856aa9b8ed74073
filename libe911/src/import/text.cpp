// Bytes to UTF-8 text (Windows PowerShell writes UTF-16 LE with `>` and Out-File, UTF-8 with a BOM
// with -Encoding utf8), and Export-Csv tables to positioned records.
#include <unicode/unistr.h>

#include "import/importer.hpp"

namespace e911::detail::imp {

DecodedText decode_text(const std::string& b) {
    auto u = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    auto convert = [&](std::size_t skip, const char* codepage, const char* name) {
        icu::UnicodeString us(b.data() + skip, static_cast<int32_t>(b.size() - skip), codepage);
        DecodedText d;
        us.toUTF8String(d.text);
        d.encoding = name;
        return d;
    };
    if (b.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) return {b.substr(3), "utf-8 (BOM)"};
    if (b.size() >= 2 && u(0) == 0xFF && u(1) == 0xFE) return convert(2, "UTF-16LE", "utf-16le (BOM)");
    if (b.size() >= 2 && u(0) == 0xFE && u(1) == 0xFF) return convert(2, "UTF-16BE", "utf-16be (BOM)");
    // No BOM: ASCII text in UTF-16 has every other byte zero.
    if (b.size() >= 4 && b.size() % 2 == 0 && u(0) != 0 && u(1) == 0 && u(2) != 0 && u(3) == 0)
        return convert(0, "UTF-16LE", "utf-16le");
    if (b.size() >= 4 && b.size() % 2 == 0 && u(0) == 0 && u(1) != 0 && u(2) == 0 && u(3) != 0)
        return convert(0, "UTF-16BE", "utf-16be");
    return {b, "utf-8"};
}

namespace {

struct Cell {
    std::string text;
    SourcePos pos;
};

// One physical-or-logical CSV record; quoted cells may span lines.
bool next_record(const std::string& t, std::size_t& i, std::uint32_t& line, std::uint32_t file,
                 std::vector<Cell>& cells) {
    cells.clear();
    if (i >= t.size()) return false;
    std::uint32_t col = 1;
    Cell cur{{}, {file, line, col}};
    bool quoted = false, was_quoted = false;
    while (i < t.size()) {
        char ch = t[i];
        if (quoted) {
            if (ch == '"' && i + 1 < t.size() && t[i + 1] == '"')
                cur.text += '"', i += 2, col += 2;
            else if (ch == '"')
                quoted = false, ++i, ++col;
            else {
                cur.text += ch;
                ++i;
                if (ch == '\n')
                    ++line, col = 1;
                else
                    ++col;
            }
            continue;
        }
        if (ch == '"' && cur.text.empty() && !was_quoted) {
            quoted = was_quoted = true, ++i, ++col;
            continue;
        }
        if (ch == ',') {
            cells.push_back(std::move(cur));
            ++i, ++col;
            cur = Cell{{}, {file, line, col}};
            was_quoted = false;
            continue;
        }
        if (ch == '\r' || ch == '\n') {
            if (ch == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
            ++i;
            cells.push_back(std::move(cur));
            ++line;
            return true;
        }
        cur.text += ch;
        ++i, ++col;
    }
    cells.push_back(std::move(cur));
    return true;
}

bool blank(const std::vector<Cell>& cells) {
    return cells.size() == 1 && cells[0].text.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

bool parse_csv(const std::string& t, std::uint32_t file, CsvTable& table, std::string& error) {
    std::size_t i = 0;
    std::uint32_t line = 1;
    std::vector<Cell> cells;
    do {
        if (!next_record(t, i, line, file, cells)) {
            error = "the file is empty";
            return false;
        }
    } while (blank(cells));
    if (cells.size() == 1 && cells[0].text.rfind("#TYPE", 0) == 0) {
        table.type_name = cells[0].text.size() > 6 ? cells[0].text.substr(6) : "";
        do {
            if (!next_record(t, i, line, file, cells)) {
                error = "the file has a #TYPE line but no header";
                return false;
            }
        } while (blank(cells));
    }
    if (cells.size() < 2) {
        error =
            "the first line is not a comma-separated header (console output such as Format-Table cannot be "
            "imported: re-export with ConvertTo-Json or Export-Csv)";
        return false;
    }
    for (const auto& c : cells) {
        if (c.text.empty() || c.text.find_first_of(" \t") != std::string::npos) {
            error = "the header cell `" + c.text + "` is not a property name";
            return false;
        }
        table.header.push_back(c.text);
    }
    while (next_record(t, i, line, file, cells)) {
        if (blank(cells)) continue;
        Node row;
        row.kind = Node::Kind::mapping;
        row.pos = cells[0].pos;
        for (std::size_t k = 0; k < table.header.size(); ++k) {
            Node v;
            v.kind = Node::Kind::string;
            if (k < cells.size())
                v.text = std::move(cells[k].text), v.pos = cells[k].pos;
            else
                v.pos = cells.back().pos;
            const SourcePos key_pos = v.pos;
            row.add(table.header[k], key_pos, std::move(v));
        }
        table.rows.push_back(std::move(row));
    }
    return true;
}

}  // namespace e911::detail::imp
