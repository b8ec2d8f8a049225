// scene_rbm.cpp: the RBM lab. An RBM trains on real MNIST digits by CD-k or PCD-k, in slices
// that fit the frame budget, with honest monitoring beside the reconstruction error: the
// free-energy gap between training and held-out digits, scikit-learn's pseudo-log-likelihood,
// and the log-likelihood (exact for up to 16 hidden units, AIS above). Figures: monitors,
// weight filters, reconstructions, hidden activations, weight histogram. Models can be saved,
// loaded, or replaced by the pretrained one shipped with the page. UI and pacing only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "assets.hpp"
#include "datasets.hpp"
#include "imgui.h"
#include "mnist_data.hpp"
#include "model_io.hpp"
#include "params.hpp"
#include "platform.hpp"
#include "rbm.hpp"
#include "rbm_metrics.hpp"
#include "rbm_train.hpp"
#include "scene.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kSide = 28;
constexpr int kEvalRows = 500;     // rows of train / held-out used by the monitors
constexpr int kExactPageMax = 16;  // exact log Z in the page up to 2^16 hidden states
constexpr int kShownFilters = 64;
constexpr int kShownDigits = 10;
const std::vector<const char*> kMethodNames = {"cd", "pcd"};
const std::vector<const char*> kBinNames = {"threshold", "sample", "grey"};

// Lays tiles (count of th x tw images, values per tile) into a mosaic with 1-cell gaps.
// out is (rows * (th + 1) - 1, cols * (tw + 1) - 1) row-major; gaps get `gap`.
void mosaic(const float* tiles, int count, int th, int tw, int cols, float gap, std::vector<float>& out, int& w, int& h) {
  const int rows = (count + cols - 1) / cols;
  w = cols * (tw + 1) - 1;
  h = rows * (th + 1) - 1;
  out.assign(static_cast<size_t>(w) * h, gap);
  for (int t = 0; t < count; ++t) {
    const int r0 = (t / cols) * (th + 1), c0 = (t % cols) * (tw + 1);
    for (int y = 0; y < th; ++y)
      for (int x = 0; x < tw; ++x) out[static_cast<size_t>(r0 + y) * w + c0 + x] = tiles[static_cast<size_t>(t) * th * tw + y * tw + x];
  }
}

class RbmScene final : public Scene {
 public:
  const char* id() const override { return "rbm"; }
  const char* title() const override { return "RBM on MNIST"; }

  // [SECTION] Lifecycle
  void reset() override {
    playing_ = false;
    built_ = false;  // rebuilt once the digits are there
    error_.clear();
  }

  void step(const Frame& f) override {
    const MnistData& d = mnist_poll();
    if (!d.ready) return;
    if (!built_) build(d);
    if (!built_) return;
    poll_model_files();
    const double t0 = platform_now_s();
    if (playing_ && !ebm::rbm_train_finished(trainer_)) {
      // Batches that fit in the budget, from a running estimate of the cost of one.
      // While AIS runs it gets half of the budget, training the rest, so its estimates keep up
      // with the epochs even at a low frame rate.
      const double train_ms = ais_running_ ? f.budget_ms * 0.5 : f.budget_ms;
      const int n = std::clamp(static_cast<int>(train_ms / std::max(0.05, ms_per_batch_)), 1, 200);
      const int last_epoch = trainer_.epoch;
      const double tb = platform_now_s();
      const int done = ebm::rbm_train_step(trainer_, rng_, n);
      const double ms = (platform_now_s() - tb) * 1000.0;
      if (done > 0) {
        ms_per_batch_ = 0.7 * ms_per_batch_ + 0.3 * ms / done;
        samples_per_s_ = 0.9 * samples_per_s_ + 0.1 * (done * trainer_.config.batch_size) / std::max(1e-6, ms * 1e-3);
        thin_history(recon_x_, recon_y_);
        recon_x_.push_back(static_cast<float>(trainer_.updates) / std::max(1, trainer_.batches_per_epoch));
        recon_y_.push_back(trainer_.last_recon_error);
      }
      if (!trainer_.status.ok()) { error_ = trainer_.status.message; playing_ = false; }
      if (trainer_.epoch != last_epoch || trainer_.updates - last_eval_updates_ >= eval_every_) evaluate();
      if (++frames_since_upload_ >= 6) upload_views();
    }
    // The log-likelihood estimate (AIS) runs in the time left over, one slice per frame.
    if (ais_running_) {
      const double left = std::max(f.budget_ms * 0.5, f.budget_ms - (platform_now_s() - t0) * 1000.0);
      const int betas = std::clamp(static_cast<int>(left / std::max(0.01, ms_per_beta_)), 1, 2000);
      const double ta = platform_now_s();
      const int done = ebm::ais_step(ais_, rng_ais_, betas);
      if (done > 0) ms_per_beta_ = 0.7 * ms_per_beta_ + 0.3 * (platform_now_s() - ta) * 1000.0 / done;
      if (ebm::ais_done(ais_)) finish_ais();
    }
  }

