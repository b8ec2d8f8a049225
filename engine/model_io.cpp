// model_io.cpp: RBM <-> JSON, DBN <-> JSON or binary (formats in model_io.hpp; the RBM's binary
// form and files are in model_io_binary.cpp). Uses nlohmann::basic_json with float as
// its number type, so floats print in their shortest round-trip form, and never throws (the
// WebAssembly build aborts on throw): parse errors are captured through a SAX handler.
#include "model_io.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "byte_io.hpp"
#include "check.hpp"
#include "datasets.hpp"

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

Json info_to_json(const RbmTrainingInfo& info) {
  Json t;
  t["method"] = info.method;
  t["k"] = info.k;
  t["k_every"] = info.k_every;
  t["k_max"] = info.k_max;
  t["learning_rate"] = info.learning_rate;
  t["momentum"] = info.momentum;
  t["weight_decay"] = info.weight_decay;
  t["batch_size"] = info.batch_size;
  t["epochs"] = info.epochs;
  t["updates"] = info.updates;
  t["dataset"] = info.dataset;
  t["binarize"] = info.binarize;
  t["seed"] = info.seed;
  return t;
}

Status info_from_json(const Json& tj, RbmTrainingInfo& info) {
  const Json* t = &tj;
  if (!t->is_object()) return Status::fail("field \"training\" must be an object");
  auto str = [&](const char* key, std::string& out) -> Status {
    auto it = t->find(key);
    if (it == t->end()) return Status::success();
    if (!it->is_string()) return Status::fail(std::string("field \"training.") + key + "\" must be a string");
    out = it->get<std::string>();
    return Status::success();
  };
  if (Status s = str("method", info.method); !s.ok()) return s;
  if (Status s = str("dataset", info.dataset); !s.ok()) return s;
  if (Status s = str("binarize", info.binarize); !s.ok()) return s;
  struct IntField { const char* key; int* out; } ints[] = {{"k", &info.k}, {"k_every", &info.k_every},
      {"k_max", &info.k_max}, {"batch_size", &info.batch_size}, {"epochs", &info.epochs}};
  for (auto& f : ints) {
    auto v = get_int(*t, f.key, false);
    if (!v) return Status::fail("training: " + v.error());
    *f.out = static_cast<int>(v.value());
  }
  auto updates = get_int(*t, "updates", false);
  if (!updates) return Status::fail("training: " + updates.error());
  info.updates = updates.value();
  if (auto it = t->find("seed"); it != t->end()) {
    if (!it->is_number_integer()) return Status::fail("field \"training.seed\" must be an integer");
    info.seed = it->get<uint64_t>();
  }
  struct NumField { const char* key; float* out; } nums[] = {{"learning_rate", &info.learning_rate},
      {"momentum", &info.momentum}, {"weight_decay", &info.weight_decay}};
  for (auto& f : nums) {
    auto v = get_num(*t, f.key);
    if (!v) return Status::fail(v.error());
    *f.out = static_cast<float>(v.value());
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
  if (info) j["training"] = info_to_json(*info);
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
  if (nv.value() < 1 || nh.value() < 1 || nv.value() * nh.value() > kMaxModelWeights)
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
  if (auto t = j.find("training"); t != j.end())
    if (Status st = info_from_json(*t, info); !st.ok()) return Error{st.message};
  if (info_out) *info_out = std::move(info);
  return r;
}

std::string rbm_training_info_to_json(const RbmTrainingInfo& info) { return info_to_json(info).dump(); }

Status rbm_training_info_from_json(std::string_view text, RbmTrainingInfo& info) {
  Json j;
  CapturingSax sax(j);
  if (!Json::sax_parse(text, &sax) || sax.is_errored())
    return Status::fail("the training metadata is not valid JSON: " + (sax.error.empty() ? std::string("parse error") : sax.error));
  RbmTrainingInfo parsed;
  if (Status st = info_from_json(j, parsed); !st.ok()) return st;
  info = std::move(parsed);
  return Status::success();
}

// ---- Deep belief nets -------------------------------------------------------------------------
namespace {

constexpr char kDbnMagic[8] = {'E', 'B', 'M', 'D', 'B', 'N', '\0', '\0'};
constexpr size_t kDbnHeader = 32;

Json rbm_arrays_json(const Rbm& r) {
  Json j;
  j["nv"] = r.nv;
  j["nh"] = r.nh;
  j["b"] = r.b;
  j["c"] = r.c;
  j["W"] = r.w;
  return j;
}

// One stacked layer or the top: sizes and arrays, messages prefixed with `where`.
Status rbm_arrays_from_json(const Json& j, const std::string& where, Rbm& r) {
  if (!j.is_object()) return Status::fail(where + " must be an object");
  auto nv = get_int(j, "nv", true), nh = get_int(j, "nh", true);
  if (!nv) return Status::fail(where + ": " + nv.error());
  if (!nh) return Status::fail(where + ": " + nh.error());
  if (nv.value() < 1 || nh.value() < 1 || nv.value() * nh.value() > kMaxModelWeights)
    return Status::fail(where + ": implausible sizes nv = " + std::to_string(nv.value()) + ", nh = " +
                        std::to_string(nh.value()));
  r = Rbm{};
  r.nv = static_cast<int>(nv.value());
  r.nh = static_cast<int>(nh.value());
  if (Status s = get_floats(j, "b", r.nv, r.b); !s.ok()) return Status::fail(where + ": " + s.message);
  if (Status s = get_floats(j, "c", r.nh, r.c); !s.ok()) return Status::fail(where + ": " + s.message);
  if (Status s = get_floats(j, "W", int64_t(r.nv) * r.nh, r.w); !s.ok()) return Status::fail(where + ": " + s.message);
  return Status::success();
}

// Checks that the parts fit together (after parsing either form); the image shape is applied
// to layer 0 (or nowhere without layers).
Status dbn_check(Dbn& d, int expect_input) {
  if (d.labels < 2 || d.labels > kDbnMaxLabels)
    return Status::fail("labels must be in [2, 256], got " + std::to_string(d.labels));
  if (static_cast<int>(d.layers.size()) > kDbnMaxLayers)
    return Status::fail("at most 8 stacked layers, got " + std::to_string(d.layers.size()));
  for (size_t k = 1; k < d.layers.size(); ++k)
    if (d.layers[k].nv != d.layers[k - 1].nh)
      return Status::fail("layer " + std::to_string(k) + " has nv = " + std::to_string(d.layers[k].nv) +
                          " but the layer below has nh = " + std::to_string(d.layers[k - 1].nh));
  if (d.top.nv <= d.labels) return Status::fail("the top layer has no units besides its labels");
  if (!d.layers.empty() && d.layers.back().nh + d.labels != d.top.nv)
    return Status::fail("the top layer has nv = " + std::to_string(d.top.nv) + ", expected " +
                        std::to_string(d.layers.back().nh) + " (last layer) + " + std::to_string(d.labels) + " labels");
  const int input = dbn_input_size(d);
  if (!((d.width == 0 && d.height == 0) || (d.width > 0 && d.height > 0 && int64_t(d.width) * d.height == input)))
    return Status::fail("image shape " + std::to_string(d.width) + " x " + std::to_string(d.height) +
                        " does not match " + std::to_string(input) + " input units");
  if (expect_input > 0 && input != expect_input)
    return Status::fail("the DBN has " + std::to_string(input) + " input units, this data needs " +
                        std::to_string(expect_input));
  if (!d.layers.empty()) {
    d.layers[0].width = d.width;
    d.layers[0].height = d.height;
  }
  return Status::success();
}

void put_floats(std::vector<uint8_t>& out, const std::vector<float>& v) {
  for (float f : v) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    put_le32(out, u);
  }
}

Result<Dbn> dbn_from_binary(std::span<const uint8_t> bytes, int expect_input) {
  if (bytes.size() < kDbnHeader || std::memcmp(bytes.data(), kDbnMagic, 8) != 0)
    return Error{"not a binary DBN file (magic EBMDBN missing)"};
  ByteReader rd{bytes, 8};
  uint32_t version, labels, width, height, layers, hash;
  rd.u32(version);
  rd.u32(labels);
  rd.u32(width);
  rd.u32(height);
  rd.u32(layers);
  rd.u32(hash);
  if (version != 1)
    return Error{"binary DBN version " + std::to_string(version) + " is not supported (this build reads version 1)"};
  if (fnv1a32(bytes.data() + kDbnHeader, bytes.size() - kDbnHeader) != hash)
    return Error{"the binary DBN is damaged (hash mismatch)"};
  if (layers > kDbnMaxLayers) return Error{"at most 8 stacked layers, got " + std::to_string(layers)};
  if (width > 65536 || height > 65536 || labels > 65536) return Error{"implausible header sizes"};
  Dbn d;
  d.labels = static_cast<int>(labels);
  d.width = static_cast<int>(width);
  d.height = static_cast<int>(height);
  for (uint32_t k = 0; k <= layers; ++k) {
    const std::string where = k < layers ? "layer " + std::to_string(k) : std::string("top");
    uint32_t nv, nh;
    if (!rd.u32(nv) || !rd.u32(nh)) return Error{"the binary DBN ends early (" + where + " sizes)"};
    if (nv < 1 || nh < 1 || uint64_t(nv) * nh > uint64_t(kMaxModelWeights))
      return Error{where + ": implausible sizes nv = " + std::to_string(nv) + ", nh = " + std::to_string(nh)};
    Rbm r;
    r.nv = static_cast<int>(nv);
    r.nh = static_cast<int>(nh);
    if (!rd.f32s(r.b, nv) || !rd.f32s(r.c, nh) || !rd.f32s(r.w, size_t(nv) * nh))
      return Error{"the binary DBN ends early (" + where + " arrays)"};
    for (const std::vector<float>* a : {&r.b, &r.c, &r.w})
      for (float v : *a)
        if (!std::isfinite(v)) return Error{where + ": a parameter is not a finite float"};
    (k < layers ? d.layers.emplace_back() : d.top) = std::move(r);
  }
  if (rd.pos != bytes.size()) return Error{"the binary DBN has " + std::to_string(bytes.size() - rd.pos) + " extra bytes"};
  if (Status s = dbn_check(d, expect_input); !s.ok()) return Error{s.message};
  return d;
}

Result<Dbn> dbn_from_json(std::string_view text, int expect_input, DbnTrainingInfo* info_out) {
  Json j;
  CapturingSax sax(j);
  if (!Json::sax_parse(text, &sax) || sax.is_errored())
    return Error{"not valid JSON: " + (sax.error.empty() ? std::string("parse error") : sax.error)};
  if (!j.is_object()) return Error{"not a DBN model file: the JSON is not an object"};
  auto fmt = j.find("format");
  if (fmt == j.end() || !fmt->is_string()) return Error{"not a DBN model file: missing \"format\": \"ebm-dbn\""};
  if (fmt->get<std::string>() != "ebm-dbn")
    return Error{"wrong model format \"" + fmt->get<std::string>() + "\" (expected \"ebm-dbn\")"};
  auto version = get_int(j, "version", true);
  if (!version) return Error{version.error()};
  if (version.value() != 1)
    return Error{"ebm-dbn version " + std::to_string(version.value()) + " is not supported (this build reads version 1)"};
  auto labels = get_int(j, "labels", true);
  if (!labels) return Error{labels.error()};
  auto width = get_int(j, "width", false), height = get_int(j, "height", false);
  if (!width) return Error{width.error()};
  if (!height) return Error{height.error()};
  if (labels.value() < 2 || labels.value() > kDbnMaxLabels)
    return Error{"labels must be in [2, 256], got " + std::to_string(labels.value())};
  if (width.value() < 0 || height.value() < 0 || width.value() > 65536 || height.value() > 65536)
    return Error{"implausible image shape"};
  Dbn d;
  d.labels = static_cast<int>(labels.value());
  d.width = static_cast<int>(width.value());
  d.height = static_cast<int>(height.value());
  auto layers = j.find("layers");
  if (layers == j.end()) return Error{"missing field \"layers\""};
  if (!layers->is_array()) return Error{"field \"layers\" must be an array"};
  if (layers->size() > kDbnMaxLayers) return Error{"at most 8 stacked layers, got " + std::to_string(layers->size())};
  for (size_t k = 0; k < layers->size(); ++k)
    if (Status s = rbm_arrays_from_json((*layers)[k], "layer " + std::to_string(k), d.layers.emplace_back()); !s.ok())
      return Error{s.message};
  auto top = j.find("top");
  if (top == j.end()) return Error{"missing field \"top\""};
  if (Status s = rbm_arrays_from_json(*top, "top", d.top); !s.ok()) return Error{s.message};
  if (Status s = dbn_check(d, expect_input); !s.ok()) return Error{s.message};

  DbnTrainingInfo info;
  if (auto t = j.find("training"); t != j.end()) {
    if (!t->is_object()) return Error{"field \"training\" must be an object"};
    for (const char* key : {"dataset", "binarize"}) {
      auto it = t->find(key);
      if (it == t->end()) continue;
      if (!it->is_string()) return Error{std::string("field \"training.") + key + "\" must be a string"};
      (std::string(key) == "dataset" ? info.dataset : info.binarize) = it->get<std::string>();
    }
    if (auto it = t->find("seed"); it != t->end()) {
      if (!it->is_number_integer()) return Error{"field \"training.seed\" must be an integer"};
      info.seed = it->get<uint64_t>();
    }
    if (auto it = t->find("held_out_accuracy"); it != t->end()) {
      if (!it->is_number()) return Error{"field \"training.held_out_accuracy\" must be a number"};
      info.held_out_accuracy = it->get<double>();
    }
    if (auto it = t->find("stages"); it != t->end()) {
      if (!it->is_array()) return Error{"field \"training.stages\" must be an array"};
      for (const Json& st : *it)
        if (Status s = info_from_json(st, info.stages.emplace_back()); !s.ok()) return Error{"training.stages: " + s.message};
    }
  }
  if (info_out) *info_out = std::move(info);
  return d;
}

}  // namespace

