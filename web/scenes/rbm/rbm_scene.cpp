// rbm_scene.cpp: the RBM lab on the page. Connects the model (rbm_model) to the page: the MNIST
// digits and model files arrive through the page's assets, saved models leave as downloads, and
// the model is published for the Gibbs scene. Layout only; rules live in the model.
#include "assets.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "rbm_ui.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr const char* kFileAsset = "rbm_file";
constexpr const char* kPretrainedAsset = "rbm_pretrained";
constexpr const char* kPretrainedUrl = "assets/rbm_mnist.bin";  // binary, float16 (model_io.hpp)

class RbmScene final : public Scene {
 public:
  explicit RbmScene(SharedState& shared) : shared_(shared) {}
  const char* id() const override { return "rbm"; }
  const char* title() const override { return "RBM on MNIST"; }

  std::vector<std::string> apply_link(std::span<const Param> params) override {
    auto notes = model_.apply_link(params);
    edit_ = model_.settings();
    return notes;
  }

  std::vector<Param> link_params() const override {
    std::vector<Param> ps = settings_params(rbm_settings_table(), model_.settings());
    // The shipped model is part of the experiment: a link to it loads it again.
    if (model_.source() == ModelSource::Pretrained && model_.trainer().updates == 0) ps.push_back({"pretrained", "1"});
    return ps;
  }

  void step(const Frame& f) override {
    const MnistData& d = mnist_poll();
    model_.set_data(d.ready ? &d.split : nullptr);
    if (!model_.built()) return;
    if (model_.take_pretrained_request()) fetch_pretrained();
    poll_files();
    model_.step(f.budget_ms);
    shared_.rbm = &model_.rbm();
    shared_.rbm_version = model_.version();
  }

  bool animating() const override { return model_.animating() || pretrained_pending_; }

  void ui(const Frame& f) override {
    const float fs = ImGui::GetFontSize();
    if (!f.embed)
      figure_title("Training an RBM on handwritten digits",
                   "Contrastive divergence lowers the free energy of real digits and raises it where the model's own Gibbs "
                   "samples go. Watch the honest measures: reconstruction error alone can fall while the likelihood does not.");
    const MnistData& d = mnist_poll();
    if (!d.ready) {
      ImGui::Spacing();
      if (d.failed) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "The digits could not be loaded: %s", d.error.c_str());
      } else {
        ImGui::TextUnformatted("Loading 10,000 MNIST digits (28x28)...");
        ImGui::ProgressBar(d.progress, ImVec2(fs * 16, 0));
      }
      return;
    }
    if (!model_.built()) return;
    if (!ImGui::IsAnyItemActive()) edit_ = model_.settings();  // no drag in progress: show the model's
    const CommandFn run = [this](const std::string& c) { return command(c); };
    rbm_transport(model_, run);
    discard_dialog(model_.guard(), "Discard the trained model?", [this] { save(); });
    if (model_.diverged()) {
      if (divergence_notice(model_.error(), model_.can_restore())) run("restore");
    } else if (!model_.error().empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", model_.error().c_str());
    }
    if (!model_.notice().empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kGreen), "%s", model_.notice().c_str());
    view_.refresh(model_);
    settings_beside_figures(fs * 19, fs * 56, "Settings: model, training, files",
                            [this, &run] { rbm_settings_panel(model_, edit_, run); }, [this] { view_.figures(model_); });
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    const MnistData& d = mnist_poll();
    const RbmMonitors& mon = model_.monitors();
    auto last = [](const History& h) { return h.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.last()); };
    j["settings"] = settings_json(rbm_settings_table(), model_.settings());
    j["data_ready"] = d.ready;
    j["data_error"] = d.error;
    j["built"] = model_.built();
    j["playing"] = model_.playing();
    j["error"] = model_.error();
    j["notice"] = model_.notice();
    if (!model_.built()) return j;
    const ebm::RbmTrainer& t = model_.trainer();
    j["nv"] = t.rbm.nv;
    j["nh"] = t.rbm.nh;
    j["epoch"] = t.epoch;
    j["batch"] = t.batch;
    j["batches_per_epoch"] = t.batches_per_epoch;
    j["updates"] = t.updates;
    j["k"] = t.k_current;
    j["recon_points"] = mon.recon.size();
    j["recon_first"] = mon.recon.empty() ? 0.0f : mon.recon.y.front();
    j["recon_last"] = mon.recon.last();
    j["recon_eval"] = last(mon.eval_recon);
    j["pll"] = last(mon.pll);
    j["fe_gap"] = mon.fe_gap;
    j["loglik"] = last(mon.ll);
    j["loglik_kind"] = mon.ll_kind;
    j["samples_per_s"] = model_.samples_per_s();
    j["ms_per_batch"] = model_.train_pacer().ms_per_unit;
    j["model_source"] = model_.source_name();
    j["unsaved"] = model_.unsaved();
    j["confirm_open"] = model_.guard().pending();
    j["weights_finite"] = model_.weights_finite();
    j["diverged"] = model_.diverged();
    j["can_restore"] = model_.can_restore();
    return j;
  }

  bool has_unsaved_work() const override { return model_.unsaved(); }

  bool command(const std::string& name) override {
    if (name == "play") model_.set_playing(true);
    else if (name == "pause") model_.set_playing(false);
    else if (name == "toggle") model_.set_playing(!model_.playing());
    else if (!model_.built()) return false;
    else if (name == "step") model_.step_batch();
    else if (name == "epoch") model_.finish_epoch();
    else if (name == "reset") model_.request_reset();
    else if (name == "restore") model_.restore_good();
    else if (name == "discard") model_.guard().confirm();
    else if (name == "cancel") model_.guard().cancel();
    else if (name == "save") save();
    else if (name == "load") guarded([] { asset_pick_file(kFileAsset, ".json,.bin,application/json"); });
    else if (name == "pretrained") guarded([this] { fetch_pretrained(); });
    else return false;
    return true;
  }

 private:
  void guarded(std::function<void()> action) {
    if (model_.unsaved()) model_.set_playing(false);
    model_.guard().request(model_.unsaved(), std::move(action),
                           "a model trained for " + std::to_string(model_.trainer().updates) + " updates");
  }

  void save() {
    const std::string text = model_.save_json();
    download_text("rbm_mnist_" + std::to_string(model_.rbm().nh) + "h.json", text);
  }

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
        const std::string name = f.name.empty() ? "the file you picked" : f.name;
        model_.load_bytes(f.bytes, name, ModelSource::File);
        asset_release(kFileAsset);
      }
      edit_ = model_.settings();
    }
    if (!pretrained_pending_) return;
    const Asset& p = asset_get(kPretrainedAsset);
    if (p.status == AssetStatus::Failed) {
      pretrained_pending_ = false;
      model_.load_failed("the pretrained model", p.error);
    } else if (p.status == AssetStatus::Ready) {
      pretrained_pending_ = false;
      model_.load_bytes(p.bytes, "the pretrained model", ModelSource::Pretrained);
      asset_release(kPretrainedAsset);
      edit_ = model_.settings();
    }
  }

  SharedState& shared_;
  RbmModel model_;
  RbmSettings edit_;
  RbmView view_;
  uint32_t file_generation_ = 0;
  bool pretrained_pending_ = false;
};

}  // namespace

std::unique_ptr<Scene> make_rbm_scene(SharedState& shared) { return std::make_unique<RbmScene>(shared); }

}  // namespace web
