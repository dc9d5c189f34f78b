#include <algorithm>
#include <fsm/hash_set64.hpp>
#include <fsm/importer.hpp>
#include <fsm/json_fields.hpp>
#include <fsm/pager.hpp>
#include <fsm/records.hpp>
#include <invsdk/owned_records.hpp>
#include <span>
#include <vector>

namespace fsm {
namespace json = boost::json;
namespace {

// Records per emit call: bounds what one sink call has to take at once.
constexpr std::size_t batch_size = 1000;

template <typename Record>
void emit_in_batches(invsdk::sink_writer& out, std::vector<Record>& records) {
  const std::span<const Record> all(records);
  for (std::size_t i = 0; i < all.size(); i += batch_size)
    invsdk::emit_owned(out, all.subspan(i, std::min(batch_size, all.size() - i)));
  records.clear();
}

// Begins streams and, when the run fails, ends the ones still open as incomplete.
class open_streams {
 public:
  explicit open_streams(invsdk::sink_writer& out) : out_(out) {}
  void begin(invsdk_stream_kind k) {
    out_.begin(k);
    open_.push_back(k);
  }
  void complete(invsdk_stream_kind k) {
    std::erase(open_, k);
    out_.end(k, true);
  }
  void fail_all(const std::string& reason) noexcept {
    for (auto k : open_) {
      try {
        out_.end(k, false, reason);
      } catch (...) {  // the original failure is what the caller must see
      }
    }
    open_.clear();
  }

