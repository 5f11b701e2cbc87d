#include "gateway/logging/log_writer.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/eventually.hpp"

namespace keygate::log_writer_test {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

// A pipe whose read end the test drains.
class pipe_pair {
 public:
  pipe_pair() {
    if (::pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    ::fcntl(fds_[0], F_SETFL, O_NONBLOCK);
  }
  ~pipe_pair() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int write_end() const { return fds_[1]; }
  // Everything readable now.
  std::string drain() {
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds_[0], buffer, sizeof buffer)) > 0;) out.append(buffer, n);
    return out;
  }

 private:
  int fds_[2];
};

TEST(LogWriter, LinesComeOutWholeAndInOrder) {
  pipe_pair pipe;
  {
    log_writer writer(pipe.write_end(), 5ms);
    for (int i = 0; i < 1000; ++i) writer.write("line " + std::to_string(i), false);
  }  // the destructor writes what is queued
  std::string expected;
  for (int i = 0; i < 1000; ++i) expected += "line " + std::to_string(i) + "\n";
  EXPECT_EQ(pipe.drain(), expected);
}

TEST(LogWriter, PlainLinesWaitForTheGatherPeriodUrgentOnesDoNot) {
  pipe_pair pipe;
  log_writer writer(pipe.write_end(), 2000ms);
  writer.write("plain", false);
  std::this_thread::sleep_for(100ms);  // not a wait: the time in which the line must not come out
  EXPECT_EQ(pipe.drain(), "") << "a plain line waits for others to join it";
  writer.write("urgent", true);
  std::string got;
  eventually([&] {
    got += pipe.drain();
    return got.size() >= 13;
  });
  EXPECT_EQ(got, "plain\nurgent\n");
}

TEST(LogWriter, FlushReturnsOnceEverythingIsWritten) {
  pipe_pair pipe;
  log_writer writer(pipe.write_end(), 2000ms);
  writer.write("a", false);
  writer.write("b", false);
  writer.flush();
  EXPECT_EQ(pipe.drain(), "a\nb\n");
  writer.flush();  // nothing queued: returns at once
  EXPECT_EQ(pipe.drain(), "");
}

TEST(LogWriter, ManyThreadsLoseNoLine) {
  pipe_pair pipe;
  std::string all;
  {
    // A small bound: writers wait for room while the test thread drains the pipe.
    log_writer writer(pipe.write_end(), 1ms, 256);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&writer, t] {
        for (int i = 0; i < 2000; ++i) writer.write("t" + std::to_string(t), false);
      });
    std::thread reader([&] {
      eventually(
          [&] {
            all += pipe.drain();
            return all.size() >= 4 * 2000 * 3;
          },
          20s);
    });
    for (auto& t : threads) t.join();
    reader.join();
  }
  all += pipe.drain();
  for (int t = 0; t < 4; ++t) {
    std::size_t count = 0;
    const std::string line = "t" + std::to_string(t) + "\n";
    for (auto at = all.find(line); at != std::string::npos; at = all.find(line, at + 1)) ++count;
    EXPECT_EQ(count, 2000u) << "thread " << t;
  }
  EXPECT_EQ(all.size(), 4u * 2000u * 3u);
}

}  // namespace
}  // namespace keygate::log_writer_test
