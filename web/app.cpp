// app.cpp: scene table, frame order, layout and URL state (see app.hpp).
// [SECTION] Scene table
// [SECTION] URL state
// [SECTION] Layout
// [SECTION] Frame
#include "app.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include <SDL.h>

#include "embed.hpp"
#include "frame_stats.hpp"
#include "gfx.hpp"
#include "gl_context.hpp"
#include "imgui.h"
#include "json_check.hpp"
#include "page_api.hpp"
#include "platform.hpp"
#include "scene.hpp"
#include "shared.hpp"
#include "theme.hpp"
#include "url.hpp"
#include "widgets.hpp"

namespace web {

namespace {

// [SECTION] Scene table: one line per scene, in tab order.
using SceneMaker = std::unique_ptr<Scene> (*)(SharedState&);
constexpr SceneMaker kScenes[] = {
    make_hopfield_scene,
    make_optimized_scene,
    make_capacity_scene,
    make_boltzmann_scene,
    make_toy_scene,
    make_rbm_scene,
    make_gibbs_scene,
    make_dbn_scene,
};

/// Wall time a scene may spend stepping its model per frame: about half a 60 Hz frame; the rest
/// is the UI, rendering and the browser.
constexpr double kStepBudgetMs = 7.0;
/// Frames with no input and nothing moving before the app stops drawing (idle).
constexpr int kIdleFrames = 30;
/// Longest frame time a figure waking from sleep may report: it resumes where it was instead of
/// catching up on the time it spent out of view.
constexpr double kWakeDtS = 1.0 / 60.0;

struct App {
  Platform platform;
  SharedState shared;                 // what scenes publish for each other
  std::vector<std::unique_ptr<Scene>> scenes;
  int active = 0;
  int requested_tab = -1;             // tab to select on the next frame (from the URL)
  bool embed = false;                 // ?embed=1: one figure, no page chrome
  bool autoplay = false;              // ?autoplay=1: start playing when first seen
  std::vector<std::string> notices;   // messages about ignored URL parameters
  std::string last_query;             // last query written to the address bar
  std::array<float, 120> frame_ms{};  // ring of recent frame intervals
  int frame_count = 0;
  int idle_frames = 0;
  bool ready_sent = false;
  bool skipped_last = false;  // the previous animation frame was idle (nothing drawn)
  bool unsaved = false;       // some scene holds work a reload would lose (told to the page)
  float work_ms = 0;          // time the last drawn frame took in C++ (step + UI + GL calls)
  float step_ms = 0;          // of which stepping the model
};
App g;

float median_frame_ms() {
  const int n = std::min<int>(g.frame_count, static_cast<int>(g.frame_ms.size()));
  if (n == 0) return 0.0f;
  std::array<float, 120> tmp = g.frame_ms;
  std::nth_element(tmp.begin(), tmp.begin() + n / 2, tmp.begin() + n);
  return tmp[n / 2];
}

// [SECTION] URL state
// The link's scene= and embed= belong to the app; everything else to the scene it names.
void read_url() {
  const std::vector<Param> all = parse_query(page_url_query());
  std::vector<Param> rest;
  for (const Param& p : all) {
    if (p.key == "scene") {
      bool found = false;
      for (size_t i = 0; i < g.scenes.size(); ++i)
        if (p.value == g.scenes[i]->id()) { g.active = static_cast<int>(i); found = true; }
      if (!found) g.notices.push_back("scene=" + p.value + " is not a scene here; showing " + g.scenes[0]->id() + ".");
    } else if (p.key == "embed") {
      g.embed = p.value != "0";
    } else if (p.key == "autoplay") {
      g.autoplay = p.value != "0";
    } else {
      rest.push_back(p);
    }
  }
  for (std::string& msg : g.scenes[g.active]->apply_link(rest)) g.notices.push_back(std::move(msg));
  g.requested_tab = g.active;
}

// The query that reproduces the active scene, with or without the embed flag.
std::string current_query(bool embed) {
  std::vector<Param> ps = {{"scene", g.scenes[g.active]->id()}};
  if (embed) ps.push_back({"embed", "1"});
  for (Param& p : g.scenes[g.active]->link_params()) ps.push_back(std::move(p));
  return build_query(ps);
}

void write_url() {
  const std::string q = current_query(g.embed);
  if (q != g.last_query) {
    page_set_url_query(q);
    g.last_query = q;
  }
}

// [SECTION] Layout
void notices_ui() {
  for (size_t i = 0; i < g.notices.size();) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kRed));
    ImGui::TextWrapped("Note: %s", g.notices[i].c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushID(static_cast<int>(i));
    const bool dismiss = ImGui::SmallButton("dismiss");
    ImGui::PopID();
    if (dismiss) g.notices.erase(g.notices.begin() + static_cast<long>(i));
    else ++i;
  }
}

