// embed.hpp: what a figure does for the page around it, beyond drawing. It sleeps (no stepping,
// no drawing) while scrolled out of view or in a hidden tab and resumes where it was; with
// ?autoplay=1 it starts playing the first time it is seen; embedded in a post, it tells the
// parent page how tall its content is, so the post's embed.js can size the iframe to fit.
#pragma once

namespace web {

/// Installs the page observers (IntersectionObserver on the canvas, visibilitychange, and the
/// parent's size requests). Call once at start-up.
void embed_init();

/// False while the canvas is out of view or the tab hidden.
bool embed_visible();

/// True exactly once per wake-up: the first call after the figure became visible again.
bool embed_take_woke();

/// True exactly once: the first call at which the figure has been visible.
bool embed_take_first_visible();

/// Reports the figure's content height (CSS pixels, >= 0) to the parent page when it changed
/// by at least a pixel; a no-op outside an iframe.
void embed_report_height(float css_px);

}  // namespace web
