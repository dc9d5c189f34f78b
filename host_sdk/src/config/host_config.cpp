// Reading and writing invhost.toml with toml++.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <invhost/calendar.hpp>
#include <invhost/host_config.hpp>
#include <invhost/secrets.hpp>
#include <sstream>

#include "config_layout.hpp"

namespace invhost {
namespace {

constexpr std::size_t max_config_bytes = 4 * 1024 * 1024;

std::string where(const std::string& source, const toml::source_region& r) {
  return fmt::format("{}:{}:{}", source, r.begin.line, r.begin.column);
}

// Settings are text for the adapter; numbers and booleans written bare in the file are accepted.
std::string scalar_text(const toml::node& n, const std::string& source, const std::string& key) {
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  throw config_error(
      fmt::format("{}: '{}' must be a string, integer or boolean", where(source, n.source()), key));
}

std::map<std::string, std::string> text_table(const toml::node* n, const std::string& source,
                                              const std::string& what) {
  std::map<std::string, std::string> out;
  if (n == nullptr) return out;
  const auto* t = n->as_table();
  if (t == nullptr)
    throw config_error(fmt::format("{}: '{}' must be a table", where(source, n->source()), what));
  for (const auto& [k, v] : *t)
    out[std::string(k.str())] = scalar_text(v, source, what + "." + std::string(k.str()));
  return out;
}

std::string require_string(const toml::table& t, std::string_view key, const std::string& source,
                           const std::string& ctx) {
  const toml::node* n = t.get(key);
  if (n == nullptr || !n->is_string())
    throw config_error(
        fmt::format("{}: {} needs a string '{}'", where(source, t.source()), ctx, key));
  return *n->value<std::string>();
}

// An integer setting of the host itself, within [lo, hi].
std::optional<int64_t> bounded_integer(const toml::table& t, std::string_view key, int64_t lo,
                                       int64_t hi, const std::string& source,
                                       const std::string& ctx) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer() || *n->value<int64_t>() < lo || *n->value<int64_t>() > hi)
    throw config_error(fmt::format("{}: {}{} must be an integer from {} to {}",
                                   where(source, n->source()), ctx, key, lo, hi));
  return *n->value<int64_t>();
}

// secrets_created, secrets_expire: a date per secret the connector has, as a TOML date or
// "YYYY-MM-DD" text.
std::map<std::string, std::string> read_secret_dates(const toml::table& connector,
                                                     std::string_view table,
                                                     const connector_entry& c,
                                                     const std::string& source) {
  std::map<std::string, std::string> out;
  const toml::node* n = connector.get(table);
  if (n == nullptr) return out;
  const auto* t = n->as_table();
  if (t == nullptr)
    throw config_error(fmt::format("{}: connector '{}': {} must be a table",
                                   where(source, n->source()), c.id, table));
  for (const auto& [k, v] : *t) {
    const std::string key(k.str());
    if (c.secrets.count(key) == 0)
      throw config_error(fmt::format("{}: connector '{}': {}.{} names no secret of the connector",
                                     where(source, v.source()), c.id, table, key));
    std::string text;
    if (const auto* d = v.as_date())
      text = fmt::format("{:04}-{:02}-{:02}", unsigned{d->get().year}, unsigned{d->get().month},
                         unsigned{d->get().day});
    else if (v.is_string())
      text = *v.value<std::string>();
    if (!parse_calendar_date(text))
      throw config_error(fmt::format("{}: connector '{}': {}.{} must be a date (YYYY-MM-DD)",
                                     where(source, v.source()), c.id, table, key));
    out[key] = text;
  }
  return out;
}

// One label of a domain name: letters, digits and '-' (not at either end), 1-63 characters.
bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool is_domain_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t from = 0;
  while (true) {
    const std::size_t dot = name.find('.', from);
    if (!is_domain_label(name.substr(from, dot == std::string_view::npos ? dot : dot - from)))
      return false;
    if (dot == std::string_view::npos) return true;
    from = dot + 1;
  }
}

