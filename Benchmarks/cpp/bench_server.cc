// gRPC C++ bench server per ../../../shared/bench/CONTRACT.md: BenchmarkService on the callback
// API, `bench_server --port P [--tls_cert_file F --tls_key_file F]`, prints READY P, exits on
// SIGTERM.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "grpc/testing/benchmark_service.grpc.pb.h"

using grpc::CallbackServerContext;
using grpc::ServerBidiReactor;
using grpc::ServerUnaryReactor;
using grpc::ServerWriteReactor;
using grpc::Status;
using grpc::testing::SimpleRequest;
using grpc::testing::SimpleResponse;

namespace {

std::atomic<bool> stop_requested{false};

void Fill(SimpleResponse* response, int size) {
  response->mutable_payload()->mutable_body()->assign(static_cast<size_t>(size > 0 ? size : 0), '\0');
}

// One response per request, until the client half-closes.
class PingPong : public ServerBidiReactor<SimpleRequest, SimpleResponse> {
 public:
  PingPong() { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(Status::OK);
      return;
    }
    Fill(&response_, request_.response_size());
    StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(Status::CANCELLED);
      return;
    }
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  SimpleRequest request_;
  SimpleResponse response_;
};

// The same response again and again until the client cancels.
class Repeater : public ServerWriteReactor<SimpleResponse> {
 public:
  explicit Repeater(const SimpleRequest* request) {
    Fill(&response_, request->response_size());
    StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(Status::CANCELLED);
      return;
    }
    StartWrite(&response_);
  }
  void OnCancel() override {}
  void OnDone() override { delete this; }

 private:
  SimpleResponse response_;
};

class BenchmarkService final : public grpc::testing::BenchmarkService::CallbackService {
  ServerUnaryReactor* UnaryCall(CallbackServerContext* context, const SimpleRequest* request,
                                SimpleResponse* response) override {
    Fill(response, request->response_size());
    ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(Status::OK);
    return reactor;
  }

  ServerBidiReactor<SimpleRequest, SimpleResponse>* StreamingCall(CallbackServerContext*) override {
    return new PingPong();
  }

  ServerBidiReactor<SimpleRequest, SimpleResponse>* StreamingBothWays(CallbackServerContext*) override {
    return new PingPong();
  }

  ServerWriteReactor<SimpleResponse>* StreamingFromServer(CallbackServerContext*, const SimpleRequest* request) override {
    return new Repeater(request);
  }
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

}  // namespace

int main(int argc, char** argv) {
  int port = 50051;
  std::string cert_file, key_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) port = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--tls_cert_file") == 0) cert_file = argv[i + 1];
    if (std::strcmp(argv[i], "--tls_key_file") == 0) key_file = argv[i + 1];
  }
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!cert_file.empty()) {
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({ReadFile(key_file), ReadFile(cert_file)});
    credentials = grpc::SslServerCredentials(options);
  }
  std::signal(SIGTERM, [](int) { stop_requested = true; });
  std::signal(SIGINT, [](int) { stop_requested = true; });
  BenchmarkService service;
  grpc::ServerBuilder builder;
  int selected = 0;
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port), credentials, &selected);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || selected == 0) {
    std::fprintf(stderr, "bench_server: cannot listen on port %d\n", port);
    return 1;
  }
  std::printf("READY %d\n", selected);
  std::fflush(stdout);
  while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  return 0;
}
