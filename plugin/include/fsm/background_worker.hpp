// One long-lived thread that runs one job at a time for its owner. The connector sends the next
// page's request on it while the importing thread works on the current page: a thread started
// per request cost more (creation, a fresh TLS and allocator state each time) than the overlap
// saved.
#ifndef FSM_BACKGROUND_WORKER_HPP
#define FSM_BACKGROUND_WORKER_HPP

#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace fsm {

class background_worker {
 public:
  background_worker() = default;
  background_worker(const background_worker&) = delete;
  background_worker& operator=(const background_worker&) = delete;
  // Waits for the job in hand, then stops the thread.
  ~background_worker() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  // Runs job on the worker thread; the future gives its result or its exception. The caller
  // waits for one job's future before it submits the next.
  template <typename Result>
  std::future<Result> submit(std::function<Result()> job) {
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(job));
    auto result = task->get_future();
    {
      const std::lock_guard lock(mutex_);
      job_ = [task] { (*task)(); };
    }
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    wake_.notify_one();
    return result;
  }

 private:
  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || job_.has_value(); });
        if (job_) {
          job = std::move(*job_);
          job_.reset();
        } else {
          return;  // stopping, nothing left to run
        }
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::function<void()>> job_;
  bool stopping_ = false;
  std::thread thread_;  // last: started after the rest exists
};

}  // namespace fsm

#endif  // FSM_BACKGROUND_WORKER_HPP
