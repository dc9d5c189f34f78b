// Validation of single text values as the file-import format defines them. Each check returns
// nullopt when the value is acceptable, else a short reason for the error message.
#ifndef FILE_IMPORT_FIELD_CHECKS_HPP
#define FILE_IMPORT_FIELD_CHECKS_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace file_import {

// ISO 8601 calendar date, optionally with a time of day and a zone:
// YYYY-MM-DD[Thh:mm[:ss[.fraction]][Z|+hh:mm|-hh:mm]]. Day-of-month is checked against the month
// (leap years included).
std::optional<std::string> check_iso8601(std::string_view text);

// Decimal money text: -?digits(.1 to 6 digits)?, at most 18 integer digits.
std::optional<std::string> check_money(std::string_view text);

// Three upper-case ASCII letters (ISO 4217 shape; the code list itself is not checked).
std::optional<std::string> check_currency(std::string_view text);

// An e-mail address shape: one '@' with text on both sides, no spaces.
std::optional<std::string> check_email(std::string_view text);

// "true" / "false" / "" (unknown) -> tristate. nullopt when the text is anything else.
std::optional<invsdk_tristate> parse_tristate(std::string_view text);

// "perUser" | "perLogin" | "perNode" | "perLocation" | "perOrg" | "" -> term type.
std::optional<invsdk_term_type> parse_term_type(std::string_view text);

// "SaaS User" | "Named User" | "" (0 = derive) -> license type.
std::optional<invsdk_license_type> parse_license_type(std::string_view text);

// A non-negative decimal integer no larger than max (no sign, no spaces, no leading '+').
std::optional<int64_t> parse_count(std::string_view text, int64_t max);

// ASCII lower case; other bytes (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view text);

}  // namespace file_import

#endif  // FILE_IMPORT_FIELD_CHECKS_HPP
