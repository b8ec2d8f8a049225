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

/// Copies the full link to this page with the given query (origin + path + "?" + query) to the
/// clipboard; the page also keeps it in window.ebmLastCopiedLink for tests.
void page_copy_link(const std::string& query);

/// Opens the full page (not embedded) at the given query in a new tab.
void page_open_full(const std::string& query);

}  // namespace web
