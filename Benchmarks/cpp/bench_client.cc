// gRPC C++ load client per ../../../shared/bench/CONTRACT.md:
// bench_client --target 127.0.0.1:P --workload W --size S --seconds T [--concurrency C]
#include <grpcpp/grpcpp.h>

#include <fstream>
#include <sstream>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "grpc/testing/benchmark_service.grpc.pb.h"

using Clock = std::chrono::steady_clock;
using grpc::testing::BenchmarkService;
using grpc::testing::SimpleRequest;
using grpc::testing::SimpleResponse;

namespace {

struct Tally {
  long ops = 0;
  long bytes = 0;
  std::vector<long> latencies_us;
};

long Micros(Clock::duration d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); }

// Keeps `concurrency` unary calls in flight on one channel with the callback API.
class QpsDriver {
 public:
  QpsDriver(BenchmarkService::Stub* stub, const SimpleRequest& request, Clock::time_point measure, Clock::time_point end)
      : stub_(stub), request_(request), measure_(measure), end_(end) {}

  Tally Run(int concurrency) {
    outstanding_ = concurrency;
    for (int i = 0; i < concurrency; i++) Start();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return outstanding_ == 0; });
    return tally_;
  }

 private:
  struct Call {
    grpc::ClientContext context;
    SimpleResponse response;
    Clock::time_point start;
  };

  void Start() {
    auto* call = new Call();
    call->start = Clock::now();
    stub_->async()->UnaryCall(&call->context, &request_, &call->response, [this, call](grpc::Status status) {
      Clock::time_point now = Clock::now();
      bool again = status.ok() && now < end_;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (status.ok() && call->start >= measure_ && now < end_) {
          tally_.ops++;
          tally_.bytes += static_cast<long>(call->response.payload().body().size());
          tally_.latencies_us.push_back(Micros(now - call->start));
        }
        if (!again && --outstanding_ == 0) done_.notify_all();
      }
      delete call;
      if (again) Start();
    });
  }

  BenchmarkService::Stub* stub_;
  SimpleRequest request_;
  Clock::time_point measure_, end_;
  std::mutex mutex_;
  std::condition_variable done_;
  int outstanding_ = 0;
  Tally tally_;
};

long Percentile(std::vector<long>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  size_t index = std::min(sorted.size() - 1, static_cast<size_t>(sorted.size() * fraction));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  std::string target = "127.0.0.1:50051", workload = "unary-latency";
  std::string ca_file, host_override;
  int size = 0, seconds = 5, concurrency = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--target") target = value;
    else if (flag == "--workload") workload = value;
    else if (flag == "--size") size = std::atoi(value.c_str());
    else if (flag == "--seconds") seconds = std::atoi(value.c_str());
    else if (flag == "--concurrency") concurrency = std::atoi(value.c_str());
    else if (flag == "--tls_ca_file") ca_file = value;
    else if (flag == "--server_host_override") host_override = value;
  }
  if (concurrency < 0) concurrency = workload == "unary-qps" ? 64 : 1;
  std::shared_ptr<grpc::Channel> channel;
  if (ca_file.empty()) {
    channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  } else {
    std::ifstream file(ca_file);
    std::stringstream roots;
    roots << file.rdbuf();
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = roots.str();
    grpc::ChannelArguments arguments;
    if (!host_override.empty()) arguments.SetSslTargetNameOverride(host_override);
    channel = grpc::CreateCustomChannel(target, grpc::SslCredentials(options), arguments);
  }
  auto stub = BenchmarkService::NewStub(channel);
  SimpleRequest request;
  request.set_response_size(size);
  request.mutable_payload()->mutable_body()->assign(static_cast<size_t>(size), '\0');
  Clock::time_point start = Clock::now();
  Clock::time_point measure = start + std::chrono::seconds(1);
  Clock::time_point end = measure + std::chrono::seconds(seconds);
  Tally tally;
  bool per_op = true;

  if (workload == "unary-latency") {
    while (Clock::now() < end) {
      grpc::ClientContext context;
      SimpleResponse response;
      Clock::time_point before = Clock::now();
      grpc::Status status = stub->UnaryCall(&context, request, &response);
      if (!status.ok()) { std::fprintf(stderr, "bench_client: %s\n", status.error_message().c_str()); return 1; }
      Clock::time_point after = Clock::now();
      if (before >= measure && after < end) {
        tally.ops++;
        tally.bytes += static_cast<long>(response.payload().body().size());
        tally.latencies_us.push_back(Micros(after - before));
      }
    }
  } else if (workload == "unary-qps") {
    QpsDriver driver(stub.get(), request, measure, end);
    tally = driver.Run(concurrency);
  } else if (workload == "pingpong") {
    grpc::ClientContext context;
    auto stream = stub->StreamingCall(&context);
    SimpleResponse response;
    while (Clock::now() < end) {
      Clock::time_point before = Clock::now();
      if (!stream->Write(request) || !stream->Read(&response)) { std::fprintf(stderr, "bench_client: stream failed\n"); return 1; }
      Clock::time_point after = Clock::now();
      if (before >= measure && after < end) {
        tally.ops++;
        tally.bytes += static_cast<long>(response.payload().body().size());
        tally.latencies_us.push_back(Micros(after - before));
      }
    }
    stream->WritesDone();
    context.TryCancel();
  } else if (workload == "stream-from-server") {
    per_op = false;
    grpc::ClientContext context;
    auto reader = stub->StreamingFromServer(&context, request);
    SimpleResponse response;
    while (reader->Read(&response)) {
      Clock::time_point now = Clock::now();
      if (now >= end) break;
      if (now >= measure) {
        tally.ops++;
        tally.bytes += static_cast<long>(response.payload().body().size());
      }
    }
    context.TryCancel();
  } else {
    std::fprintf(stderr, "bench_client: unknown workload %s\n", workload.c_str());
    return 2;
  }

  std::sort(tally.latencies_us.begin(), tally.latencies_us.end());
  std::printf("{\"impl\":\"grpc-cpp\",\"workload\":\"%s\",\"size\":%d,\"concurrency\":%d,\"seconds\":%d,\"ops\":%ld,"
              "\"ops_per_s\":%.1f,\"mb_per_s\":%.1f",
              workload.c_str(), size, concurrency, seconds, tally.ops, tally.ops / static_cast<double>(seconds),
              tally.bytes / static_cast<double>(seconds) / 1e6);
  if (per_op) {
    std::printf(",\"p50_us\":%ld,\"p90_us\":%ld,\"p99_us\":%ld", Percentile(tally.latencies_us, 0.5),
                Percentile(tally.latencies_us, 0.9), Percentile(tally.latencies_us, 0.99));
  }
  std::printf("}\n");
  return 0;
}
