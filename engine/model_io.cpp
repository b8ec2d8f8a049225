// model_io.cpp: RBM <-> JSON (format in model_io.hpp). Uses nlohmann::basic_json with float as
// its number type, so floats print in their shortest round-trip form, and never throws (the
// WebAssembly build aborts on throw): parse errors are captured through a SAX handler.
#include "model_io.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace ebm {
namespace {

using Json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, float>;

// The DOM builder with exceptions off, keeping the parse error's text for the message.
struct CapturingSax : nlohmann::detail::json_sax_dom_parser<Json> {
  std::string error;
  explicit CapturingSax(Json& j) : nlohmann::detail::json_sax_dom_parser<Json>(j, false) {}
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    error = ex.what();
    return nlohmann::detail::json_sax_dom_parser<Json>::parse_error(0, std::string(), ex);
  }
};

constexpr int64_t kMaxWeights = int64_t(1) << 26;  // 64 M floats: far above any model we train

Result<int64_t> get_int(const Json& j, const char* key, bool required, int64_t fallback = 0) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) return Error{std::string("missing field \"") + key + "\""};
    return fallback;
  }
  if (!it->is_number_integer()) return Error{std::string("field \"") + key + "\" must be an integer"};
  return it->get<int64_t>();
}

Result<double> get_num(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0.0;
  if (!it->is_number()) return Error{std::string("field \"training.") + key + "\" must be a number"};
  return it->get<double>();
}

Status get_floats(const Json& j, const char* key, int64_t count, std::vector<float>& out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::fail(std::string("missing field \"") + key + "\"");
  if (!it->is_array()) return Status::fail(std::string("field \"") + key + "\" must be an array of numbers");
  if (static_cast<int64_t>(it->size()) != count)
    return Status::fail(std::string("field \"") + key + "\" has " + std::to_string(it->size()) +
                        " values, expected " + std::to_string(count));
  out.resize(count);
  for (int64_t i = 0; i < count; ++i) {
    const Json& x = (*it)[i];
    // NaN and infinity are written as null by JSON serializers; overflowing literals read as inf.
    if (!x.is_number())
      return Status::fail(std::string(key) + "[" + std::to_string(i) + "] is not a number" +
                          (x.is_null() ? " (null: NaN or infinity when saved?)" : ""));
    const float v = x.get<float>();
    if (!std::isfinite(v))
      return Status::fail(std::string(key) + "[" + std::to_string(i) + "] is not a finite float");
    out[i] = v;
  }
  return Status::success();
}

}  // namespace

RbmTrainingInfo rbm_training_info(const RbmTrainer& t, std::string dataset, uint64_t seed) {
  RbmTrainingInfo info;
  info.method = t.config.method == RbmMethod::Pcd ? "pcd" : "cd";
  info.k = t.config.k;
  info.k_every = t.config.k_every;
  info.k_max = t.config.k_max;
  info.learning_rate = t.config.learning_rate;
  info.momentum = t.config.momentum;
  info.weight_decay = t.config.weight_decay;
  info.batch_size = t.config.batch_size;
  info.epochs = t.epoch;
  info.updates = t.updates;
  info.dataset = std::move(dataset);
  info.seed = seed;
  return info;
}

std::string rbm_to_json(const Rbm& rbm, const RbmTrainingInfo* info) {
  Json j;
  j["format"] = "ebm-rbm";
  j["version"] = 1;
  j["nv"] = rbm.nv;
  j["nh"] = rbm.nh;
  j["width"] = rbm.width;
  j["height"] = rbm.height;
  j["b"] = rbm.b;
  j["c"] = rbm.c;
  j["W"] = rbm.w;
  if (info) {
    Json t;
    t["method"] = info->method;
    t["k"] = info->k;
    t["k_every"] = info->k_every;
    t["k_max"] = info->k_max;
    t["learning_rate"] = info->learning_rate;
    t["momentum"] = info->momentum;
    t["weight_decay"] = info->weight_decay;
    t["batch_size"] = info->batch_size;
    t["epochs"] = info->epochs;
    t["updates"] = info->updates;
    t["dataset"] = info->dataset;
    t["binarize"] = info->binarize;
    t["seed"] = info->seed;
    j["training"] = std::move(t);
  }
  return j.dump();
}

