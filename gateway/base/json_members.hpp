// The members of a JSON object, found by one structural pass over its text: strings are skipped
// with their escapes, nested objects and arrays by matching their brackets. Nothing is built or
// copied, so reading one field of a large answer costs a scan, not a parse.
//
// What it checks: the text is one object whose strings close, whose brackets match, whose members
// are `"key": value` separated by commas. What it does not: the spelling of scalars (`tru` passes
// as a value), escapes, control characters inside strings, UTF-8.
#pragma once

#include <cstddef>
#include <string_view>

namespace keygate {

class json_members {
 public:
  // `text` starts with the object (whitespace before it is skipped); anything after the object is
  // not looked at (see end()).
  explicit json_members(std::string_view text);

  // The next member: its key as written between the quotes (escapes left as they are) and its
  // value's raw JSON text. false at the end of the object or when the text is malformed.
  bool next(std::string_view& key, std::string_view& value);

  // The same in two steps, to read a nested object without scanning it twice: next_key() stops at
  // the member's value, which is then read by skip_value() (its raw text), or, when
  // value_is_object(), by a reader from open_value() that is handed back to resume_after().
  bool next_key(std::string_view& key);
  std::string_view skip_value();
  bool value_is_object() const;
  json_members open_value() const;
  // Goes on after the nested object `inner` (what of it was left unread is skipped).
  void resume_after(json_members& inner);

  // The text is not a well-formed object (as far as the pass above checks).
  bool failed() const { return failed_; }
  // Once next() returned false without failing: the offset just past the closing brace.
  std::size_t end() const { return static_cast<std::size_t>(at_ - begin_); }

 private:
  bool fail();
  void after_value(const char* value_end);

  const char* at_;
  const char* end_;
  const char* begin_;
  bool done_ = false;
  bool failed_ = false;
};

// Whether `text` holds nothing but JSON whitespace from `from` on.
bool only_json_whitespace_from(std::string_view text, std::size_t from);

}  // namespace keygate