// [host] internal_domains: domain names, read lower-case, each kept once in the order given.
std::vector<std::string> read_internal_domains(const toml::node& n, const std::string& source) {
  const auto* arr = n.as_array();
  if (arr == nullptr)
    throw config_error(fmt::format("{}: host.internal_domains must be an array of domain names",
                                   where(source, n.source())));
  if (arr->size() > max_internal_domains)
    throw config_error(fmt::format("{}: host.internal_domains holds at most {} domains",
                                   where(source, n.source()), max_internal_domains));
  std::vector<std::string> out;
  for (const auto& d : *arr) {
    std::string name = d.is_string() ? *d.value<std::string>() : std::string();
    for (char& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!is_domain_name(name))
      throw config_error(fmt::format(
          "{}: host.internal_domains must hold domain names (like \"contoso.com\": letters, "
          "digits, '-' and dots)",
          where(source, d.source())));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

// host.exclude_accounts: glob patterns, each a non-empty line without ',' (the separator of
// `invhost settings set exclude_accounts=a,b`), so the file and the command hold the same lists.
std::vector<std::string> read_exclude_accounts(const toml::node& n, const std::string& source) {
  const auto* arr = n.as_array();
  const auto wrong = [&](const toml::node& at, const std::string& why) {
    return config_error(
        fmt::format("{}: host.exclude_accounts {}", where(source, at.source()), why));
  };
  if (arr == nullptr) throw wrong(n, "must be an array of patterns such as [\"noreply@*\"]");
  if (arr->size() > max_exclude_account_rules)
    throw wrong(n, fmt::format("holds more than {} rules", max_exclude_account_rules));
  std::vector<std::string> out;
  for (const auto& p : *arr) {
    if (!p.is_string()) throw wrong(p, "must hold strings");
    const std::string rule = *p.value<std::string>();
    if (rule.empty() || rule.size() > max_exclude_account_rule_length)
      throw wrong(
          p, fmt::format("rules must be 1 to {} characters long", max_exclude_account_rule_length));
    for (const char c : rule)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == ',')
        throw wrong(p, "rules cannot hold ',' or control characters");
    out.push_back(rule);
  }
  return out;
}

connector_entry read_connector(const toml::table& t, const std::string& source) {
  connector_entry c;
  c.id = require_string(t, "id", source, "[[connector]]");
  // Checked before the id appears in any other message: it may hold anything.
  if (!is_valid_connector_id(c.id))
    throw config_error(fmt::format("{}: connector id must be {}",
                                   where(source, t.get("id")->source()), connector_id_rule));
  c.adapter = require_string(t, "adapter", source, "connector '" + c.id + "'");
  if (c.adapter.empty())
    throw config_error(fmt::format("{}: connector '{}': adapter is empty",
                                   where(source, t.get("adapter")->source()), c.id));
  if (const toml::node* e = t.get("enabled")) {
    if (!e->is_boolean())
      throw config_error(fmt::format("{}: connector '{}': enabled must be true or false",
                                     where(source, e->source()), c.id));
    c.enabled = *e->value<bool>();
  }
  if (const toml::node* k = t.get("keep_when_superseded")) {
    if (!k->is_boolean())
      throw config_error(
          fmt::format("{}: connector '{}': keep_when_superseded must be true or false",
                      where(source, k->source()), c.id));
    c.keep_when_superseded = *k->value<bool>();
  }
  c.settings = text_table(t.get("settings"), source, "connector.settings");
  c.secrets = text_table(t.get("secrets"), source, "connector.secrets");
  for (const auto& [key, ref] : c.secrets)
    if (!parse_secret_ref(ref))
      throw config_error(fmt::format(
          "{}: connector '{}': secret '{}' must be a reference (env:VAR or file:/path), never "
          "the secret itself",
          where(source, t.get("secrets")->as_table()->get(key)->source()), c.id, key));
  c.secrets_created = read_secret_dates(t, "secrets_created", c, source);
  c.secrets_expire = read_secret_dates(t, "secrets_expire", c, source);
  c.import_timeout_seconds =
      bounded_integer(t, "import_timeout_seconds", 1, max_import_timeout_seconds, source,
                      "connector '" + c.id + "': ");
  return c;
}

}  // namespace

bool is_valid_connector_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

connector_entry* host_config::find(std::string_view id) {
  for (auto& c : connectors)
    if (c.id == id) return &c;
  return nullptr;
}
const connector_entry* host_config::find(std::string_view id) const {
  for (const auto& c : connectors)
    if (c.id == id) return &c;
  return nullptr;
}

