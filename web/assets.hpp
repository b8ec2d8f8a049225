// assets.hpp: files the page loads after start-up (the MNIST digits, a pretrained model, a
// model the user picks from disk), fetched asynchronously by the page with progress (shipped
// files travel gzip-compressed and are downloaded once per page: web/asset_loader.js). Scenes
// poll an asset's state each frame; nothing blocks a frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace web {

inline constexpr double kAssetMaxBytes = 256.0 * 1024 * 1024;  // larger files are refused

enum class AssetStatus { Idle, Loading, Ready, Failed };

struct Asset {
  AssetStatus status = AssetStatus::Idle;
  double loaded = 0, total = 0;   // bytes so far / expected (total 0 when unknown)
  std::vector<uint8_t> bytes;     // the file once Ready
  std::string name;               // file name (for files the user picked)
  std::string error;              // why it Failed, for the UI
  uint32_t generation = 0;        // increments each time new bytes arrive
};

/// Starts fetching url (relative to the page) into the asset named id, unless it is already
/// loading or loaded. Returns the asset.
const Asset& asset_fetch(const std::string& id, const std::string& url);

/// Opens the browser's file picker; the chosen file arrives as asset id.
void asset_pick_file(const std::string& id, const std::string& accept);

/// The asset named id (Idle if never requested).
const Asset& asset_get(const std::string& id);

/// Moves the asset's bytes out to the caller (no copy) and returns it to Idle, as
/// asset_release does: for parsers that keep the buffer (the MNIST digits).
std::vector<uint8_t> asset_take(const std::string& id);

/// Marks the asset consumed: frees its bytes and returns it to Idle (generation kept), so a
/// later asset_fetch downloads it again.
void asset_release(const std::string& id);

/// Offers text as a file download named filename (a saved model).
void download_text(const std::string& filename, const std::string& text);

}  // namespace web
