// dbn_scene.cpp: the deep-belief-net scene on the page. Connects the model (dbn_model) to the
// page: the pretrained DBN (assets/dbn_mnist.bin, built by scripts/build.sh) and the MNIST
// digits arrive through the page's assets, a picked file through the file picker, and saved
// models leave as downloads. Layout only; rules live in the model.
#include <algorithm>

#include "assets.hpp"
#include "dbn_ui.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr const char* kFileAsset = "dbn_file";
constexpr const char* kPretrainedAsset = "dbn_pretrained";
constexpr const char* kPretrainedUrl = "assets/dbn_mnist.bin";

const char* source_id(DbnSource s) {
  switch (s) {
    case DbnSource::None: return "none";
    case DbnSource::Pretrained: return "pretrained";
    case DbnSource::File: return "file";
    case DbnSource::Trained: return "trained";
  }
  return "?";
}

class DbnScene final : public Scene {
 public:
  explicit DbnScene(SharedState&) {}  // publishes nothing and reads nothing from other scenes
  const char* id() const override { return "dbn"; }
  const char* title() const override { return "Deep belief net"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }

  std::vector<Param> link_params() const override { return settings_params(dbn_settings_table(), model_.settings()); }

  void step(const Frame& f) override {
    if (!requested_) {  // the pretrained model at once: dreams need no digits
      fetch_pretrained();
      requested_ = true;
    }
    poll_files();
    const MnistData& d = mnist_poll();
    model_.set_data(d.ready ? &d.split : nullptr);
    model_.step(f.dt_s, f.budget_ms);
  }

