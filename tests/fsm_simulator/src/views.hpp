// What each `view` of a list shows, and the JSON writer the simulator answers with.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace fsmsim {

enum class app_view { default_view, extended, license_usage };
enum class license_view { default_view, license_usage };
enum class user_view { default_view, minimal, exclude_event, entitlement };

// Parse a `view` query value; nullopt when it is not one of the spec's enum values.
std::optional<app_view> parse_app_view(std::string_view v);
std::optional<license_view> parse_license_view(std::string_view v);
std::optional<user_view> parse_user_view(std::string_view v);

// Reduce a full (default-view) object to the fields the spec declares for `view`.
boost::json::object project_app(boost::json::object full, app_view view);
boost::json::object project_license(boost::json::object full, license_view view);
boost::json::object project_user(boost::json::object full, user_view view);

// Appends `v` as compact JSON. Numbers print the way typical API servers print them
// ("1234.56", not "1.23456E3"); strings are escaped by Boost.JSON.
void append_json(std::string& out, const boost::json::value& v);
std::string to_json(const boost::json::value& v);

}  // namespace fsmsim