std::string dbn_to_json(const Dbn& dbn, const DbnTrainingInfo* info) {
  EBM_ASSERT(dbn_shapes_ok(dbn), "dbn_to_json: inconsistent model");
  Json j;
  j["format"] = "ebm-dbn";
  j["version"] = 1;
  j["labels"] = dbn.labels;
  j["width"] = dbn.width;
  j["height"] = dbn.height;
  Json layers = Json::array();
  for (const Rbm& r : dbn.layers) layers.push_back(rbm_arrays_json(r));
  j["layers"] = std::move(layers);
  j["top"] = rbm_arrays_json(dbn.top);
  if (info) {
    Json t;
    t["dataset"] = info->dataset;
    t["binarize"] = info->binarize;
    t["seed"] = info->seed;
    t["held_out_accuracy"] = info->held_out_accuracy;
    Json stages = Json::array();
    for (const RbmTrainingInfo& st : info->stages) stages.push_back(info_to_json(st));
    t["stages"] = std::move(stages);
    j["training"] = std::move(t);
  }
  return j.dump();
}

std::vector<uint8_t> dbn_to_binary(const Dbn& dbn) {
  EBM_ASSERT(dbn_shapes_ok(dbn), "dbn_to_binary: inconsistent model");
  std::vector<uint8_t> out(kDbnMagic, kDbnMagic + 8);
  put_le32(out, 1);
  put_le32(out, static_cast<uint32_t>(dbn.labels));
  put_le32(out, static_cast<uint32_t>(dbn.width));
  put_le32(out, static_cast<uint32_t>(dbn.height));
  put_le32(out, static_cast<uint32_t>(dbn.layers.size()));
  put_le32(out, 0);  // hash, filled in below
  auto put_rbm = [&](const Rbm& r) {
    put_le32(out, static_cast<uint32_t>(r.nv));
    put_le32(out, static_cast<uint32_t>(r.nh));
    put_floats(out, r.b);
    put_floats(out, r.c);
    put_floats(out, r.w);
  };
  for (const Rbm& r : dbn.layers) put_rbm(r);
  put_rbm(dbn.top);
  const uint32_t h = fnv1a32(out.data() + kDbnHeader, out.size() - kDbnHeader);
  for (int i = 0; i < 4; ++i) out[28 + i] = static_cast<uint8_t>(h >> (8 * i));
  return out;
}

