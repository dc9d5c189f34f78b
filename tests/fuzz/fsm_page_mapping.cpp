// Fuzzes the FSM connector's page parser and its mapping of managed apps, licenses and app users.
//
// A response body is parsed as the connector parses it; each item of its `values` (or the body
// itself when it is an object without one) then goes through every mapper. A mapper may refuse an
// item only with invsdk::error(DATA): any other exception, crash or sanitizer report is a finding.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fsm/json_page_parser.hpp>
#include <fsm/mapping.hpp>
#include <fsm/term_index.hpp>
#include <invsdk/adapter_base.hpp>
#include <string_view>
#include <unordered_set>
#include <variant>

namespace {

// A data error is the answer to bad input; anything else is not.
template <typename Map>
void map_refusing_only_bad_data(Map&& map) {
  try {
    map();
  } catch (const invsdk::error& e) {
    if (e.status() != INVSDK_STATUS_DATA) std::abort();
  }
}

void map_item(const boost::json::object& item, fsm::term_index& terms) {
  const fsm::link_context links{"4242", "https://app.example/orgs/{org_id}/licenses/{license_id}",
                                "https://app.example/orgs/{org_id}/apps/{application_id}"};
  const std::unordered_set<std::string> microsoft_365_apps{"m365"};
  map_refusing_only_bad_data([&] { (void)fsm::map_application(item, "values[i]", links); });
  map_refusing_only_bad_data([&] {
    const auto mapped = fsm::map_license(item, "values[i]", microsoft_365_apps, links);
    // Its terms feed the app users' allocations, as in an import.
    for (const auto& term : mapped.entitlements)
      terms.add(term.external_id, mapped.license.external_id);
  });
  map_refusing_only_bad_data([&] {
    (void)fsm::map_app_user(item, "values[i]", terms, [](std::string_view) { return true; });
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  boost::json::value plain;
  const bool plain_ok = !fsm::parse_json_page(text, plain).has_value();
  auto tree = fsm::parse_json_tree(text);
  // Both entry points read the same grammar: they must agree on what is JSON.
  if (plain_ok != std::holds_alternative<boost::json::value>(tree)) std::abort();
  if (!plain_ok) return 0;

  fsm::term_index terms;
  const boost::json::value& page = std::get<boost::json::value>(tree);
  if (!page.is_object()) return 0;
  const auto* values = page.get_object().if_contains("values");
  if (values == nullptr) {
    map_item(page.get_object(), terms);
    return 0;
  }
  if (!values->is_array()) return 0;
  for (const auto& item : values->get_array())
    if (item.is_object()) map_item(item.get_object(), terms);
  return 0;
}
