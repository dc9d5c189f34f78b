// Database connections shared by the console's request threads: a request borrows one for its
// duration, so the number of connections stays bounded however many browsers are connected.
#ifndef INVHOST_CONSOLE_STORE_POOL_HPP
#define INVHOST_CONSOLE_STORE_POOL_HPP

#include <condition_variable>
#include <invhost/store.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace invhost::console {

class store_pool {
 public:
  // Opens (and migrates) the first connection now, so a bad database fails at start.
  store_pool(std::string connection_string, std::size_t max_connections);

  class lease {
   public:
    lease(store_pool& pool, std::unique_ptr<store> db) : pool_(&pool), db_(std::move(db)) {}
    lease(lease&&) noexcept = default;
    lease& operator=(lease&&) noexcept = delete;
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    ~lease();
    [[nodiscard]] store& db() const noexcept { return *db_; }

   private:
    store_pool* pool_;
    std::unique_ptr<store> db_;
  };

  // A connection, waiting while all are borrowed.
  lease borrow();

 private:
  void give_back(std::unique_ptr<store> db);

  std::string connection_string_;
  std::size_t max_connections_;
  std::size_t open_ = 0;
  std::vector<std::unique_ptr<store>> idle_;
  std::mutex mutex_;
  std::condition_variable returned_;
};

}  // namespace invhost::console

#endif
