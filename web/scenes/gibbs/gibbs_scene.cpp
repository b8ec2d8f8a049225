// gibbs_scene.cpp: the Gibbs sampling scene on the page. Connects the model (gibbs_model) to the
// page: the pretrained model and the MNIST digits arrive through the page's assets, and the RBM
// tab's model is read from the app's SharedState when the user asks for it. Layout only; rules
// live in the model.
#include <algorithm>

#include "assets.hpp"
#include "gibbs_ui.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

// Its own asset name: the RBM tab releases the copy it fetches once it has read it.
constexpr const char* kPretrainedAsset = "rbm_pretrained_gibbs";
constexpr const char* kPretrainedUrl = "assets/rbm_mnist.bin";  // binary, float16 (model_io.hpp)
constexpr float kLoadingProgress = 0.3f;  // bar shown while the model file loads (no byte count)

class GibbsScene final : public Scene {
 public:
  explicit GibbsScene(SharedState& shared) : shared_(shared) {}
  const char* id() const override { return "gibbs"; }
  const char* title() const override { return "Gibbs sampling"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }

  std::vector<Param> link_params() const override { return settings_params(gibbs_settings_table(), model_.settings()); }

  void step(const Frame& f) override {
    if (!model_.have_model()) {
      acquire_model();
      return;
    }
    const MnistData& d = mnist_poll(f.embed ? MnistUse::HeldOut : MnistUse::All);
    model_.set_data(d.ready ? &d.split : nullptr);
    model_.step(f.dt_s, f.budget_ms);
  }

  bool animating() const override { return model_.animating(); }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("Gibbs sampling: how an RBM dreams",
                   "Alternate h ~ P(h | v) and v ~ P(v | h). From a real digit the chain wanders to other digits; from "
                   "noise the fantasy particles settle into digit-like states; clamped pixels steer inpainting.");
    const MnistData& d = mnist_poll(f.embed ? MnistUse::HeldOut : MnistUse::All);
    if (!model_.error().empty())
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model_.error().c_str());
    if (!model_.have_model() || !d.ready || !model_.started()) {
      ImGui::TextUnformatted(!model_.have_model() ? "Loading the pretrained model..." : "Loading the digits...");
      ImGui::ProgressBar(model_.have_model() ? d.progress : kLoadingProgress, ImVec2(fs * 16, 0));
      return;
    }
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const CommandFn run = [this](const std::string& c) { return command(c); };
    const bool changed = model_.from_rbm_tab() && shared_.rbm_version != model_.shared_version();
    gibbs_controls(model_, edit_, changed, run);
    view_.refresh(model_);
    ImGui::Spacing();
    view_.chain(model_);
    ImGui::Spacing();
    // Fantasy particles beside inpainting; stacked on phones and narrow embeds.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool stack = avail < fs * 36;
    ImGui::BeginGroup();
    view_.fantasy(model_, stack ? std::min(fs * 16, avail) : std::min(fs * 16, avail * 0.45f));
    ImGui::EndGroup();
    if (!stack) ImGui::SameLine(0, fs * 2);
    ImGui::BeginGroup();
    view_.inpaint(model_, stack ? std::min(fs * 11, (avail - fs) * 0.5f) : std::min(fs * 11, avail * 0.25f), run);
    ImGui::EndGroup();
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    j["settings"] = settings_json(gibbs_settings_table(), model_.settings());
    j["have_model"] = model_.have_model();
    j["started"] = model_.started();
    j["model"] = model_.model_name();
    j["error"] = model_.error();
    j["playing"] = model_.playing();
    j["chain_steps"] = model_.trace().first + model_.trace().steps;
    j["fantasy_sweeps"] = model_.fantasy().sweeps;
    j["nh"] = model_.rbm().nh;
    j["ms_per_sweep"] = model_.pacer().ms_per_unit;
    if (model_.started()) {
      const std::vector<float>& pv = model_.fantasy().pv;
      double mean = 0, var = 0;
      for (float v : pv) mean += v;
      mean /= static_cast<double>(pv.size());
      for (float v : pv) var += (v - mean) * (v - mean);
      j["fantasy_mean"] = mean;
      j["fantasy_var"] = var / static_cast<double>(pv.size());
      j["clamp_max_error"] = model_.clamp_max_error();  // clamped pixels must stay exactly at their values
      j["clamped"] = model_.clamped();
    }
    return j;
  }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (name == "step") model_.step_sweep();
    else if (name == "reset") model_.restart();
    else if (name == "use_trained") model_.use_shared(shared_.rbm, shared_.rbm_version);
    else if (name == "clamp_top") model_.clamp_top_half();
    else if (name == "free_all") model_.free_all();
    else if (name == "next_digit") model_.next_digit();
    else return false;
    return true;
  }

 private:
  // The pretrained model shipped with the page; if it cannot be had, an untrained stand-in.
  void acquire_model() {
    if (!requested_) {
      asset_fetch(kPretrainedAsset, kPretrainedUrl);
      requested_ = true;
    }
    const Asset& a = asset_get(kPretrainedAsset);
    if (a.status == AssetStatus::Failed) {
      model_.pretrained_failed(a.error);
    } else if (a.status == AssetStatus::Ready) {
      model_.load_pretrained(a.bytes);
      asset_release(kPretrainedAsset);
    }
  }

  SharedState& shared_;
  GibbsModel model_;
  GibbsSettings edit_;
  GibbsView view_;
  bool requested_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_gibbs_scene(SharedState& shared) { return std::make_unique<GibbsScene>(shared); }

}  // namespace web
