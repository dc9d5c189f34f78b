#include "faults.hpp"

#include <charconv>

#include "ids.hpp"

namespace fsmsim {
namespace {

template <class T>
bool to_number(std::string_view s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

bool to_probability(std::string_view s, double& out) {
  // std::from_chars for double is available in GCC 12; probabilities are plain decimals.
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty() && out >= 0.0 &&
         out <= 1.0;
}

}  // namespace

fault_parse_result parse_fault(std::string_view text) {
  fault_parse_result res;
  if (text.size() > 512) {
    res.error = "fault spec longer than 512 characters";
    return res;
  }
  fault_spec f;
  f.text = std::string(text);
  bool first = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const auto item = text.substr(start, end - start);
    start = end + 1;
    const auto eq = item.find('=');
    const auto key = item.substr(0, eq);
    const auto val = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
    const auto bad = [&](std::string_view why) {
      res.error = "fault '" + std::string(text) + "': " + std::string(why);
      return res;
    };
    if (first) {
      first = false;
      if (key == "status") {
        f.kind = fault_kind::status;
        if (!to_number(val, f.status) || f.status < 400 || f.status > 599) {
          return bad("status=CODE needs a code from 400 to 599");
        }
      } else if (key == "slow") {
        f.kind = fault_kind::slow;
        if (!to_number(val, f.delay_ms) || f.delay_ms > 600000) {
          return bad("slow=MS needs milliseconds up to 600000");
        }
      } else if (key == "drop" && val.empty()) {
        f.kind = fault_kind::drop;
      } else if (key == "malformed" && val.empty()) {
        f.kind = fault_kind::malformed;
      } else if (key == "truncated" && val.empty()) {
        f.kind = fault_kind::truncated;
      } else if (key == "loop" && val.empty()) {
        f.kind = fault_kind::loop;
      } else {
        return bad("must start with status=CODE, drop, slow=MS, malformed, truncated or loop");
      }
      continue;
    }
    if (key == "path" && !val.empty()) {
      f.path = std::string(val);
    } else if (key == "nth") {
      if (!to_number(val, f.nth) || f.nth == 0) return bad("nth=N needs N >= 1");
    } else if (key == "count") {
      if (!to_number(val, f.count) || f.count == 0) return bad("count=K needs K >= 1");
    } else if (key == "rate") {
      if (!to_probability(val, f.rate)) return bad("rate=P needs 0 <= P <= 1");
    } else if (key == "seed") {
      if (!to_number(val, f.seed)) return bad("seed=S needs an unsigned integer");
    } else if (key == "retry-after") {
      if (!to_number(val, f.retry_after) || f.retry_after > 86400) {
        return bad("retry-after=SECONDS needs 0..86400");
      }
    } else {
      return bad("unknown option '" + std::string(key) + "'");
    }
  }
  if (f.nth != 0 && f.rate >= 0.0) {
    res.error = "fault '" + f.text + "': give nth or rate, not both";
    return res;
  }
  // nth alone fires once unless count says otherwise.
  if (f.nth != 0 && f.count == 0) f.count = 1;
  res.spec = std::move(f);
  return res;
}

void fault_set::add(fault_spec spec) {
  std::lock_guard lock(mutex_);
  state s;
  s.rng = mix64(spec.seed);
  s.spec = std::move(spec);
  faults_.push_back(std::move(s));
}

void fault_set::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

std::vector<std::string> fault_set::list() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& f : faults_) out.push_back(f.spec.text);
  return out;
}

fault_actions fault_set::on_request(std::string_view path) {
  std::lock_guard lock(mutex_);
  fault_actions a;
  for (auto& f : faults_) {
    if (!f.spec.path.empty() && path.find(f.spec.path) == std::string_view::npos) continue;
    ++f.matched;
    bool fire = f.spec.count == 0 || f.fired < f.spec.count;
    if (f.spec.nth != 0) {
      fire = fire && f.matched >= f.spec.nth;
    } else if (f.spec.rate >= 0.0) {
      f.rng = mix64(f.rng);
      const double roll = static_cast<double>(f.rng >> 11) / 9007199254740992.0;  // [0, 1)
      fire = fire && roll < f.spec.rate;
    }
    if (!fire) continue;
    ++f.fired;
    ++a.fired;
    switch (f.spec.kind) {
      case fault_kind::status:
        if (!a.status) {
          a.status = f.spec.status;
          a.retry_after = f.spec.retry_after;
        }
        break;
      case fault_kind::drop:
        a.drop = true;
        break;
      case fault_kind::slow:
        a.delay_ms += f.spec.delay_ms;
        break;
      case fault_kind::malformed:
        a.malformed = true;
        break;
      case fault_kind::truncated:
        a.truncated = true;
        break;
      case fault_kind::loop:
        a.loop = true;
        break;
    }
  }
  return a;
}

}  // namespace fsmsim
