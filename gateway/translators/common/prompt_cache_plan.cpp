#include "gateway/translators/common/prompt_cache_plan.hpp"

#include <boost/json/serialize.hpp>

namespace keygate::prompt_cache {

std::int64_t min_cacheable_tokens(std::string_view model) {
  if (model.find("opus-4-5") != std::string_view::npos ||
      model.find("haiku-4-5") != std::string_view::npos)
    return 4096;
  if (model.find("haiku") != std::string_view::npos) return 2048;
  return 1024;
}

bool marked_anywhere(const boost::json::value& v, std::string_view marker) {
  if (const auto* o = v.if_object()) {
    if (o->contains(marker)) return true;
    for (const auto& member : *o)
      if (marked_anywhere(member.value(), marker)) return true;
  } else if (const auto* a = v.if_array()) {
    for (const auto& item : *a)
      if (marked_anywhere(item, marker)) return true;
  }
  return false;
}

std::int64_t estimated_tokens(const boost::json::value& v) {
  if (v.is_string()) return static_cast<std::int64_t>(v.get_string().size() / 4);
  return static_cast<std::int64_t>(boost::json::serialize(v).size() / 4);
}

std::vector<std::size_t> choose_breakpoints(const std::vector<piece>& pieces,
                                            std::int64_t minimum_tokens) {
  std::vector<std::int64_t> through(pieces.size());
  std::int64_t tokens = 0;
  std::size_t last_message = pieces.size();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    tokens += pieces[i].tokens;
    through[i] = tokens;
    if (pieces[i].where == part::message) last_message = i;
  }
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    if (pieces[i].where != part::message) candidates.push_back(i);
  if (last_message < pieces.size()) {
    for (std::size_t i = last_message; i-- > 0 && pieces[i].where == part::message;) {
      if (pieces[i].user) {
        candidates.push_back(i);
        break;
      }
    }
    candidates.push_back(last_message);
  }
  std::vector<std::size_t> chosen;
  for (auto i : candidates) {
    if (static_cast<int>(chosen.size()) == max_breakpoints) break;
    if (through[i] < minimum_tokens || !pieces[i].markable) continue;
    chosen.push_back(i);
  }
  return chosen;
}

}  // namespace keygate::prompt_cache
