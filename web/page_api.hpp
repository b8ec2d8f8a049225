// page_api.hpp: every call between the C++ app and the page's JavaScript, in one place:
// reading and writing the URL, hiding the loading overlay, showing fatal errors, and the
// exported query/command functions that browser tests and the page use.
#pragma once
#include <string>

namespace web {

/// The page URL's query string ("?scene=hopfield&embed=1"), or "".
std::string page_url_query();

/// Replaces the URL's query string without reloading (shareable state).
void page_set_url_query(const std::string& query);

/// Tells the page the first frame is drawn: the loading overlay goes away.
void page_ready();

/// Shows a fatal message over the canvas (WebGL2 missing, shader failure).
void page_fatal(const std::string& message);

/// Tells the page whether leaving it would lose work (it then asks before unloading).
void page_set_unsaved(bool unsaved);

/// Copies text to the clipboard (through the page; used by "Copy link").
void page_copy_text(const std::string& text);

}  // namespace web