  bool animating() const override {
    const MnistData& d = mnist_poll();  // keep polling while the digits load (the accuracy waits for them)
    return model_.animating() || pretrained_pending_ || (!d.ready && !d.failed);
  }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("A deep belief net dreams digits",
                   "Stacked RBMs learn features of features; the top RBM is an associative memory over the top features "
                   "and the label. Clamp a label, run Gibbs sampling up there, and pass the result down to pixels.");
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const CommandFn run = [this](const std::string& c) { return command(c); };
    dbn_transport(model_, edit_, run);
    dbn_label_picker(model_, run);
    discard_dialog(model_.guard(), "Discard the trained model?", [this] { save(); });
    if (!model_.error().empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model_.error().c_str());
    if (!model_.notice().empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kGreen), "%s", model_.notice().c_str());
    const MnistData& d = mnist_poll();
    if (d.failed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "The digits could not be loaded: %s", d.error.c_str());
    view_.refresh(model_);
    settings_beside_figures(fs * 19, fs * 56, "Settings: network, training, dreams, files",
                            [this, &run] { dbn_settings_panel(model_, edit_, run); },
                            [this, &run, fs] {
                              view_.dreams(model_, std::min(ImGui::GetContentRegionAvail().x, fs * 72));
                              ImGui::Spacing();
                              view_.training(model_, run);
                            });
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    const MnistData& d = mnist_poll();
    j["settings"] = settings_json(dbn_settings_table(), model_.settings());
    j["data_ready"] = d.ready;
    j["data_error"] = d.error;
    j["has_model"] = model_.has_model();
    j["source"] = source_id(model_.source());
    j["model"] = model_.source_name();
    j["phase"] = dbn_scene_phase_name(model_.phase());
    j["playing"] = model_.playing();
    j["training"] = model_.training();
    j["error"] = model_.error();
    j["notice"] = model_.notice();
    j["unsaved"] = model_.unsaved();
    j["confirm_open"] = model_.guard().pending();
    j["accuracy"] = model_.accuracy() >= 0 ? nlohmann::json(model_.accuracy()) : nlohmann::json(nullptr);
    j["eval_done"] = model_.eval_done();
    j["eval_rows"] = model_.eval_rows();
    j["label"] = kDbnLabelNames[std::clamp(model_.settings().label, 0, kDbnLabelFree)];
    j["ms_per_sweep"] = model_.chain_pacer().ms_per_unit;
    j["ms_per_step"] = model_.train_pacer().ms_per_unit;
    training_json(j);
    if (!model_.has_model()) return j;
    const ebm::DbnChains& c = model_.chains();
    const ebm::Dbn& dbn = model_.dbn();
    j["chains"] = c.n;
    j["chain_sweeps"] = c.sweeps;
    j["clamp"] = c.clamp;
    std::vector<int> labels;
    nlohmann::json post = nlohmann::json::array();
    double mean = 0;
    for (int r = 0; r < c.n; ++r) {
      labels.push_back(ebm::dbn_chains_label(c, dbn, r));
      const auto first = model_.posterior().begin() + static_cast<long>(r) * dbn.labels;
      post.push_back(std::vector<double>(first, first + dbn.labels));
      for (float v : ebm::dbn_chains_image(c, dbn, r)) mean += v;
    }
    j["chain_labels"] = labels;
    j["label_posterior"] = post;
    j["dream_mean"] = mean / (static_cast<double>(c.n) * ebm::dbn_input_size(dbn));
    return j;
  }

  bool has_unsaved_work() const override { return model_.unsaved(); }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (name == "step") model_.step_sweep();
    else if (name == "reset") model_.restart_chains();
    else if (name == "train") model_.toggle_training();
    else if (name == "discard_run") model_.request_discard_training();
    else if (name == "discard") model_.guard().confirm();
    else if (name == "cancel") model_.guard().cancel();
    else if (name == "save") save();
    else if (name == "load") model_.guarded([] { asset_pick_file(kFileAsset, ".json,.bin,application/json,application/octet-stream"); });
    else if (name == "pretrained") model_.guarded([this] { fetch_pretrained(); });
    else if (name.rfind("label_", 0) == 0) return set_label(name.substr(6));
    else return false;
    return true;
  }

 private:
  bool set_label(const std::string& which) {
    for (int c = 0; c <= kDbnLabelFree; ++c) {
      if (which != kDbnLabelNames[c]) continue;
      DbnSettings next = model_.settings();
      next.label = c;
      model_.propose(next);
      edit_ = model_.settings();
      return true;
    }
    return false;
  }

  // The training run for ebm_query(): phase, the stage training (1-based), per-stage progress,
  // seconds and the reconstruction error of each completed epoch.
  void training_json(nlohmann::json& j) const {
    const ebm::DbnTrainer* t = model_.trainer();
    j["stage"] = nullptr;
    if (!t) return;
    const int stages = ebm::dbn_stage_count(*t);
    if (!ebm::dbn_train_finished(*t)) j["stage"] = t->stage + 1;
    j["stage_count"] = stages;
    j["train_phase"] = ebm::dbn_phase_name(t->phase);
    j["epoch"] = t->current.epoch;
    j["train_fraction"] = ebm::dbn_train_fraction(*t);
    j["train_steps"] = model_.train_units();
    std::vector<float> progress;
    nlohmann::json recon = nlohmann::json::array();
    for (int s = 0; s < stages; ++s) {
      progress.push_back(model_.stage_fraction(s));
      recon.push_back(s < static_cast<int>(model_.monitors().size()) ? model_.monitors()[s].epoch.y : std::vector<float>{});
    }
    j["stage_progress"] = progress;
    j["stage_seconds"] = model_.stage_seconds();
    j["stage_recon"] = recon;
  }

  void save() { download_text("dbn_mnist.json", model_.save_json()); }

  void fetch_pretrained() {
    asset_fetch(kPretrainedAsset, kPretrainedUrl);
    pretrained_pending_ = true;
  }

  // A picked file or the pretrained model arrives asynchronously; either way a failure is
  // reported and the current model kept.
  void poll_files() {
    const Asset& f = asset_get(kFileAsset);
    if (f.generation != file_generation_ && (f.status == AssetStatus::Ready || f.status == AssetStatus::Failed)) {
      file_generation_ = f.generation;
      if (f.status == AssetStatus::Failed) {
        model_.load_failed("the file you picked", f.error);
      } else {
        const std::vector<uint8_t> bytes = f.bytes;
        const std::string name = f.name.empty() ? "the file you picked" : f.name;
        asset_release(kFileAsset);
        model_.load_bytes(bytes, name, DbnSource::File);
      }
      edit_ = model_.settings();
    }
    if (!pretrained_pending_) return;
    const Asset& p = asset_get(kPretrainedAsset);
    if (p.status == AssetStatus::Failed) {
      pretrained_pending_ = false;
      model_.load_failed("the pretrained DBN", p.error);
    } else if (p.status == AssetStatus::Ready) {
      pretrained_pending_ = false;
      const std::vector<uint8_t> bytes = p.bytes;
      asset_release(kPretrainedAsset);
      model_.load_bytes(bytes, "the pretrained DBN", DbnSource::Pretrained);
    }
  }

  DbnModel model_;
  DbnSettings edit_;
  DbnView view_;
  uint32_t file_generation_ = 0;
  bool requested_ = false;
  bool pretrained_pending_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_dbn_scene(SharedState& shared) { return std::make_unique<DbnScene>(shared); }

}  // namespace web
