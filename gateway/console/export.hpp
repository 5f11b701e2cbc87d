// A conversation as a file: the path the conversation shows (its active leaf and the messages
// above it) as Markdown, or everything as JSON in the shape of GET /console/conversations/{id}.
#pragma once

#include <boost/json/object.hpp>
#include <string>

namespace keygate::console {

// The messages from the root to the active leaf (or to the newest message when none is set).
boost::json::array active_path(const boost::json::object& conversation);

std::string export_markdown(const boost::json::object& conversation);
std::string export_json(const boost::json::object& conversation);

// A file name for Content-Disposition: the title's letters, digits and dashes, at most 60.
std::string export_file_name(const boost::json::object& conversation, std::string_view extension);

}  // namespace keygate::console