 private:
  invsdk::sink_writer& out_;
  std::vector<invsdk_stream_kind> open_;
};

}  // namespace

importer::importer(const settings& s, request_runner& runner, api_client& api,
                   const invsdk::host& host)
    : settings_(s), runner_(runner), api_(api), host_(host) {
  links_.org_id = std::to_string(s.org_id);
  links_.license_link_template = s.license_link_template;
  links_.application_link_template = s.application_link_template;
}

void importer::report(invsdk_stream_kind kind, uint64_t pages) const {
  host_.progress(kind, counts_.records[static_cast<std::size_t>(kind)], -1, pages,
                 runner_.requests(), runner_.retries(), runner_.throttled());
}

import_counts importer::run(invsdk::sink_writer& out) {
  counts_ = {};
  open_streams streams(out);
  try {
    streams.begin(INVSDK_STREAM_APPLICATIONS);
    import_applications(out);
    streams.complete(INVSDK_STREAM_APPLICATIONS);

    streams.begin(INVSDK_STREAM_LICENSES);
    streams.begin(INVSDK_STREAM_ENTITLEMENTS);
    import_licenses(out);
    streams.complete(INVSDK_STREAM_LICENSES);
    streams.complete(INVSDK_STREAM_ENTITLEMENTS);

    streams.begin(INVSDK_STREAM_ACCESSING_USERS);
    streams.begin(INVSDK_STREAM_CONSUMPTION);
    import_app_users(out);
    streams.complete(INVSDK_STREAM_ACCESSING_USERS);
    streams.complete(INVSDK_STREAM_CONSUMPTION);
  } catch (const invsdk::error& e) {
    streams.fail_all(e.what());
    throw;
  } catch (const std::exception& e) {
    streams.fail_all(std::string("unexpected error: ") + e.what());
    throw;
  }
  std::string totals;
  for (invsdk_stream_kind k = INVSDK_STREAM_APPLICATIONS; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    totals += (totals.empty() ? "" : ", ") +
              std::to_string(counts_.records[static_cast<std::size_t>(k)]) + " " +
              std::string(invsdk::stream_name(k));
  host_.info("FSM import of organisation " + links_.org_id + " complete: " + totals + " (" +
             std::to_string(counts_.pages) + " pages, " + std::to_string(runner_.requests()) +
             " requests, " + std::to_string(runner_.retries()) + " retries)");
  return counts_;
}

void importer::import_applications(invsdk::sink_writer& out) {
  std::vector<application_record> batch;
  auto& n = counts_.records[INVSDK_STREAM_APPLICATIONS];
  for_each_page(api_, settings_.api, settings_.org_path() + "/managed-apps?view=licenseUsage",
                "managed apps", settings_.max_pages, [&](const json::array& values, uint64_t page) {
                  const std::string where = "managed apps page " + std::to_string(page) + " values";
                  const json_where page_values(where);
                  for (std::size_t i = 0; i < values.size(); ++i) {
                    const json_where p(page_values, i);
                    auto app = map_application(as_object(values[i], p), p, links_);
                    if (is_microsoft_365(app)) microsoft_365_apps_.insert(app.external_id);
                    batch.push_back(std::move(app));
                  }
                  n += batch.size();
                  ++counts_.pages;
                  emit_in_batches(out, batch);
                  report(INVSDK_STREAM_APPLICATIONS, page);
                  runner_.throw_if_cancelled();
                });
}

void importer::import_licenses(invsdk::sink_writer& out) {
  std::vector<license_record> licenses;
  std::vector<entitlement_record> terms;
  auto& nl = counts_.records[INVSDK_STREAM_LICENSES];
  auto& ne = counts_.records[INVSDK_STREAM_ENTITLEMENTS];
  for_each_page(api_, settings_.api, settings_.org_path() + "/licenses", "licenses",
                settings_.max_pages, [&](const json::array& values, uint64_t page) {
                  const std::string where = "licenses page " + std::to_string(page) + " values";
                  const json_where page_values(where);
                  for (std::size_t i = 0; i < values.size(); ++i) {
                    const json_where p(page_values, i);
                    auto m = map_license(as_object(values[i], p), p, microsoft_365_apps_, links_);
                    for (auto& e : m.entitlements) {
                      terms_.add(e.external_id, m.license.external_id);
                      terms.push_back(std::move(e));
                    }
                    licenses.push_back(std::move(m.license));
                  }
                  nl += licenses.size();
                  ne += terms.size();
                  ++counts_.pages;
                  emit_in_batches(out, licenses);
                  emit_in_batches(out, terms);
                  report(INVSDK_STREAM_LICENSES, page);
                  report(INVSDK_STREAM_ENTITLEMENTS, page);
                  runner_.throw_if_cancelled();
                });
}

void importer::import_app_users(invsdk::sink_writer& out) {
  std::vector<accessing_user_record> people;
  std::vector<consumption_record> uses;
  auto& np = counts_.records[INVSDK_STREAM_ACCESSING_USERS];
  auto& nc = counts_.records[INVSDK_STREAM_CONSUMPTION];
  // Each person is emitted once, with the first of their app users.
  const auto is_new_person = [this](std::string_view key) {
    return people_seen_.insert(hash64(key));
  };
  for_each_page(api_, settings_.api, settings_.org_path() + "/app-users?includeAll=true",
                "app users", settings_.max_pages, [&](const json::array& values, uint64_t page) {
                  const std::string where = "app users page " + std::to_string(page) + " values";
                  const json_where page_values(where);
                  for (std::size_t i = 0; i < values.size(); ++i) {
                    const json_where p(page_values, i);
                    auto m = map_app_user(as_object(values[i], p), p, terms_, is_new_person);
                    if (m.person_is_new) people.push_back(std::move(m.person));
                    for (auto& c : m.uses) uses.push_back(std::move(c));
                  }
                  np += people.size();
                  nc += uses.size();
                  ++counts_.pages;
                  emit_in_batches(out, people);
                  emit_in_batches(out, uses);
                  report(INVSDK_STREAM_ACCESSING_USERS, page);
                  report(INVSDK_STREAM_CONSUMPTION, page);
                  runner_.throw_if_cancelled();
                });
}

std::string importer::check() {
  const std::string target = settings_.org_path() + "/managed-apps?view=licenseUsage";
  const json::value doc = api_.get_json(target);
  const json::object& body = as_object(doc, "managed apps page 1");
  const json::array* values = array_field(body, "values", "managed apps page 1");
  const std::size_t n = values != nullptr ? values->size() : 0;
  const bool more = !text_field(body, "nextPage", "managed apps page 1").empty();
  return "authenticated to org " + links_.org_id + " at " + settings_.api.origin() +
         "; managed apps reachable (" + std::to_string(n) + " on the first page" +
         (more ? ", more pages follow" : "") + ")";
}

}  // namespace fsm
