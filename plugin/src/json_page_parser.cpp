// Boost.JSON's DOM parser keeps only the double of a non-integer number. Its basic_parser hands
// every handler the number's text, so this handler builds the same tree as boost::json::parser
// except that such numbers become strings with their exact text.
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <fsm/json_page_parser.hpp>
#include <fsm/page_arena.hpp>

namespace fsm {
namespace {

namespace json = boost::json;
using boost::system::error_code;

class exact_number_handler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  explicit exact_number_handler(json::storage_ptr sp) { stack_.reset(std::move(sp)); }

  json::value release() { return stack_.release(); }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    stack_.push_array(n);
    return true;
  }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t n, error_code&) {
    stack_.push_object(n);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, error_code&) {
    stack_.push_string(s);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    stack_.push_key(s);
    return true;
  }
  bool on_number_part(json::string_view s, error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, error_code&) {
    number_.clear();
    stack_.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, error_code&) {
    number_.clear();
    stack_.push_uint64(u);
    return true;
  }
  bool on_double(double, json::string_view s, error_code&) {
    number_.append(s.data(), s.size());
    stack_.push_string(number_);
    number_.clear();
    return true;
  }
  bool on_bool(bool b, error_code&) {
    stack_.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    stack_.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

 private:
  json::value_stack stack_;
  std::string number_;
};

}  // namespace

std::variant<json::value, json_parse_failure> parse_json_tree(std::string_view text) {
  json::parse_options opt;
  opt.max_depth = 64;
  json::basic_parser<exact_number_handler> p(opt, page_storage(text.size()));
  error_code ec;
  const std::size_t n = p.write_some(false, text.data(), text.size(), ec);
  if (ec) {
    const bool early = ec == json::error::incomplete || n >= text.size();
    return json_parse_failure{n, early ? "the document ends early (truncated)" : ec.message()};
  }
  if (n != text.size()) {
    // Only whitespace may follow the document.
    const auto rest = text.substr(n);
    if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos)
      return json_parse_failure{n, "unexpected data after the JSON document"};
  }
  return p.handler().release();
}

std::optional<json_parse_failure> parse_json_page(std::string_view text, json::value& out) {
  auto parsed = parse_json_tree(text);
  if (auto* failure = std::get_if<json_parse_failure>(&parsed)) return std::move(*failure);
  out = std::move(std::get<json::value>(parsed));
  return std::nullopt;
}

}  // namespace fsm
