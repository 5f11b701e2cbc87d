// Splits an NDJSON byte stream (application/x-ndjson: one JSON value per line) into records, fed
// at any byte split. A record ends at its line's "\n", or as soon as its top-level object or array
// closes, so a last line that the body ends without a newline is not lost. Whitespace between
// records (blank lines, "\r") is skipped; anything else up to the end of its line is a record, for
// the reader to refuse.
#pragma once

#include <string>
#include <string_view>

namespace keygate::ollama {

class ndjson_splitter {
 public:
  // Calls on_record(std::string_view record) for each complete record. The view points into
  // `bytes` when the record lies wholly inside it, else into internal storage; either way it is
  // valid only during the call.
  template <class F>
  void feed(std::string_view bytes, F&& on_record);

  // Whether bytes of an unfinished record are waiting.
  bool has_partial_record() const { return started_; }

 private:
  enum class step { skip, more, end_before, end_after };
  step scan(char c);

  template <class F>
  void emit(std::string_view piece, F& on_record) {
    if (carry_.empty()) return on_record(piece);
    carry_.append(piece);
    on_record(std::string_view(carry_));
    carry_.clear();
  }

  std::string carry_;
  bool started_ = false;
  bool in_string_ = false;
  bool escaped_ = false;
  int depth_ = 0;
};

template <class F>
void ndjson_splitter::feed(std::string_view bytes, F&& on_record) {
  std::size_t begin = 0;  // where the current record's bytes start in `bytes`
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    switch (scan(bytes[i])) {
      case step::skip:
        begin = i + 1;
        break;
      case step::more:
        break;
      case step::end_before:  // the newline ends it and is not part of it
        emit(bytes.substr(begin, i - begin), on_record);
        begin = i + 1;
        break;
      case step::end_after:  // the closing bracket is its last byte
        emit(bytes.substr(begin, i + 1 - begin), on_record);
        begin = i + 1;
        break;
    }
  }
  if (started_) carry_.append(bytes.substr(begin));
}

}  // namespace keygate::ollama