Result<Dbn> dbn_from_bytes(std::span<const uint8_t> bytes, int expect_input, DbnTrainingInfo* info) {
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), kDbnMagic, 6) == 0) {
    auto d = dbn_from_binary(bytes, expect_input);
    if (d.ok() && info) *info = DbnTrainingInfo{};
    return d;
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return dbn_from_json(text, expect_input, info);
}

Status dbn_save(const std::string& path, const Dbn& dbn, const DbnTrainingInfo* info) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return Status::fail("cannot write " + path);
  const bool binary = path.size() >= 4 && path.compare(path.size() - 4, 4, ".bin") == 0;
  if (binary) {
    const std::vector<uint8_t> bytes = dbn_to_binary(dbn);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  } else {
    f << dbn_to_json(dbn, info) << '\n';
  }
  f.close();
  if (!f) return Status::fail("error writing " + path);
  return Status::success();
}

Result<Dbn> dbn_load(const std::string& path, int expect_input, DbnTrainingInfo* info) {
  auto bytes = read_file_bytes(path);  // "cannot open <path>" when it cannot
  if (!bytes) return Error{bytes.error()};
  auto r = dbn_from_bytes(bytes.value(), expect_input, info);
  if (!r) return Error{path + ": " + r.error()};
  return r;
}

}  // namespace ebm
