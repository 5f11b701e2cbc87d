#include "gateway/console/import_plan.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "gateway/console/api_error.hpp"
#include "gateway/console/chatgpt_import.hpp"
#include "gateway/console/keygate_import.hpp"
#include "gateway/console/messages.hpp"
#include "gateway/console/random_token.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

namespace {

[[noreturn]] void import_malformed(const std::string& what) {
  throw api_failure(bad_request("Nothing imported: " + what, "invalid_import"));
}

}  // namespace

std::vector<planned_conversation> plan_import(std::string_view body, std::int64_t now_ms) {
  if (body.size() > max_import_bytes)
    throw api_failure({413, "import_too_large", "The file is larger than 50 MB."});
  boost::json::monotonic_resource memory;
  boost::system::error_code ec;
  const auto root = boost::json::parse(body, ec, &memory);
  if (ec) import_malformed("the file is not valid JSON (" + ec.message() + ").");
  std::vector<const boost::json::value*> items;
  if (root.is_array()) {
    for (const auto& item : root.as_array()) items.push_back(&item);
  } else if (root.is_object()) {
    items.push_back(&root);
  } else {
    import_malformed("the file must hold a JSON array of conversations or one conversation.");
  }
  std::vector<planned_conversation> plan;
  plan.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = "conversation " + std::to_string(i + 1);
    if (!items[i]->is_object()) import_malformed(where + " is not an object.");
    const auto& conversation = items[i]->as_object();
    if (conversation.contains("messages"))
      plan.push_back(plan_keygate_conversation(conversation, where, now_ms));
    else
      plan.push_back(plan_chatgpt_conversation(conversation, where, now_ms));
  }
  return plan;
}

int write_import(sqlite3* db, const std::string& owner,
                 const std::vector<planned_conversation>& conversations, std::int64_t now_ms) {
  write_transaction transaction(db);
  for (const auto& c : conversations) {
    const std::string id = new_record_id("c_");
    std::vector<std::string> ids;
    ids.reserve(c.messages.size());
    // The conversation first (the messages refer to it), its active leaf once the ids exist.
    sql_statement(db,
                  "INSERT INTO conversations (id, owner, title, model, system_prompt, settings, "
                  "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, id)
        .bind(2, owner)
        .bind(3, c.title)
        .bind(4, c.model)
        .bind(5, c.system_prompt)
        .bind(6, c.settings)
        .bind(7, c.created_ms)
        .bind(8, c.updated_ms)
        .run();
    for (const auto& m : c.messages) {
      message_input input;
      if (m.parent >= 0) input.parent_id = ids.at(static_cast<std::size_t>(m.parent));
      input.role = m.role;
      input.content = m.content;
      input.reasoning = m.reasoning;
      input.attachments = m.attachments;
      input.model = m.model;
      input.status = m.status;
      input.created_ms = m.created_ms;
      ids.push_back(insert_message(db, owner, id, input, now_ms));
    }
    if (c.active_leaf >= 0)
      sql_statement(db, "UPDATE conversations SET active_leaf = ?1 WHERE id = ?2")
          .bind(1, ids.at(static_cast<std::size_t>(c.active_leaf)))
          .bind(2, id)
          .run();
  }
  transaction.commit();
  return static_cast<int>(conversations.size());
}

}  // namespace keygate::console