// ImGui 1.86 indexes keys by SDL scancode (its SDL backend); it has no ImGuiKey_R/S yet.
void shortcuts(Scene& s) {
  if (ImGui::GetIO().WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) s.command("toggle");
  if (ImGui::IsKeyPressed(SDL_SCANCODE_R, false)) s.command("reset");
  if (ImGui::IsKeyPressed(SDL_SCANCODE_S, false)) s.command("step");
}

// "Copy link" (a full URL of this exact setup) and, in an embedded figure, "Open full page".
void link_buttons(bool embed) {
  if (ImGui::SmallButton("Copy link")) page_copy_link(current_query(false));
  register_widget("copy_link");
  tip("Copies a link to this exact setup (scene and every setting) so you can share it.");
  if (!embed) return;
  ImGui::SameLine();
  if (ImGui::SmallButton("Open full page")) page_open_full(current_query(false));
  register_widget("open_full");
  tip("Opens this figure, with its current settings, as the full playground in a new tab.");
}

// Width of the link buttons ("Copy link", and "Open full page" in embeds), pixels.
float link_buttons_width(bool embed) {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = ImGui::CalcTextSize("Copy link").x + 2 * st.FramePadding.x;
  if (embed) w += st.ItemSpacing.x + ImGui::CalcTextSize("Open full page").x + 2 * st.FramePadding.x;
  return w;
}

void right_aligned(float width) {
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - width));
}

