// The C++ reference for the codec benchmark (../shared/bench/CONTRACT.md), timed as
// Sources/Tools/Bench/CodecBenchKit/Harness.swift times ours: 200 ms of warm-up, then whole
// rounds over every payload for BENCH_SECONDS (1 s by default). Parse is a new message from
// bytes each time; serialize is the bytes of an already-built message.
//
//   codec_bench DATASET_FILE...   one JSON line per file
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "benchmarks.pb.h"
#include "benchmark_message1_proto2.pb.h"
#include "benchmark_message1_proto3.pb.h"
#include "benchmark_message2.pb.h"

using Clock = std::chrono::steady_clock;

static double seconds_to_run() {
  const char* text = std::getenv("BENCH_SECONDS");
  return text ? std::atof(text) : 1.0;
}

// Runs `op` over the payloads in whole rounds; returns nanoseconds per payload.
template <typename Op>
static double time_rounds(size_t count, Op op) {
  size_t sink = 0;
  auto warm_up_end = Clock::now() + std::chrono::milliseconds(200);
  while (Clock::now() < warm_up_end)
    for (size_t i = 0; i < count; i++) sink += op(i);
  size_t rounds = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(seconds_to_run());
  do {
    for (size_t i = 0; i < count; i++) sink += op(i);
    rounds++;
  } while (Clock::now() < deadline);
  double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  if (sink == 42) std::printf("\n");
  return ns / double(rounds * count);
}

template <typename M>
static void run(const benchmarks::BenchmarkDataset& dataset) {
  size_t count = dataset.payload_size();
  size_t bytes = 0;
  std::vector<std::unique_ptr<M>> built;
  for (const auto& payload : dataset.payload()) {
    bytes += payload.size();
    built.emplace_back(new M);
    built.back()->ParseFromString(payload);
  }
  double parse_ns = time_rounds(count, [&](size_t i) {
    M message;
    message.ParseFromString(dataset.payload(int(i)));
    return size_t(message.ByteSizeLong());
  });
  std::string out;
  double serialize_ns = time_rounds(count, [&](size_t i) {
    out.clear();
    built[i]->SerializeToString(&out);
    return out.size();
  });
  double mb_per_round = double(bytes) / 1e6, ns_per_round_parse = parse_ns * count, ns_per_round_ser = serialize_ns * count;
  std::printf("{\"impl\":\"protobuf-cpp\",\"dataset\":\"%s\",\"parse_mb_per_s\":%.1f,\"serialize_mb_per_s\":%.1f,"
              "\"parse_ns_per_op\":%.1f,\"serialize_ns_per_op\":%.1f}\n",
              dataset.name().c_str(), mb_per_round / (ns_per_round_parse / 1e9), mb_per_round / (ns_per_round_ser / 1e9),
              parse_ns, serialize_ns);
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    std::ifstream file(argv[i], std::ios::binary);
    std::stringstream contents;
    contents << file.rdbuf();
    benchmarks::BenchmarkDataset dataset;
    if (!file || !dataset.ParseFromString(contents.str())) {
      std::printf("{\"impl\":\"protobuf-cpp\",\"error\":\"cannot read %s\"}\n", argv[i]);
      continue;
    }
    const std::string& name = dataset.message_name();
    if (name == "benchmarks.proto3.GoogleMessage1") run<benchmarks::proto3::GoogleMessage1>(dataset);
    else if (name == "benchmarks.proto2.GoogleMessage1") run<benchmarks::proto2::GoogleMessage1>(dataset);
    else if (name == "benchmarks.proto2.GoogleMessage2") run<benchmarks::proto2::GoogleMessage2>(dataset);
    else std::printf("{\"impl\":\"protobuf-cpp\",\"dataset\":\"%s\",\"error\":\"unknown message %s\"}\n",
                     dataset.name().c_str(), name.c_str());
  }
}
