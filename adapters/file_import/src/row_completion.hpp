// Fills the values a file may leave out and checks what spans rows (duplicate ids). Carries what
// later streams need from earlier ones: which applications are Microsoft 365, which currency
// each license is billed in, how many terms each license has so far.
#ifndef FILE_IMPORT_ROW_COMPLETION_HPP
#define FILE_IMPORT_ROW_COMPLETION_HPP

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "import_settings.hpp"
#include "row_source.hpp"

namespace file_import {

// True for an application that is Microsoft 365 / Office 365: publisher contains "Microsoft" and
// product (or name) contains "Office 365" or "Microsoft 365", case-insensitively.
bool is_microsoft_365(std::string_view publisher, std::string_view product, std::string_view name);

class row_completion {
 public:
  explicit row_completion(const import_settings& settings) : settings_(settings) {}

  // Called when a stream starts: forgets the ids seen in the previous file.
  void start_stream(invsdk_stream_kind stream);
  // Completes r in place for the given stream; a problem when the row cannot be accepted.
  std::optional<row_problem> complete(invsdk_stream_kind stream, row& r);

 private:
  std::optional<row_problem> unique_id(const std::string& id, std::string_view column);

  const import_settings& settings_;
  std::unordered_set<std::string> seen_ids_;
  std::unordered_set<std::string> microsoft_365_apps_;
  std::unordered_map<std::string, std::string> license_currency_;
  std::unordered_map<std::string, uint32_t> terms_per_license_;
};

}  // namespace file_import

#endif  // FILE_IMPORT_ROW_COMPLETION_HPP
