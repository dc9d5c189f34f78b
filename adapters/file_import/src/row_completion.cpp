#include "row_completion.hpp"

#include "field_checks.hpp"
#include "table_schema.hpp"

namespace file_import {

bool is_microsoft_365(std::string_view publisher, std::string_view product, std::string_view name) {
  if (ascii_lower(publisher).find("microsoft") == std::string::npos) return false;
  for (const std::string_view text : {product, name}) {
    const std::string t = ascii_lower(text);
    if (t.find("office 365") != std::string::npos || t.find("microsoft 365") != std::string::npos)
      return true;
  }
  return false;
}

void row_completion::start_stream(invsdk_stream_kind) {
  seen_ids_.clear();
}

std::optional<row_problem> row_completion::unique_id(const std::string& id,
                                                     std::string_view column) {
  if (!seen_ids_.insert(id).second)
    return row_problem{std::string(column), "id '" + id + "' appears in an earlier row"};
  return std::nullopt;
}

std::optional<row_problem> row_completion::complete(invsdk_stream_kind stream, row& r) {
  auto& v = r.values;
  switch (stream) {
    case INVSDK_STREAM_APPLICATIONS: {
      if (auto p = unique_id(v[app_col::external_id], "external_id")) return p;
      if (v[app_col::product].empty()) v[app_col::product] = v[app_col::name];
      if (is_microsoft_365(v[app_col::publisher], v[app_col::product], v[app_col::name]))
        microsoft_365_apps_.insert(v[app_col::external_id]);
      return std::nullopt;
    }
    case INVSDK_STREAM_LICENSES: {
      if (auto p = unique_id(v[lic_col::external_id], "external_id")) return p;
      if (v[lic_col::type].empty()) {
        bool named = false;
        for (const auto& id : r.ids) named = named || microsoft_365_apps_.count(id) != 0;
        v[lic_col::type] = named ? "Named User" : "SaaS User";
      }
      if (v[lic_col::source_url].empty() && settings_.link_template)
        v[lic_col::source_url] = expand_link(*settings_.link_template, v[lic_col::external_id]);
      if (!v[lic_col::currency].empty())
        license_currency_[v[lic_col::external_id]] = v[lic_col::currency];
      return std::nullopt;
    }
    case INVSDK_STREAM_ENTITLEMENTS: {
      if (auto p = unique_id(v[ent_col::external_id], "external_id")) return p;
      const std::string& license = v[ent_col::license_external_id];
      uint32_t& next_position = terms_per_license_[license];
      if (v[ent_col::position].empty()) v[ent_col::position] = std::to_string(next_position);
      ++next_position;
      if (v[ent_col::currency].empty()) {
        auto it = license_currency_.find(license);
        if (it != license_currency_.end()) v[ent_col::currency] = it->second;
      }
      return std::nullopt;
    }
    case INVSDK_STREAM_ACCESSING_USERS: {
      const std::string& email = v[user_col::email];
      if (v[user_col::external_id].empty()) {
        if (email.empty()) return row_problem{"external_id", "external_id or email is required"};
        v[user_col::external_id] = ascii_lower(email);
      }
      if (v[user_col::domain].empty() && !email.empty())
        v[user_col::domain] = ascii_lower(email.substr(email.find('@') + 1));
      return std::nullopt;
    }
    case INVSDK_STREAM_CONSUMPTION:
      return unique_id(v[cons_col::external_id], "external_id");
    default:
      return std::nullopt;
  }
}

}  // namespace file_import