host_config parse_config(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw config_error(fmt::format("{}: {}", where(source, e.source()), e.description()));
  }
  host_config cfg;
  if (const toml::node* h = root.get("host")) {
    const auto* host = h->as_table();
    if (host == nullptr)
      throw config_error(fmt::format("{}: [host] must be a table", where(source, h->source())));
    if (const toml::node* db = host->get("database")) {
      if (!db->is_string())
        throw config_error(
            fmt::format("{}: host.database must be a string", where(source, db->source())));
      cfg.database = *db->value<std::string>();
    }
    if (const toml::node* ap = host->get("adapter_paths")) {
      const auto* arr = ap->as_array();
      if (arr == nullptr)
        throw config_error(fmt::format("{}: host.adapter_paths must be an array of strings",
                                       where(source, ap->source())));
      for (const auto& p : *arr) {
        if (!p.is_string())
          throw config_error(
              fmt::format("{}: host.adapter_paths must hold strings", where(source, p.source())));
        cfg.adapter_paths.emplace_back(*p.value<std::string>());
      }
    }
    if (auto v = bounded_integer(*host, "import_timeout_seconds", 1, max_import_timeout_seconds,
                                 source, "host."))
      cfg.import_timeout_seconds = *v;
    if (const toml::node* m = host->get("adapter_memory_mib");
        m != nullptr && m->is_integer() && *m->value<int64_t>() == 0)
      cfg.adapter_memory_mib = 0;
    else if (auto v = bounded_integer(*host, "adapter_memory_mib", min_adapter_memory_mib,
                                      int64_t{1} << 30, source, "host."))
      cfg.adapter_memory_mib = *v;
    if (auto v =
            bounded_integer(*host, "stale_after_hours", 1, max_stale_after_hours, source, "host."))
      cfg.stale_after_hours = *v;
    if (const toml::node* dir = host->get("metrics_textfile_dir")) {
      if (!dir->is_string() || dir->value<std::string>()->empty())
        throw config_error(fmt::format("{}: host.metrics_textfile_dir must be a folder's path",
                                       where(source, dir->source())));
      cfg.metrics_textfile_dir = *dir->value<std::string>();
    }
    if (const toml::node* d = host->get("internal_domains"))
      cfg.internal_domains = read_internal_domains(*d, source);
    if (const toml::node* sp = host->get("people_strip_plus_addressing")) {
      if (!sp->is_boolean())
        throw config_error(
            fmt::format("{}: host.people_strip_plus_addressing must be true or false",
                        where(source, sp->source())));
      cfg.people_strip_plus_addressing = *sp->value<bool>();
    }
    if (const toml::node* ex = host->get("exclude_accounts"))
      cfg.exclude_accounts = read_exclude_accounts(*ex, source);
    if (const toml::node* tb = host->get("top_bar_link")) {
      const auto* t = tb->as_table();
      if (t == nullptr)
        throw config_error(
            fmt::format("{}: host.top_bar_link must be a table", where(source, tb->source())));
      if (const toml::node* e = t->get("enabled")) {
        if (!e->is_boolean())
          throw config_error(fmt::format("{}: host.top_bar_link.enabled must be true or false",
                                         where(source, e->source())));
        cfg.top_bar.enabled = *e->value<bool>();
      }
      if (const toml::node* u = t->get("url")) {
        if (!u->is_string())
          throw config_error(fmt::format("{}: host.top_bar_link.url must be a string",
                                         where(source, u->source())));
        cfg.top_bar.url = *u->value<std::string>();
      }
    }
  }
  if (const toml::node* cs = root.get("connector")) {
    const auto* arr = cs->as_array();
    if (arr == nullptr)
      throw config_error(fmt::format("{}: 'connector' must be an array of tables ([[connector]])",
                                     where(source, cs->source())));
    for (const auto& n : *arr) {
      const auto* t = n.as_table();
      if (t == nullptr)
        throw config_error(
            fmt::format("{}: each [[connector]] must be a table", where(source, n.source())));
      connector_entry c = read_connector(*t, source);
      if (cfg.find(c.id) != nullptr)
        throw config_error(
            fmt::format("{}: connector id '{}' appears twice", where(source, t->source()), c.id));
      cfg.connectors.push_back(std::move(c));
    }
  }
  return cfg;
}

std::string read_config_text(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return {};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(fmt::format("{}: cannot be read", file.string()));
  std::string text;
  text.resize(max_config_bytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_config_bytes)
    throw config_error(fmt::format("{}: larger than 4 MiB", file.string()));
  return text;
}

host_config load_config(const std::filesystem::path& file) {
  return parse_config(read_config_text(file), file.string());
}

std::string format_config(const host_config& config) {
  std::string out =
      "# invhost configuration. Secrets are references only: \"env:VAR\" or \"file:/path\".\n";
  for (const auto& t : config_layout::host_tables(config))
    out += "\n" + config_layout::table_text(t.path, t.values);
  for (const auto& c : config.connectors) out += "\n" + config_layout::connector_text(c);
  return out;
}

void save_config(const std::filesystem::path& file, const host_config& config) {
  save_config_text(file, format_config(config));
}

void save_config_text(const std::filesystem::path& file, const std::string& text) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  std::string tmp = file.string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    throw config_error(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
  ::fchmod(fd, 0600);
  std::size_t done = 0;
  bool ok = true;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), file.c_str()) != 0) {
    const int err = ok ? errno : saved;
    ::unlink(tmp.c_str());
    throw config_error(fmt::format("{}: cannot write: {}", file.string(), std::strerror(err)));
  }
}

}  // namespace invhost
