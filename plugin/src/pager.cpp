#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <exception>
#include <fsm/hash_set64.hpp>
#include <fsm/json_fields.hpp>
#include <fsm/pager.hpp>

namespace fsm {
namespace json = boost::json;

std::string next_page_target(const endpoint& api, std::string_view base_target,
                             std::string_view next_page) {
  const auto bad = [&](const std::string& why) {
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "unusable nextPage in " + url_of(api, base_target) + ": " + why);
  };
  if (next_page.size() > 8192) bad("longer than 8192 characters");
  const auto ref = boost::urls::parse_uri_reference(next_page);
  if (!ref) bad("not a URL or path");
  boost::urls::url base(api.origin() + std::string(base_target));
  boost::urls::url dest;
  const auto resolved = boost::urls::resolve(base, *ref, dest);
  if (!resolved) bad("cannot be resolved against the API address");
  const std::string scheme(dest.scheme());
  const std::string port =
      dest.has_port() ? std::string(dest.port()) : (scheme == "https" ? "443" : "80");
  std::string host(dest.encoded_host());
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  // The bearer token goes with the request: never follow a link to another server.
  if ((scheme == "https") != api.tls || host != api.host || port != api.port)
    bad("it points to another server");
  std::string target(dest.encoded_target());
  if (target.empty() || target.front() != '/') bad("no path");
  return target;
}

void for_each_page(api_client& api, const endpoint& server, const std::string& first_target,
                   std::string_view what, uint64_t max_pages,
                   const std::function<void(const json::array&, uint64_t)>& on_page) {
  // Hashes of the targets read so far: a loop shows as a target met again. A list of 10,000
  // pages keeps about 100 KiB here, where the targets themselves took about 1 MiB.
  hash_set64 seen;
  seen.insert(hash64(first_target));
  std::string target = first_target;
  const std::string list(what);
  // The target of the page after `page`, or empty after the last one.
  const auto next_of = [&](const json::object& body, const std::string& where, uint64_t page) {
    const auto next = text_field(body, "nextPage", where);
    if (next.empty()) return std::string();
    std::string next_target = next_page_target(server, target, next);
    if (!seen.insert(hash64(next_target)))
      throw invsdk::error(INVSDK_STATUS_DATA,
                          "nextPage loops: after page " + std::to_string(page) + " of " + list +
                              " the server pointed back to a page already read (" +
                              url_of(server, next_target) + "); the list cannot be read whole");
    if (page >= max_pages)
      throw invsdk::error(INVSDK_STATUS_DATA,
                          list + " has more than " + std::to_string(max_pages) +
                              " pages, the bound set by the setting 'max_pages': stopped there, so "
                              "the list is incomplete; raise max_pages if the organisation is "
                              "really that large");
    return next_target;
  };
  for (uint64_t page = 1;; ++page) {
    const json::value doc = api.get_json(target);
    const std::string where = list + " page " + std::to_string(page);
    const json::object& body = as_object(doc, where);
    static const json::array none;
    const json::array* values = array_field(body, "values", where);

    // The next page is asked for before this one is handed over, so the server prepares it while
    // the caller maps and stores this one. A nextPage that cannot be followed fails the list
    // after this page, as if it had been read first.
    std::string next_target;
    std::exception_ptr next_failure;
    try {
      next_target = next_of(body, where, page);
      if (!next_target.empty()) api.prefetch(next_target);
    } catch (const invsdk::error&) {
      next_failure = std::current_exception();
    }
    on_page(values != nullptr ? *values : none, page);
    if (next_failure) std::rethrow_exception(next_failure);
    if (next_target.empty()) return;
    target = std::move(next_target);
  }
}

}  // namespace fsm