  bool animating() const override { return playing_ || ais_running_ || !built_; }

  // [SECTION] UI
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
    transport();
    confirm_discard();
    if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", error_.c_str());
    if (!notice_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kGreen), "%s", notice_.c_str());
    settings_beside_figures(fs * 19, fs * 56, "Settings: model, training, files", [this] { settings(); },
                            [this, &f] { figures(f); });
  }

  std::string apply_param(const Param& p) override {
    double d = 0;
    long long i = 0;
    int c = 0;
    std::string err;
    if (p.key == "hidden") { if ((err = parse_int(p, 1, 1000, i)).empty()) hidden_ = static_cast<int>(i); }
    else if (p.key == "lr") { if ((err = parse_number(p, 1e-5, 100, d)).empty()) lr_ = static_cast<float>(d); }
    else if (p.key == "batch") { if ((err = parse_int(p, 1, 1000, i)).empty()) batch_ = static_cast<int>(i); }
    else if (p.key == "k") { if ((err = parse_int(p, 1, 100, i)).empty()) k_ = static_cast<int>(i); }
    else if (p.key == "k_every") { if ((err = parse_int(p, 0, 1000, i)).empty()) k_every_ = static_cast<int>(i); }
    else if (p.key == "method") { if ((err = parse_choice(p, kMethodNames, c)).empty()) method_ = c; }
    else if (p.key == "momentum") { if ((err = parse_number(p, 0, 0.99, d)).empty()) momentum_ = static_cast<float>(d); }
    else if (p.key == "decay") { if ((err = parse_number(p, 0, 0.1, d)).empty()) decay_ = static_cast<float>(d); }
    else if (p.key == "train_rows") { if ((err = parse_int(p, 100, 9010, i)).empty()) train_rows_ = static_cast<int>(i); }
    else if (p.key == "binarize") { if ((err = parse_choice(p, kBinNames, c)).empty()) binarize_ = c; }
    else if (p.key == "seed") { if ((err = parse_int(p, 0, 1000000000, i)).empty()) seed_ = static_cast<uint64_t>(i); }
    else if (p.key == "play") { playing_ = p.value != "0"; return ""; }
    else if (p.key == "pretrained") { want_pretrained_ = p.value != "0"; return ""; }
    else return "unknown parameter " + p.key + " for the RBM scene (ignored).";
    built_ = false;
    return err;
  }

  std::vector<Param> params() const override {
    char lr[32], mo[32], de[32];
    std::snprintf(lr, sizeof lr, "%g", lr_);
    std::snprintf(mo, sizeof mo, "%g", momentum_);
    std::snprintf(de, sizeof de, "%g", decay_);
    return {{"hidden", std::to_string(hidden_)}, {"method", kMethodNames[method_]}, {"k", std::to_string(k_)},
            {"k_every", std::to_string(k_every_)}, {"lr", lr}, {"batch", std::to_string(batch_)},
            {"momentum", mo}, {"decay", de}, {"train_rows", std::to_string(train_rows_)},
            {"binarize", kBinNames[binarize_]}, {"seed", std::to_string(seed_)}};
  }

  nlohmann::json query() const override {
    nlohmann::json j;
    const MnistData& d = mnist_poll();
    j["data_ready"] = d.ready;
    j["data_error"] = d.error;
    j["built"] = built_;
    j["playing"] = playing_;
    j["error"] = error_;
    j["notice"] = notice_;
    if (!built_) return j;
    j["nv"] = trainer_.rbm.nv;
    j["nh"] = trainer_.rbm.nh;
    j["epoch"] = trainer_.epoch;
    j["batch"] = trainer_.batch;
    j["updates"] = trainer_.updates;
    j["k"] = trainer_.k_current;
    j["recon_points"] = recon_y_.size();
    j["recon_first"] = recon_y_.empty() ? 0.0f : recon_y_.front();
    j["recon_last"] = recon_y_.empty() ? 0.0f : recon_y_.back();
    j["recon_eval"] = eval_recon_.empty() ? nlohmann::json(nullptr) : nlohmann::json(eval_recon_.back());
    j["pll"] = pll_.empty() ? nlohmann::json(nullptr) : nlohmann::json(pll_.back());
    j["fe_gap"] = fe_gap_.empty() ? nlohmann::json(nullptr) : nlohmann::json(fe_gap_.back());
    j["loglik"] = ll_.empty() ? nlohmann::json(nullptr) : nlohmann::json(ll_.back());
    j["loglik_kind"] = ll_kind_;
    j["samples_per_s"] = samples_per_s_;
    j["ms_per_batch"] = ms_per_batch_;
    j["model_source"] = model_source_;
    j["unsaved"] = unsaved();
    j["confirm_open"] = static_cast<bool>(pending_);
    bool finite = true;
    for (float w : trainer_.rbm.w) finite &= std::isfinite(w);
    j["weights_finite"] = finite;
    return j;
  }

  bool has_unsaved_work() const override { return unsaved(); }

  /// The model being trained (null before the digits arrive); version changes with it.
  const ebm::Rbm* model(uint64_t* version) const {
    if (version) *version = static_cast<uint64_t>(trainer_.updates) * 1000003u + model_loads_;
    return built_ ? &trainer_.rbm : nullptr;
  }

  bool command(const std::string& name) override {
    if (!built_) return name == "play" ? (playing_ = true) : false;
    if (name == "play") playing_ = true;
    else if (name == "pause") playing_ = false;
    else if (name == "toggle") playing_ = !playing_;
    else if (name == "step") { playing_ = false; train_now(1); }
    else if (name == "reset") request_rebuild(Rebuild{hidden_, train_rows_, binarize_, seed_});
    else if (name == "discard") run_pending();
    else if (name == "epoch") { playing_ = false; train_now(trainer_.batches_per_epoch - trainer_.batch); }
    else if (name == "pretrained") guarded([this] { load_pretrained(); });
    else if (name == "save") save_model();
    else return false;
    return true;
  }

 private:
  // [SECTION] Model and data
  void build(const MnistData& d) {
    rng_.reseed(seed_);
    rng_ais_.reseed(seed_ + 77);
    const ebm::Binarize mode = binarize_ == 0 ? ebm::Binarize::Threshold : binarize_ == 1 ? ebm::Binarize::Sample : ebm::Binarize::None;
    const int rows = std::min(train_rows_, d.split.train.count);
    train_ = ebm::dataset_to_float(d.split.train, mode, 0.5f, &rng_, rows);
    held_ = ebm::dataset_to_float(d.split.held_out, mode, 0.5f, &rng_, std::min(kEvalRows, d.split.held_out.count));
    n_train_ = rows;
    n_held_ = std::min(kEvalRows, d.split.held_out.count);
    ebm::Rbm rbm = ebm::rbm_make(kSide * kSide, hidden_, kSide, kSide);
    ebm::rbm_init(rbm, rng_, train_);
    ais_base_ = ebm::ais_base_bias(train_.data(), n_train_, rbm.nv);
    ebm::RbmTrainConfig cfg = config();
    auto t = ebm::rbm_trainer_make(std::move(rbm), train_, cfg);
    if (!t.ok()) { error_ = t.error(); return; }
    trainer_ = std::move(t.value());
    clear_history();
    model_source_ = "trained here";
    ++model_loads_;
    built_ = true;
    error_.clear();
    evaluate();
    upload_views();
    if (want_pretrained_) { want_pretrained_ = false; load_pretrained(); }
  }

  ebm::RbmTrainConfig config() const {
    return ebm::RbmTrainConfig{.method = method_ == 1 ? ebm::RbmMethod::Pcd : ebm::RbmMethod::Cd,
                               .batch_size = batch_,
                               .k = k_,
                               .k_every = k_every_,
                               .learning_rate = lr_,
                               .momentum = momentum_,
                               .weight_decay = decay_};
  }

  void clear_history() {
    recon_x_.clear(); recon_y_.clear(); eval_x_.clear(); eval_recon_.clear(); fe_train_.clear(); fe_held_.clear();
    fe_gap_.clear(); pll_.clear(); ll_x_.clear(); ll_.clear(); ll_lo_.clear(); ll_hi_.clear();
    last_eval_updates_ = 0;
    ais_running_ = false;
  }

  void train_now(int batches) {
    if (batches <= 0) return;
    ebm::rbm_train_step(trainer_, rng_, batches);
    recon_x_.push_back(static_cast<float>(trainer_.updates) / std::max(1, trainer_.batches_per_epoch));
    recon_y_.push_back(trainer_.last_recon_error);
    if (!trainer_.status.ok()) error_ = trainer_.status.message;
    evaluate();
    upload_views();
  }

  // Monitors on fixed subsets: cheap ones at every evaluation, the log-likelihood after.
  void evaluate() {
    last_eval_updates_ = trainer_.updates;
    const ebm::Rbm& r = trainer_.rbm;
    const int ne = std::min(kEvalRows, n_train_);
    const float x = static_cast<float>(trainer_.updates) / std::max(1, trainer_.batches_per_epoch);
    eval_x_.push_back(x);
    eval_recon_.push_back(static_cast<float>(ebm::reconstruction_error(r, held_.data(), n_held_, scratch_)));
    const ebm::FreeEnergyGap g = ebm::free_energy_gap(r, train_.data(), ne, held_.data(), n_held_, scratch_);
    fe_train_.push_back(static_cast<float>(g.train));
    fe_held_.push_back(static_cast<float>(g.held_out));
    fe_gap_.push_back(static_cast<float>(g.gap));
    ebm::Rng prng(seed_ + 5);  // the same flipped units every time, so the curve is comparable
    pll_.push_back(static_cast<float>(ebm::pseudo_log_likelihood(r, held_.data(), n_held_, prng, scratch_)));
    if (r.nh <= kExactPageMax) {
      const double lz = ebm::log_z_exact(r);
      ll_x_.push_back(x);
      const float ll = static_cast<float>(ebm::mean_log_likelihood(r, held_.data(), n_held_, lz, scratch_));
      ll_.push_back(ll); ll_lo_.push_back(ll); ll_hi_.push_back(ll);
      ll_kind_ = "exact";
    } else if (!ais_running_) {
      ais_ = ebm::ais_start(r, ais_base_, ebm::AisConfig{.runs = 16, .betas = 1000}, rng_ais_);
      ais_x_ = x;
      ais_running_ = true;
    }
  }

  void finish_ais() {
    ais_running_ = false;
    const ebm::AisEstimate e = ebm::ais_estimate(ais_);
    // The estimate is for the model as it was when AIS started: score that snapshot.
    const double mean_neg_f = ebm::mean_log_likelihood(ais_.rbm, held_.data(), n_held_, 0.0, scratch_);
    ll_x_.push_back(ais_x_);
    ll_.push_back(static_cast<float>(mean_neg_f - e.log_z));
    // A larger log Z means a lower likelihood: the high log Z gives the low end.
    ll_lo_.push_back(static_cast<float>(mean_neg_f - e.log_z_high));
    ll_hi_.push_back(std::isfinite(e.log_z_low) ? static_cast<float>(mean_neg_f - e.log_z_low) : NAN);
    ll_kind_ = "AIS";
  }

  // [SECTION] Files: save, load, pretrained
  void save_model() {
    const ebm::RbmTrainingInfo info = ebm::rbm_training_info(trainer_, "mnist-train", seed_);
    download_text("rbm_mnist_" + std::to_string(trainer_.rbm.nh) + "h.json", ebm::rbm_to_json(trainer_.rbm, &info));
    saved_updates_ = trainer_.updates;
    notice_ = "Saved the model (" + std::to_string(trainer_.rbm.nh) + " hidden units) as a JSON download.";
  }

  void load_pretrained() {
    asset_fetch("rbm_pretrained", "assets/rbm_mnist.json");
    pretrained_pending_ = true;
  }

  void poll_model_files() {
    for (const char* id : {"rbm_file", "rbm_pretrained"}) {
      const Asset& a = asset_get(id);
      const bool pending = std::string(id) == "rbm_file" ? a.generation != file_generation_ : pretrained_pending_;
      if (!pending) continue;
      if (a.status == AssetStatus::Failed) { error_ = a.error; pretrained_pending_ = false; continue; }
      if (a.status != AssetStatus::Ready) continue;
      if (std::string(id) == "rbm_file") file_generation_ = a.generation;
      else pretrained_pending_ = false;
      const std::string text(a.bytes.begin(), a.bytes.end());
      const std::string name = std::string(id) == "rbm_file" ? a.name : "the pretrained model";
      asset_release(id);
      ebm::RbmTrainingInfo info;
      auto loaded = ebm::rbm_from_json(text, kSide * kSide, &info);
      if (!loaded.ok()) {  // the current model stays as it is
        error_ = "Could not load " + name + ": " + loaded.error() + " The current model is unchanged.";
        continue;
      }
      const ebm::Status st = ebm::rbm_trainer_set_model(trainer_, std::move(loaded.value()));
      if (!st.ok()) { error_ = "Could not use " + name + ": " + st.message; continue; }
      hidden_ = trainer_.rbm.nh;
      clear_history();
      playing_ = false;
      error_.clear();
      model_source_ = name;
      ++model_loads_;
      notice_ = "Loaded " + name + ": " + std::to_string(trainer_.rbm.nh) + " hidden units" +
                (info.epochs ? ", trained " + std::to_string(info.epochs) + " epochs" : std::string()) + ".";
      evaluate();
      upload_views();
    }
  }

  // [SECTION] Keeping trained models: rebuilding asks first
  struct Rebuild {
    int hidden, train_rows, binarize;
    uint64_t seed;
  };

  /// True when the model holds training the user has not saved (a rebuild would lose it).
  bool unsaved() const { return built_ && trainer_.updates > 0 && trainer_.updates != saved_updates_; }

  void request_rebuild(const Rebuild& r) {
    guarded([this, r] { apply_rebuild(r); });
  }

  /// Runs action now, or after the user agrees to lose the unsaved model.
  void guarded(std::function<void()> action) {
    if (unsaved()) {
      pending_ = std::move(action);
      playing_ = false;
      open_confirm_ = true;
      return;
    }
    action();
  }

  void apply_rebuild(const Rebuild& r) {
    hidden_ = r.hidden;
    train_rows_ = r.train_rows;
    binarize_ = r.binarize;
    seed_ = r.seed;
    playing_ = false;
    built_ = false;
  }

  void run_pending() {
    auto action = std::move(pending_);
    pending_ = nullptr;
    if (action) action();
  }

  void confirm_discard() {
    if (open_confirm_) { ImGui::OpenPopup("Discard the trained model?"); open_confirm_ = false; }
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("Discard the trained model?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::Text("The current model has %lld training updates that are not saved.", static_cast<long long>(trainer_.updates));
      ImGui::TextUnformatted("This replaces it with another model.");
      ImGui::Spacing();
      if (button("Save it, then continue", "confirm_save", "Downloads the model as JSON, then goes on.")) {
        save_model();
        run_pending();
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (button("Discard it", "confirm_discard", "Goes on without saving; the trained model is lost.")) {
        run_pending();
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (button("Cancel", "confirm_cancel", "Keeps the current model and changes nothing.")) {
        pending_ = nullptr;
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndPopup();
    }
  }

  // [SECTION] Views
  void upload_views() {
    frames_since_upload_ = 0;
    const ebm::Rbm& r = trainer_.rbm;
    // Filters: column j of W as a 28x28 image, each scaled by its own max |w|.
    const int nf = std::min(kShownFilters, r.nh);
    tiles_.assign(static_cast<size_t>(nf) * r.nv, 0.0f);
    for (int j = 0; j < nf; ++j) {
      float m = 1e-12f;
      for (int i = 0; i < r.nv; ++i) m = std::max(m, std::fabs(r.w[static_cast<size_t>(i) * r.nh + j]));
      for (int i = 0; i < r.nv; ++i) tiles_[static_cast<size_t>(j) * r.nv + i] = r.w[static_cast<size_t>(i) * r.nh + j] / m;
    }
    int w = 0, h = 0;
    mosaic(tiles_.data(), nf, kSide, kSide, std::min(8, std::max(1, nf)), 0.0f, buf_, w, h);
    field_upload(filters_tex_, buf_.data(), w, h);
    // Reconstructions: held-out digits (top) and P(v | P(h|v)) (bottom).
    const int nd = std::min(kShownDigits, n_held_);
    ph_.resize(static_cast<size_t>(nd) * r.nh);
    pv_.resize(static_cast<size_t>(nd) * r.nv);
    ebm::rbm_hidden_probs(r, held_.data(), nd, ph_.data());
    ebm::rbm_visible_probs(r, ph_.data(), nd, pv_.data());
    tiles_.assign(held_.begin(), held_.begin() + static_cast<long>(nd) * r.nv);
    tiles_.insert(tiles_.end(), pv_.begin(), pv_.end());
    mosaic(tiles_.data(), 2 * nd, kSide, kSide, nd, 0.0f, buf_, w, h);
    field_upload(recon_tex_, buf_.data(), w, h);
    // Hidden activations P(h|v) of 32 held-out digits: rows are digits, columns hidden units.
    const int nb = std::min(32, n_held_);
    ph_.resize(static_cast<size_t>(nb) * r.nh);
    ebm::rbm_hidden_probs(r, held_.data(), nb, ph_.data());
    field_upload(hidden_tex_, ph_.data(), r.nh, nb);
    weight_hist_ = ebm::histogram_symmetric(r.w, 41);
  }

  void transport() {
    const float fs = ImGui::GetFontSize();
    if (button(playing_ ? "Pause" : "Train", "play",
               "Trains in slices between frames so the page stays responsive (shortcut: space).",
               ImVec2(fs * 4.5f, 0))) {
      command("toggle");
    }
    ImGui::SameLine();
    if (button("Step", nullptr, "One minibatch update (shortcut: S).")) command("step");
    ImGui::SameLine();
    if (button("Epoch", nullptr,
               "Finishes the current epoch at once (may take a moment for large models).")) {
      command("epoch");
    }
    ImGui::SameLine();
    if (button("Reset", "reset",
               "A fresh model from the settings and seed; curves restart (shortcut: R).")) {
      command("reset");
    }
    ImGui::SameLine();
    const float frac = trainer_.batches_per_epoch ? static_cast<float>(trainer_.batch) / trainer_.batches_per_epoch : 0.0f;
    char label[96];
    std::snprintf(label, sizeof label, "epoch %d, batch %d / %d", trainer_.epoch + 1, trainer_.batch, trainer_.batches_per_epoch);
    ImGui::ProgressBar(frac, ImVec2(fs * 13, 0), label);
    tip("Progress through the current epoch (one pass over the training digits).");
    ImGui::SameLine();
    ImGui::Text("k = %d", trainer_.k_current);
    tip("Gibbs steps in the negative phase this epoch (grows with the k schedule).");
    ImGui::SameLine();
    ImGui::TextDisabled("%.0f samples/s, %.1f ms/batch", samples_per_s_, ms_per_batch_);
    tip("Training throughput measured in this tab (digits processed per second of training work).");
  }

  void settings() {
    const float fs = ImGui::GetFontSize();
    auto heading = [](const char* t) { ImGui::Spacing(); ImGui::PushFont(bold_font()); ImGui::TextUnformatted(t); ImGui::PopFont(); };
    bool rebuild = false, reconfig = false;
    // Settings that need a new model are edited on copies: a trained model is not thrown
    // away before the user says so (see confirm_discard()).
    int hidden = hidden_, train_rows = train_rows_, binarize = binarize_;
    uint64_t new_seed = seed_;
    heading("Model");
    ImGui::SetNextItemWidth(fs * 9);
    rebuild |= ImGui::SliderInt("hidden units", &hidden, 1, 500);
    register_widget("hidden");
    tip("Size of the hidden layer; 16 or fewer allows the exact log-likelihood, more uses AIS.");
    ImGui::SetNextItemWidth(fs * 9);
    rebuild |= ImGui::SliderInt("training digits", &train_rows, 500, 9010);
    tip("How many of the 9,010 training digits an epoch passes over (the last 1,000 are held out).");
    ImGui::SetNextItemWidth(fs * 9);
    const char* bins[] = {"threshold at 0.5", "sampled once", "grey levels"};
    rebuild |= ImGui::Combo("pixels", &binarize, bins, 3);
    tip("How grey pixels become visible units in [0, 1].");
    ImGui::SetNextItemWidth(fs * 9);
    int seed = static_cast<int>(seed_);
    if (ImGui::InputInt("seed", &seed)) { new_seed = static_cast<uint64_t>(std::max(0, seed)); rebuild = true; }
    tip("Random seed for the initial weights, the batch order and the Gibbs samples.");

    heading("Training");
    ImGui::SetNextItemWidth(fs * 9);
    const char* methods[] = {"CD-k (chains restart at data)", "PCD-k (persistent chains)"};
    reconfig |= ImGui::Combo("method", &method_, methods, 2);
    tip("CD-k starts the negative chain at the data each update; PCD keeps chains running across updates.");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderInt("k", &k_, 1, 25);
    tip("Gibbs steps per update in the first epoch.");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderInt("k grows every", &k_every_, 0, 50, k_every_ ? "%d epochs" : "never");
    tip("Schedule: k increases by one every this many epochs (the seed library grows k from 1 to 5).");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderFloat("learning rate", &lr_, 1e-4f, 100.0f, "%.4f", ImGuiSliderFlags_Logarithmic);
    register_widget("lr");
    tip("Step size on the batch-mean gradient; too large and training diverges (it then stops with a message).");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderInt("batch size", &batch_, 1, 500);
    tip("Digits per update.");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderFloat("momentum", &momentum_, 0.0f, 0.95f, "%.2f");
    tip("Fraction of the previous update added to the current one.");
    ImGui::SetNextItemWidth(fs * 9);
    reconfig |= ImGui::SliderFloat("weight decay", &decay_, 0.0f, 0.01f, "%.5f");
    tip("L2 penalty on the weights (biases are not decayed).");

    heading("Model files");
    if (button("Save", nullptr,
               "Downloads the current model as a JSON file (format ebm-rbm, version 1).")) {
      command("save");
    }
    ImGui::SameLine();
    if (button("Load...", nullptr,
               "Loads a saved model; a bad file leaves the current model untouched and says why.")) {
      guarded([] { asset_pick_file("rbm_file", ".json,application/json"); });
    }
    ImGui::SameLine();
    if (button("Pretrained", "pretrained",
               "Loads the model trained ahead of time and shipped with the page, so you can see good samples at once.")) {
      guarded([this] { load_pretrained(); });
    }
    ImGui::TextDisabled("model: %s", model_source_.c_str());

    if (rebuild) request_rebuild(Rebuild{hidden, train_rows, binarize, new_seed});
    if (reconfig && built_) {
      // Hyper-parameters apply to the running trainer without losing the model.
      ebm::RbmTrainConfig c = config();
      auto t = ebm::rbm_trainer_make(trainer_.rbm, train_, c);
      if (t.ok()) {
        const int epoch = trainer_.epoch;
        const int64_t updates = trainer_.updates;
        trainer_ = std::move(t.value());
        trainer_.epoch = epoch;
        trainer_.updates = updates;
        error_.clear();
      } else {
        error_ = t.error();
      }
    }
  }

  void figures(const Frame& f) {
    const float fs = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w2 = (avail - fs) * 0.5f, ph = fs * 11.5f;
    {  // Reconstruction error and the free-energy gap.
      const Series s[] = {{recon_x_.data(), recon_y_.data(), static_cast<int>(recon_x_.size()), colors::kBlue, "training batch"},
                          {eval_x_.data(), eval_recon_.data(), static_cast<int>(eval_x_.size()), colors::kOrange, "held-out"}};
      PlotSpec spec;
      spec.title = "Reconstruction error";
      spec.x_label = "epochs";
      spec.y_label = "mean squared error per pixel";
      spec.y_min = 0.0f;
      spec.size = ImVec2(w2, ph);
      plot("recon", spec, s);
      register_widget("recon_plot");
    }
    ImGui::SameLine(0, fs);
    {
      const Series s[] = {{eval_x_.data(), fe_train_.data(), static_cast<int>(eval_x_.size()), colors::kBlue, "training digits"},
                          {eval_x_.data(), fe_held_.data(), static_cast<int>(eval_x_.size()), colors::kOrange, "held-out digits"}};
      PlotSpec spec;
      spec.title = "Free energy: a widening gap means overfitting";
      spec.x_label = "epochs";
      spec.y_label = "mean F(v), nats";
      spec.size = ImVec2(w2, ph);
      plot("fe", spec, s);
    }
    {
      const Series s[] = {{eval_x_.data(), pll_.data(), static_cast<int>(eval_x_.size()), colors::kGreen, nullptr}};
      PlotSpec spec;
      spec.title = "Pseudo-log-likelihood (held-out)";
      spec.x_label = "epochs";
      spec.y_label = "nats per digit (scikit-learn's definition)";
      spec.size = ImVec2(w2, ph);
      plot("pll", spec, s);
    }
    ImGui::SameLine(0, fs);
    {
      const Series s[] = {{ll_x_.data(), ll_lo_.data(), static_cast<int>(ll_x_.size()), colors::kGrid, "3-sigma band"},
                          {ll_x_.data(), ll_hi_.data(), static_cast<int>(ll_x_.size()), colors::kGrid, nullptr},
                          {ll_x_.data(), ll_.data(), static_cast<int>(ll_x_.size()), colors::kPurple, ll_kind_.c_str()}};
      PlotSpec spec;
      spec.title = trainer_.rbm.nh <= kExactPageMax ? "Log-likelihood (held-out), exact" : "Log-likelihood (held-out), AIS estimate";
      spec.x_label = "epochs";
      spec.y_label = "log P(v), nats per digit";
      spec.size = ImVec2(w2, ph);
      spec.empty_text = ais_running_ ? "estimating log Z by AIS..." : "no estimate yet";
      if (!ll_x_.empty() && !eval_x_.empty()) {  // the same epoch axis as the monitors beside it
        spec.x_min = 0.0f;
        spec.x_max = std::max(eval_x_.back(), ll_x_.back());
      }
      plot("ll", spec, s);
      if (ais_running_) {  // a thin progress bar on the y-label line, right-aligned
        const ImVec2 b = ImGui::GetItemRectMax(), a = ImGui::GetItemRectMin();
        const float t = static_cast<float>(ais_.next) / static_cast<float>(ais_.beta.size());
        const ImVec2 p0(b.x - fs * 6.5f, a.y + fs * 1.45f), p1(b.x - fs * 1.0f, a.y + fs * 1.85f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p0, p1, colors::kGrid, 2.0f);
        dl->AddRectFilled(p0, ImVec2(p0.x + (p1.x - p0.x) * t, p1.y), colors::kPurple, 2.0f);
        const char* label = "next AIS estimate";
        const ImVec2 ts = ImGui::CalcTextSize(label);
        dl->AddText(ImVec2(p0.x - ts.x - fs * 0.4f, 0.5f * (p0.y + p1.y) - 0.5f * ts.y), colors::kMuted, label);
      }
    }
    ImGui::Spacing();
    const float img = std::min(fs * 15.0f, (avail - 2 * fs) / 3.0f);
    ImGui::BeginGroup();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Weight filters");
    ImGui::PopFont();
    ImGui::TextDisabled("W for the first %d hidden units (red +, blue -)", std::min(kShownFilters, trainer_.rbm.nh));
    FieldStyle div;
    div.map = ColorMap::Diverging;
    div.grid = false;
    field_view("filters", filters_tex_, ImVec2(img, img * filters_tex_.rows / std::max(1, filters_tex_.cols)), div);
    register_widget("filters");
    ImGui::EndGroup();
    ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Reconstructions");
    ImGui::PopFont();
    ImGui::TextDisabled("held-out digits (top) and P(v | h) (bottom)");
    FieldStyle seq;
    seq.map = ColorMap::Sequential;
    seq.grid = false;
    const float rw = img * 1.3f;
    field_view("recon_img", recon_tex_, ImVec2(rw, rw * recon_tex_.rows / std::max(1, recon_tex_.cols)), seq);
    register_widget("reconstructions");
    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted("Hidden activations");
    ImGui::PopFont();
    ImGui::TextDisabled("P(h = 1 | v): 32 digits (rows) x %d hidden units", trainer_.rbm.nh);
    field_view("hidden_img", hidden_tex_, ImVec2(rw, fs * 5), seq);
    ImGui::EndGroup();
    ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    histogram_view(std::max(fs * 10, ImGui::GetContentRegionAvail().x), img * 0.7f);
    ImGui::Text("update / weight ratio %.2g", trainer_.last_update_ratio);
    tip("Size of the last weight update relative to the weights; Hinton suggests about 1e-3.");
    ImGui::EndGroup();
  }

  void histogram_view(float width, float height) {
    hist_x_.resize(weight_hist_.counts.size());
    hist_y_.resize(weight_hist_.counts.size());
    const float bw = (weight_hist_.hi - weight_hist_.lo) / std::max<size_t>(1, weight_hist_.counts.size());
    for (size_t i = 0; i < hist_x_.size(); ++i) {
      hist_x_[i] = weight_hist_.lo + (static_cast<float>(i) + 0.5f) * bw;
      hist_y_[i] = static_cast<float>(weight_hist_.counts[i]);
    }
    const Series s[] = {{hist_x_.data(), hist_y_.data(), static_cast<int>(hist_x_.size()), colors::kBlue, nullptr}};
    PlotSpec spec;
    spec.title = "Weight histogram";
    spec.x_label = "weight value";
    spec.y_label = "count";
    spec.y_min = 0.0f;
    spec.size = ImVec2(width, height);
    plot("hist", spec, s);
  }

  // [SECTION] State
  ebm::Rng rng_{1}, rng_ais_{2};
  ebm::RbmTrainer trainer_;
  ebm::MetricScratch scratch_;
  ebm::AisRun ais_;
  std::vector<float> train_, held_, ais_base_;
  std::vector<float> recon_x_, recon_y_, eval_x_, eval_recon_, fe_train_, fe_held_, fe_gap_, pll_;
  std::vector<float> ll_x_, ll_, ll_lo_, ll_hi_, hist_x_, hist_y_;
  std::vector<float> tiles_, buf_, ph_, pv_;
  ebm::Histogram weight_hist_;
  FieldTexture filters_tex_, recon_tex_, hidden_tex_;
  std::string error_, notice_, ll_kind_ = "", model_source_ = "trained here";
  int n_train_ = 0, n_held_ = 0;
  int hidden_ = 64, batch_ = 50, k_ = 1, k_every_ = 0, method_ = 1, binarize_ = 0, train_rows_ = 5000;
  float lr_ = 0.05f, momentum_ = 0.5f, decay_ = 0.0001f;
  uint64_t seed_ = 1;
  int64_t last_eval_updates_ = 0;
  int64_t eval_every_ = 25;
  uint32_t file_generation_ = 0;
  double ms_per_batch_ = 2.0, ms_per_beta_ = 0.5, samples_per_s_ = 0;
  float ais_x_ = 0;
  int frames_since_upload_ = 0;
  uint64_t model_loads_ = 0;  // bumps when the model is replaced (for other scenes' caches)
  bool ais_running_ = false;
  bool playing_ = false;
  bool built_ = false;
  bool open_confirm_ = false;
  std::function<void()> pending_;    // an action that would lose the model, awaiting the user
  int64_t saved_updates_ = -1;       // trainer_.updates when the model was last saved
  bool want_pretrained_ = false;
  bool pretrained_pending_ = false;
};

const RbmScene* g_rbm = nullptr;  // the app owns the scene; this only reads it

}  // namespace

std::unique_ptr<Scene> make_rbm_scene() {
  auto s = std::make_unique<RbmScene>();
  g_rbm = s.get();
  return s;
}

const ebm::Rbm* rbm_scene_model(uint64_t* version) { return g_rbm ? g_rbm->model(version) : nullptr; }

}  // namespace web
