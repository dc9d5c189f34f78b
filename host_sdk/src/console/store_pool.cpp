#include "store_pool.hpp"

namespace invhost::console {

store_pool::store_pool(std::string connection_string, std::size_t max_connections)
    : connection_string_(std::move(connection_string)),
      max_connections_(max_connections == 0 ? 1 : max_connections) {
  idle_.push_back(store::open(connection_string_));
  open_ = 1;
}

store_pool::lease::~lease() {
  if (db_) pool_->give_back(std::move(db_));
}

store_pool::lease store_pool::borrow() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return {*this, std::move(db)};
  }
  ++open_;
  lock.unlock();
  try {
    return {*this, store::open(connection_string_)};
  } catch (...) {
    const std::lock_guard again(mutex_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void store_pool::give_back(std::unique_ptr<store> db) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
  returned_.notify_one();
}

}  // namespace invhost::console