Result<Rbm> rbm_from_json(std::string_view text, int expect_nv, RbmTrainingInfo* info_out) {
  Json j;
  CapturingSax sax(j);
  if (!Json::sax_parse(text, &sax) || sax.is_errored())
    return Error{"not valid JSON: " + (sax.error.empty() ? std::string("parse error") : sax.error)};
  if (!j.is_object()) return Error{"not an RBM model file: the JSON is not an object"};
  auto fmt = j.find("format");
  if (fmt == j.end() || !fmt->is_string())
    return Error{"not an RBM model file: missing \"format\": \"ebm-rbm\""};
  if (fmt->get<std::string>() != "ebm-rbm")
    return Error{"wrong model format \"" + fmt->get<std::string>() + "\" (expected \"ebm-rbm\")"};
  auto version = get_int(j, "version", true);
  if (!version) return Error{version.error()};
  if (version.value() != 1)
    return Error{"ebm-rbm version " + std::to_string(version.value()) + " is not supported (this build reads version 1)"};
  auto nv = get_int(j, "nv", true), nh = get_int(j, "nh", true);
  if (!nv) return Error{nv.error()};
  if (!nh) return Error{nh.error()};
  if (nv.value() < 1 || nh.value() < 1 || nv.value() * nh.value() > kMaxWeights)
    return Error{"implausible sizes nv = " + std::to_string(nv.value()) + ", nh = " + std::to_string(nh.value())};
  if (expect_nv > 0 && nv.value() != expect_nv)
    return Error{"the model has " + std::to_string(nv.value()) + " visible units, this data needs " +
                 std::to_string(expect_nv)};
  auto width = get_int(j, "width", false), height = get_int(j, "height", false);
  if (!width) return Error{width.error()};
  if (!height) return Error{height.error()};
  if (!((width.value() == 0 && height.value() == 0) ||
        (width.value() > 0 && height.value() > 0 && width.value() * height.value() == nv.value())))
    return Error{"image shape " + std::to_string(width.value()) + " x " + std::to_string(height.value()) +
                 " does not match nv = " + std::to_string(nv.value())};
  Rbm r;
  r.nv = static_cast<int>(nv.value());
  r.nh = static_cast<int>(nh.value());
  r.width = static_cast<int>(width.value());
  r.height = static_cast<int>(height.value());
  if (Status s = get_floats(j, "b", r.nv, r.b); !s.ok()) return Error{s.message};
  if (Status s = get_floats(j, "c", r.nh, r.c); !s.ok()) return Error{s.message};
  if (Status s = get_floats(j, "W", int64_t(r.nv) * r.nh, r.w); !s.ok()) return Error{s.message};

  RbmTrainingInfo info;
  if (auto t = j.find("training"); t != j.end()) {
    if (!t->is_object()) return Error{"field \"training\" must be an object"};
    auto str = [&](const char* key, std::string& out) -> Status {
      auto it = t->find(key);
      if (it == t->end()) return Status::success();
      if (!it->is_string()) return Status::fail(std::string("field \"training.") + key + "\" must be a string");
      out = it->get<std::string>();
      return Status::success();
    };
    if (Status s = str("method", info.method); !s.ok()) return Error{s.message};
    if (Status s = str("dataset", info.dataset); !s.ok()) return Error{s.message};
    if (Status s = str("binarize", info.binarize); !s.ok()) return Error{s.message};
    struct IntField { const char* key; int* out; } ints[] = {{"k", &info.k}, {"k_every", &info.k_every},
        {"k_max", &info.k_max}, {"batch_size", &info.batch_size}, {"epochs", &info.epochs}};
    for (auto& f : ints) {
      auto v = get_int(*t, f.key, false);
      if (!v) return Error{"training: " + v.error()};
      *f.out = static_cast<int>(v.value());
    }
    auto updates = get_int(*t, "updates", false);
    if (!updates) return Error{"training: " + updates.error()};
    info.updates = updates.value();
    if (auto it = t->find("seed"); it != t->end()) {
      if (!it->is_number_integer()) return Error{"field \"training.seed\" must be an integer"};
      info.seed = it->get<uint64_t>();
    }
    struct NumField { const char* key; float* out; } nums[] = {{"learning_rate", &info.learning_rate},
        {"momentum", &info.momentum}, {"weight_decay", &info.weight_decay}};
    for (auto& f : nums) {
      auto v = get_num(*t, f.key);
      if (!v) return Error{v.error()};
      *f.out = static_cast<float>(v.value());
    }
  }
  if (info_out) *info_out = std::move(info);
  return r;
}

Status rbm_save(const std::string& path, const Rbm& rbm, const RbmTrainingInfo* info) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return Status::fail("cannot write " + path);
  f << rbm_to_json(rbm, info) << '\n';
  f.close();
  if (!f) return Status::fail("error writing " + path);
  return Status::success();
}

Result<Rbm> rbm_load(const std::string& path, int expect_nv, RbmTrainingInfo* info) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{"cannot open " + path};
  std::stringstream ss;
  ss << f.rdbuf();
  auto r = rbm_from_json(ss.str(), expect_nv, info);
  if (!r) return Error{path + ": " + r.error()};
  return r;
}

}  // namespace ebm
