// The HTML page shell: one file with its style, its script and its data inline, so it opens from
// disk or as a CI artifact without any network request.
#include "e911/report.hpp"
#include "e911/version.hpp"
#include "report/html.hpp"
#include "util/xml_util.hpp"

namespace e911::detail {

extern const char* const kReportJs;   // libe911/src/report/html/report.js
extern const char* const kReportCss;  // libe911/src/report/html/report.css

const char* outcome_class(Outcome outcome, bool relay, const std::optional<bool>& correct) {
    switch (outcome) {
        case Outcome::routed:
            if (relay) return "relay";
            if (!correct) return "unverified";
            return *correct ? "correct" : "wrong";
        case Outcome::no_route:
            return "not_routed";
        default:  // not enabled as emergency, or not an emergency number at all
            return "not_enabled";
    }
}

std::string html_page(const std::string& title, const json& data) {
    // Invalid UTF-8 in a name must not abort the report: it shows as U+FFFD.
    std::string blob = json_for_script(data.dump(-1, ' ', false, json::error_handler_t::replace));
    std::string t = xml_escape(title);
    std::string page;
    page.reserve(blob.size() + 64 * 1024);
    page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // No network: the policy forbids every fetch; inline style and script are the page's own.
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">\n";
    page += "<meta name=\"generator\" content=\"e911 " + std::string(version()) + "\">\n";
    page += "<title>" + t + "</title>\n<style>\n" + kReportCss + "</style>\n</head>\n<body>\n";
    page += "<noscript>This report needs JavaScript; the same answers are in `e911 matrix` and `e911 lint`.</noscript>\n";
    page += "<div id=\"e911-errors\" hidden></div>\n<main id=\"e911-app\"></main>\n";
    page += "<script type=\"application/json\" id=\"e911-data\">" + blob + "</script>\n";
    page += "<script>\n" + std::string(kReportJs) + "</script>\n</body>\n</html>\n";
    return page;
}

}  // namespace e911::detail

namespace e911 {

std::string json_for_script(const std::string& text) {
    // '<' occurs only inside JSON strings, where \u003c means the same character; without it a name
    // holding "</script>" or "<!--" would end or confuse the script element.
    std::string r;
    r.reserve(text.size() + 16);
    for (char c : text) {
        if (c == '<') r += "\\u003c";
        else r += c;
    }
    return r;
}

}  // namespace e911
