// Images for the gateway to download (docs/fake-provider.md, "Images"): GET /fake/image.png and
// the like, with knobs in the query for size, delay, chunking, type and redirects.
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

// Whether the path is one of the image endpoints.
bool is_image_path(std::string_view path);
keygate::task<void> serve_image(keygate::exchange& ex);
// How many requests the image endpoints have had, for /fake/stats.
long image_requests();

}  // namespace fake
