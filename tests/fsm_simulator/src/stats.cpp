#include "stats.hpp"

namespace fsmsim {

void stats::on_response(const std::string& route, unsigned status) {
  std::lock_guard lock(mutex_);
  ++requests_[route];
  ++statuses_[status];
  ++total_;
}

void stats::on_fault(unsigned fired) {
  std::lock_guard lock(mutex_);
  faults_ += fired;
}

void stats::on_connection() {
  std::lock_guard lock(mutex_);
  ++connections_;
}

void stats::on_drop() {
  std::lock_guard lock(mutex_);
  ++drops_;
}

boost::json::object stats::to_json(std::uint64_t tokens_issued,
                                   std::uint64_t tokens_refused) const {
  std::lock_guard lock(mutex_);
  boost::json::object o;
  boost::json::object req, st;
  for (const auto& [k, v] : requests_) req[k] = v;
  for (const auto& [k, v] : statuses_) st[std::to_string(k)] = v;
  o["requests"] = std::move(req);
  o["statuses"] = std::move(st);
  o["totalRequests"] = total_;
  o["rateLimited"] = statuses_.count(429) != 0 ? statuses_.at(429) : 0;
  o["tokensIssued"] = tokens_issued;
  o["tokensRefused"] = tokens_refused;
  o["faultsFired"] = faults_;
  o["droppedConnections"] = drops_;
  o["connections"] = connections_;
  return o;
}

}  // namespace fsmsim
