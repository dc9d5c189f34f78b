// Parsing one manifest: JSON syntax, the schema, then the fields the host relies on.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <invhost/calendar.hpp>
#include <invhost/json_schema.hpp>
#include <invhost/manifest.hpp>

namespace invhost {
namespace {

namespace json = boost::json;
constexpr std::size_t max_manifest_bytes = 1024 * 1024;

const json::value& schema() {
  static const json::value s = json::parse(manifest_schema_text());
  return s;
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string{};
}

uint32_t number(std::string_view text) {
  uint32_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

// The library is a file in the manifest's own folder, named plainly, so that a manifest can never
// point the host at a library elsewhere. The schema's pattern says the same for manifest authors'
// tools; this check runs first so the refusal names the rule rather than a regular expression.
void check_library_name(const json::value& doc, const std::string& name) {
  const auto* o = doc.if_object();
  const auto* lib = o != nullptr ? o->if_contains("library") : nullptr;
  if (lib == nullptr || !lib->is_string()) return;  // the schema reports it
  const std::string_view text = lib->get_string();
  const bool plain = !text.empty() && text.size() <= 255 &&
                     text.find('/') == std::string_view::npos &&
                     text.find("..") == std::string_view::npos && text != "." &&
                     std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) >= 0x20; });
  if (!plain)
    throw manifest_error(
        fmt::format("{}: $.library must be a plain file name in the manifest's folder (no '/', no "
                    "'..', not absolute), "
                    "not '{}'",
                    name, std::string(text.substr(0, 255))));
}

// What the schema cannot say: each entry names a secret setting, its days are bounded and its
// date is a real day.
std::map<std::string, secret_lifetime> read_secret_lifetimes(
    const json::object& lifetimes, const std::map<std::string, setting_spec>& settings,
    const std::string& name) {
  std::map<std::string, secret_lifetime> out;
  for (const auto& [key_view, value] : lifetimes) {
    const std::string key(key_view);
    const auto setting = settings.find(key);
    if (setting == settings.end() || !setting->second.secret)
      throw manifest_error(fmt::format(
          "{}: $.secret_lifetimes.{} names no secret setting of $.config_schema.properties", name,
          key));
    const json::object& spec = value.get_object();
    secret_lifetime l;
    // The schema made it an integer, of any JSON number kind (365, 365.0, 2^64): bounded as a
    // double first, so no conversion overflows.
    const double days = spec.at("days").to_number<double>();
    if (days < 1 || days > static_cast<double>(max_secret_lifetime_days))
      throw manifest_error(fmt::format("{}: $.secret_lifetimes.{}.days must be from 1 to {}", name,
                                       key, max_secret_lifetime_days));
    l.days = static_cast<int64_t>(days);
    l.applies_from = str(spec, "applies_from");
    if (!l.applies_from.empty() && !parse_calendar_date(l.applies_from))
      throw manifest_error(fmt::format(
          "{}: $.secret_lifetimes.{}.applies_from is not a date (YYYY-MM-DD)", name, key));
    out.emplace(key, std::move(l));
  }
  return out;
}

}  // namespace

manifest parse_manifest(std::string_view text, const std::filesystem::path& file) {
  const std::string name = file.string();
  json::error_code ec;
  json::parse_options opts;
  opts.max_depth = 64;
  const json::value doc = json::parse(text, ec, {}, opts);
  if (ec) throw manifest_error(fmt::format("{}: not valid JSON: {}", name, ec.message()));

  check_library_name(doc, name);
  const auto violations = validate_json(schema(), doc);
  if (!violations.empty()) {
    std::string msg = fmt::format("{}: does not follow the manifest schema:", name);
    for (const auto& v : violations) msg += fmt::format(" {} {};", v.path, v.message);
    msg.pop_back();
    throw manifest_error(msg);
  }

  const json::object& o = doc.get_object();
  manifest m;
  m.file = file;
  m.text = std::string(text);
  m.id = str(o, "id");
  m.name = str(o, "name");
  m.version = str(o, "version");
  m.description = str(o, "description");
  m.vendor = str(o, "vendor");
  const std::string abi = str(o, "abi_version");
  const auto dot = abi.find('.');
  m.abi_major = number(std::string_view(abi).substr(0, dot));
  m.abi_minor = number(std::string_view(abi).substr(dot + 1));
  m.library = std::filesystem::absolute(file).parent_path() / str(o, "library");

  const json::object& cs = o.at("config_schema").get_object();
  for (const auto& [key, spec_value] : cs.at("properties").get_object()) {
    const json::object& spec = spec_value.get_object();
    setting_spec s;
    s.type = str(spec, "type");
    s.description = str(spec, "description");
    if (const auto* sec = spec.if_contains("secret")) s.secret = sec->get_bool();
    if (const auto* d = spec.if_contains("default")) s.default_value = std::string(d->get_string());
    if (const auto* e = spec.if_contains("enum"))
      for (const auto& option : e->get_array()) s.allowed.emplace_back(option.get_string());
    m.settings.emplace(std::string(key), std::move(s));
  }
  if (const auto* req = cs.if_contains("required")) {
    for (const auto& k : req->get_array()) {
      auto it = m.settings.find(std::string(k.get_string()));
      if (it == m.settings.end())
        throw manifest_error(fmt::format(
            "{}: $.config_schema.required names '{}', which is not in $.config_schema.properties",
            name, std::string(k.get_string())));
      it->second.required = true;
    }
  }
  if (const auto* sup = o.if_contains("supersedes"))
    for (const auto& s : sup->get_array()) m.supersedes.emplace_back(s.get_string());
  if (const auto* identity = o.if_contains("source_identity"))
    for (const auto& part : identity->get_array()) {
      std::vector<std::string> settings;
      for (const auto& key : part.get_array()) {
        const std::string k(key.get_string());
        const auto it = m.settings.find(k);
        if (it == m.settings.end() || it->second.secret)
          throw manifest_error(
              fmt::format("{}: $.source_identity names '{}', which is not a plain setting of "
                          "$.config_schema.properties",
                          name, k));
        settings.push_back(k);
      }
      if (settings.empty())
        throw manifest_error(fmt::format("{}: $.source_identity has an empty part", name));
      m.source_identity.push_back(std::move(settings));
    }
  if (const auto* lifetimes = o.if_contains("secret_lifetimes"))
    m.secret_lifetimes = read_secret_lifetimes(lifetimes->get_object(), m.settings, name);
  return m;
}

manifest load_manifest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw manifest_error(fmt::format("{}: cannot be read", file.string()));
  std::string text(max_manifest_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_manifest_bytes)
    throw manifest_error(fmt::format("{}: larger than 1 MiB", file.string()));
  return parse_manifest(text, file);
}

}  // namespace invhost