void layout(const Frame& f) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("EBM Playground", nullptr, flags);
  Scene& scene = *g.scenes[g.active];
  shortcuts(scene);
  const float fs = ImGui::GetFontSize();
  if (f.embed) {
    // A title per figure, and the way out to the full page.
    const float full = ImGui::GetContentRegionAvail().x, links_w = link_buttons_width(true);
    ImGui::PushFont(bold_font());
    const float title_w = ImGui::CalcTextSize(scene.title()).x;
    ImGui::TextUnformatted(scene.title());
    ImGui::PopFont();
    // On a phone the buttons go under the title rather than over it.
    if (title_w + fs + links_w <= full) right_aligned(links_w);
    link_buttons(true);
    notices_ui();
    scene.ui(f);
    // The post's embed.js sizes the iframe to this (content bottom plus the window's padding).
    embed_report_height(ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y);
    ImGui::End();
    return;
  }
  // One line on wide screens; on narrow ones (phones) the subtitle wraps under the title line.
  constexpr const char* kSubtitle = "energy-based models, live: Hopfield networks, Boltzmann machines, RBMs, deep belief nets";
  const ImGuiStyle& st = ImGui::GetStyle();
  const float full = ImGui::GetContentRegionAvail().x;
  const float right_w = ImGui::CalcTextSize("000 fps").x + st.ItemSpacing.x + link_buttons_width(false);
  ImGui::PushFont(bold_font());
  const float title_w = ImGui::CalcTextSize("EBM Playground").x;
  ImGui::TextUnformatted("EBM Playground");
  ImGui::PopFont();
  const bool one_line = title_w + ImGui::CalcTextSize(kSubtitle).x + right_w + 3 * fs <= full;
  if (one_line) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", kSubtitle);
  }
  right_aligned(right_w);
  ImGui::TextDisabled("%3.0f fps", median_frame_ms() > 0 ? 1000.0f / median_frame_ms() : 0.0f);
  // frame_stats: the fps readout toggles the frame-time breakdown window.
  if (ImGui::IsItemClicked()) frame_stats_toggle();
  tip("Click for where the frame time goes: simulation step, UI, rendering, frame interval.");
  register_widget("frame_stats");
  ImGui::SameLine();
  link_buttons(false);
  if (!one_line) {
    ImGui::PushStyleColor(ImGuiCol_Text, st.Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", kSubtitle);
    ImGui::PopStyleColor();
  }
  notices_ui();
  if (ImGui::BeginTabBar("scenes")) {
    for (size_t i = 0; i < g.scenes.size(); ++i) {
      const ImGuiTabItemFlags tf = (g.requested_tab == static_cast<int>(i)) ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(g.scenes[i]->title(), nullptr, tf)) {
        g.active = static_cast<int>(i);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  g.requested_tab = -1;
  ImGui::BeginChild("scene", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  scene.ui(f);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace

bool app_init() {
  if (!platform_init(g.platform)) {
    page_fatal(g.platform.error);
    return false;
  }
  std::string err;
  if (!gfx_init(err)) {
    page_fatal("The figures' shaders failed to build: " + err);
    return false;
  }
  for (SceneMaker make : kScenes) g.scenes.push_back(make(g.shared));
  read_url();
  embed_init();
  return true;
}

// [SECTION] Frame: events -> step -> UI -> render.
void app_frame() {
  const double t0 = platform_now_s();
  const bool input = platform_poll(g.platform);
  Frame f;
  f.dt_s = platform_frame_dt(g.platform);
  f.embed = g.embed;
  f.budget_ms = kStepBudgetMs;
  Scene& scene = *g.scenes[g.active];
  // Out of view or in a hidden tab: neither step nor draw (after the first frame, so the
  // figure is ready when it scrolls in). On waking, resume without catching up.
  if (!embed_visible() && g.ready_sent) {
    g.skipped_last = true;
    return;
  }
  if (embed_take_woke()) {
    f.dt_s = std::min(f.dt_s, kWakeDtS);
    g.idle_frames = 0;
  }
  if (g.autoplay && embed_take_first_visible()) scene.command("play");
  // Idle when nothing moves and nobody interacts: keep the last frame on screen.
  g.idle_frames = (input || scene.animating()) ? 0 : g.idle_frames + 1;
  if (g.idle_frames > kIdleFrames && g.ready_sent) {
    g.skipped_last = true;
    return;
  }
  scene.step(f);
  g.step_ms = static_cast<float>((platform_now_s() - t0) * 1000.0);
  gfx_begin_frame();
  widgets_begin_frame();
  set_fit_content(g.embed);
  platform_begin_frame(g.platform);
  layout(f);
  platform_end_frame(g.platform);
  write_url();
  bool unsaved = false;
  for (const auto& sc : g.scenes) unsaved |= sc->has_unsaved_work();
  if (unsaved != g.unsaved) {
    page_set_unsaved(unsaved);
    g.unsaved = unsaved;
  }
  if (!g.ready_sent) {
    page_ready();
    g.ready_sent = true;
  }
  // Frame-rate statistics count only intervals between two drawn frames (not idle gaps).
  if (!g.skipped_last) {
    g.frame_ms[g.frame_count % g.frame_ms.size()] = static_cast<float>(f.dt_s * 1000.0);
    ++g.frame_count;
  }
  g.skipped_last = false;
  g.work_ms = static_cast<float>((platform_now_s() - t0) * 1000.0);
}

std::string app_query() {
  nlohmann::json j;
  j["scene"] = g.scenes.empty() ? "" : g.scenes[g.active]->id();
  j["embed"] = g.embed;
  j["visible"] = embed_visible();
  j["frames"] = g.frame_count;
  j["median_frame_ms"] = median_frame_ms();
  j["work_ms"] = g.work_ms;
  j["step_ms"] = g.step_ms;
  j["frame_stats"] = frame_stats_json();  // medians and p95 per phase (frame_stats.hpp)
  j["gl_context"] = gl_context_state();   // "ok" / "lost" / "failed" (gl_context.hpp)
  j["notices"] = g.notices;
  j["link"] = g.scenes.empty() ? "" : current_query(false);
  j["widgets"] = widgets_json();
  if (!g.scenes.empty()) j["state"] = g.scenes[g.active]->query();
  j["nonfinite"] = nonfinite_numbers(j);  // written as null by JSON; tests require none
  // Notices quote link text a reader typed; replace invalid UTF-8 rather than abort on it.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool app_command(const std::string& name) {
  if (g.scenes.empty()) return false;
  g.idle_frames = 0;
  return g.scenes[g.active]->command(name);
}

}  // namespace web
