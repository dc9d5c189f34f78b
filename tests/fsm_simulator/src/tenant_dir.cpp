#include "tenant_dir.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "views.hpp"

namespace fsmsim {
namespace {

namespace json = boost::json;
constexpr std::uintmax_t max_file_bytes = std::uintmax_t{1} << 31;  // 2 GiB

json::value read_json_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw std::runtime_error("cannot read " + file.string() + ": " + ec.message());
  if (size > max_file_bytes) throw std::runtime_error(file.string() + " is larger than 2 GiB");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code jec;
  auto v = json::parse(text.str(), jec);
  if (jec) throw std::runtime_error(file.string() + ": invalid JSON: " + jec.message());
  return v;
}

json::array read_array_of_objects(const std::filesystem::path& file) {
  auto v = read_json_file(file);
  if (!v.is_array()) throw std::runtime_error(file.string() + ": expected a JSON array");
  for (const auto& e : v.get_array()) {
    if (!e.is_object() || !e.get_object().contains("id")) {
      throw std::runtime_error(file.string() + ": every element must be an object with an id");
    }
  }
  return std::move(v.get_array());
}

std::string string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

class dir_tenant final : public tenant {
 public:
  dir_tenant(json::array apps, json::array licenses, json::array users, std::int64_t org,
             days_t reference)
      : apps_(std::move(apps)),
        licenses_(std::move(licenses)),
        users_(std::move(users)),
        org_(org),
        reference_(reference) {
    std::vector<std::int64_t> thresholds(apps_.size(), 90);
    for (std::size_t i = 0; i < apps_.size(); ++i) {
      const auto& a = apps_[i].get_object();
      app_index_.emplace(string_field(a, "id"), i);
      if (const auto* th = a.if_contains("activityThreshold"); th != nullptr && th->is_int64()) {
        thresholds[i] = th->get_int64();
      }
    }
    users_of_app_.resize(apps_.size());
    included_.resize(users_.size());
    for (std::size_t i = 0; i < users_.size(); ++i) {
      const auto& u = users_[i].get_object();
      std::optional<std::size_t> app;
      if (const auto* ref = u.if_contains("associatedManagedApp"); ref && ref->is_object()) {
        if (auto it = app_index_.find(string_field(ref->get_object(), "id"));
            it != app_index_.end()) {
          app = it->second;
          users_of_app_[it->second].push_back(i);
        }
      }
      // Same rule as the generator: not deactivated, and active on or after the cut-off date.
      const auto cutoff = format_date(reference_ - std::chrono::days{app ? thresholds[*app] : 90});
      const auto last = string_field(u, "lastActivityAt");
      included_[i] =
          !u.contains("deactivatedAt") && last.size() >= 10 && last.compare(0, 10, cutoff) >= 0;
    }
  }

  std::int64_t org_id() const override { return org_; }
  days_t reference_date() const override { return reference_; }
  std::size_t app_count() const override { return apps_.size(); }
  json::object app(std::size_t i) const override { return apps_.at(i).get_object(); }
  std::optional<std::size_t> find_app(std::string_view id) const override {
    if (auto it = app_index_.find(std::string(id)); it != app_index_.end()) return it->second;
    return std::nullopt;
  }
  std::size_t license_count() const override { return licenses_.size(); }
  json::object license(std::size_t i) const override { return licenses_.at(i).get_object(); }
  std::size_t user_count() const override { return users_.size(); }
  json::object user(std::size_t i) const override { return users_.at(i).get_object(); }
  bool user_included_by_default(std::size_t i) const override { return included_.at(i); }
  std::size_t app_user_count(std::size_t app) const override {
    return users_of_app_.at(app).size();
  }
  std::size_t app_user_index(std::size_t app, std::size_t k) const override {
    return users_of_app_.at(app).at(k);
  }

 private:
  json::array apps_, licenses_, users_;
  std::int64_t org_;
  days_t reference_;
  std::unordered_map<std::string, std::size_t> app_index_;
  std::vector<std::vector<std::size_t>> users_of_app_;
  std::vector<bool> included_;
};

// Writes a JSON array one element at a time so a large tenant never sits in memory whole.
template <class Get>
void write_array(const std::filesystem::path& file, std::size_t n, Get get) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  out << "[\n";
  std::string buf;
  for (std::size_t i = 0; i < n; ++i) {
    buf.clear();
    append_json(buf, get(i));
    if (i + 1 < n) buf += ',';
    buf += '\n';
    out << buf;
  }
  out << "]\n";
  if (!out) throw std::runtime_error("error writing " + file.string());
}

}  // namespace

std::unique_ptr<tenant> load_tenant_dir(const std::filesystem::path& dir, std::int64_t org,
                                        std::optional<days_t> reference) {
  if (!reference && std::filesystem::exists(dir / "summary.json")) {
    const auto s = read_json_file(dir / "summary.json");
    if (const auto* d = s.is_object() ? s.get_object().if_contains("referenceDate") : nullptr;
        d != nullptr && d->is_string()) {
      reference = parse_date(d->get_string());
    }
  }
  return std::make_unique<dir_tenant>(read_array_of_objects(dir / "managed-apps.json"),
                                      read_array_of_objects(dir / "licenses.json"),
                                      read_array_of_objects(dir / "app-users.json"), org,
                                      reference.value_or(today_utc()));
}

void dump_tenant_dir(const tenant& t, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  write_array(dir / "managed-apps.json", t.app_count(), [&](std::size_t i) { return t.app(i); });
  write_array(dir / "licenses.json", t.license_count(),
              [&](std::size_t i) { return t.license(i); });
  write_array(dir / "app-users.json", t.user_count(), [&](std::size_t i) { return t.user(i); });
  std::ofstream out(dir / "summary.json", std::ios::trunc);
  out << to_json(tenant_summary(t)) << "\n";
  if (!out) throw std::runtime_error("error writing summary.json");
}

}  // namespace fsmsim
