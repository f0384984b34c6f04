# swiftgrpc: build, regenerate, test.
SHELL := /bin/bash
SWIFT ?= swift
PROTOC ?= protoc
PYTHON ?= python3
SHARED ?= ../shared
# descriptor.proto and the well-known types, from libprotobuf-dev.
PROTO_INCLUDE ?= /usr/include
PLUGIN := .build/debug/protoc-gen-swiftgrpc
# The newer protoc of grpcio-tools (editions) and its descriptor.proto, for the plugin's own
# descriptor types and the editions test schemas; everything else uses Debian's protoc 3.21.
NEW_PROTOC = $(PYTHON) -m grpc_tools.protoc
NEW_PROTO_INCLUDE = $(shell $(PYTHON) -c "import grpc_tools, os; print(os.path.dirname(grpc_tools.__file__) + '/_proto')")
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := protobuf-compiler libprotobuf-dev libprotoc-dev libnghttp2-dev zlib1g-dev libssl-dev openssl ca-certificates nginx pkg-config
WKT := any api duration empty field_mask source_context struct timestamp type wrappers
GEN = $(PROTOC) --plugin=protoc-gen-swiftgrpc=$(PLUGIN)
# One set of flags for every debug build, so tests, tools and the plugin share one build.
SWIFT_FLAGS ?= -Xswiftc -warnings-as-errors

.PHONY: deps build plugin generate generate-shared bootstrap test test-swift test-python conformance test-integrations demo interop bench bench-rpc bench-transport docs clean

## deps: install what a fresh Debian machine lacks (apt packages, Python test peers).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@$(PYTHON) -c "import google.protobuf, grpc, grpc_tools, grpc_health.v1.health_pb2, grpc_reflection.v1alpha.reflection_pb2, pytest, cryptography, h2" 2>/dev/null || \
	  $(PYTHON) -m pip install -q -r Tests/Python/requirements.txt

build:
	$(SWIFT) build $(SWIFT_FLAGS)

plugin:
	$(SWIFT) build $(SWIFT_FLAGS) --product protoc-gen-swiftgrpc

## generate: regenerate every committed generated file.
generate: plugin
	$(GEN) -I$(PROTO_INCLUDE) --swiftgrpc_out=Visibility=Public,ImportRuntime=false,FileNaming=DropPath:Runtime/Proto/WellKnownTypes \
	  $(patsubst %,google/protobuf/%.proto,$(WKT))
	$(NEW_PROTOC) --plugin=protoc-gen-swiftgrpc=$(PLUGIN) -I$(NEW_PROTO_INCLUDE) \
	  --swiftgrpc_out=Visibility=Public,FileNaming=DropPath:Plugin/Generator/Descriptors \
	  google/protobuf/descriptor.proto google/protobuf/compiler/plugin.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath:Plugin/Generator/Descriptors plugin/module_mappings.proto plugin/build_plugin_configuration.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/TestSupport/TestMessages/Generated \
	  testdata/imported.proto testdata/everything_proto3.proto testdata/everything_proto2.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/TestSupport/TestMessages/Generated testdata/golden.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/TestSupport/TestServices/Generated testdata/echo.proto
	$(NEW_PROTOC) --plugin=protoc-gen-swiftgrpc=$(PLUGIN) -Iprotos -I$(NEW_PROTO_INCLUDE) \
	  --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/TestSupport/TestMessages/Generated \
	  testdata/editions_2023.proto testdata/editions_2024.proto
	$(GEN) -Iprotos -I$(PROTO_INCLUDE) --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Runtime/GRPC/Status/Generated google/rpc/status.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public,ImportGRPC=false:Runtime/GRPC/Services/Health/Generated \
	  grpc/health/v1/health.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=PathToUnderscores,Visibility=Public,ImportGRPC=false:Runtime/GRPC/Services/Reflection/Generated \
	  grpc/reflection/v1/reflection.proto grpc/reflection/v1alpha/reflection.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/Examples/ExampleServices/Generated helloworld.proto user.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/Tools/GRPCTestingServices/Generated \
	  grpc/testing/empty.proto grpc/testing/messages.proto grpc/testing/test.proto grpc/testing/benchmark_service.proto
	$(GEN) -Iprotos --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/Tools/Bench/CodecBenchKit/Generated bench/mix.proto
	@$(MAKE) --no-print-directory generate-shared

# Code generated from the upstream schemas in ../shared; kept as committed when it is absent.
generate-shared: plugin
	@if [ ! -d $(SHARED)/protos ]; then echo "skipping conformance and benchmark schemas: $(SHARED)/protos is absent"; exit 0; fi; \
	set -e; \
	$(GEN) -I$(SHARED)/protos/conformance --swiftgrpc_out=FileNaming=DropPath:Sources/Tools/Conformance/ConformanceTestee/Generated conformance.proto; \
	$(GEN) -I$(SHARED)/protos/conformance -I$(PROTO_INCLUDE) --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/TestSupport/TestMessages/Generated \
	  test_messages_proto3.proto test_messages_proto2.proto; \
	$(GEN) -I$(SHARED)/protos/benchmarks --swiftgrpc_out=FileNaming=DropPath,Visibility=Public:Sources/Tools/Bench/CodecBenchKit/Generated \
	  benchmarks.proto benchmark_message1_proto3.proto benchmark_message1_proto2.proto benchmark_message2.proto

## bootstrap: regenerate the plugin's own descriptor types, rebuild, and check it is a fixpoint.
bootstrap: plugin
	$(NEW_PROTOC) --plugin=protoc-gen-swiftgrpc=$(PLUGIN) -I$(NEW_PROTO_INCLUDE) \
	  --swiftgrpc_out=Visibility=Public,FileNaming=DropPath:Plugin/Generator/Descriptors \
	  google/protobuf/descriptor.proto google/protobuf/compiler/plugin.proto
	$(SWIFT) build $(SWIFT_FLAGS) --product protoc-gen-swiftgrpc
	$(NEW_PROTOC) --plugin=protoc-gen-swiftgrpc=$(PLUGIN) -I$(NEW_PROTO_INCLUDE) \
	  --swiftgrpc_out=Visibility=Public,FileNaming=DropPath:Plugin/Generator/Descriptors \
	  google/protobuf/descriptor.proto google/protobuf/compiler/plugin.proto
	git diff --exit-code -- Plugin/Generator/Descriptors

## test: everything CI runs (installs what it needs first).
test: deps test-swift test-python conformance test-integrations

test-swift:
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	$(SWIFT) test $(SWIFT_FLAGS) --skip-build

## test-integrations: the Integrations/ package, a package of its own so that the runtime keeps
## no Swift dependency: the swift-log, swift-metrics, swift-distributed-tracing and
## swift-service-lifecycle adapters, tested end to end over loopback (its test service is
## generated by the SwiftGRPCPlugin build plugin, which this proves too).
test-integrations:
	$(SWIFT) build --package-path Integrations $(SWIFT_FLAGS) --build-tests
	$(SWIFT) test --package-path Integrations $(SWIFT_FLAGS) --skip-build

test-python: build
	cd Tests/Python && $(PYTHON) -m pytest -q -ra

## conformance: protobuf's conformance runner, built from Debian's protobuf source package into
## .build/conformance (about a minute the first time), against conformance-testee: every
## binary, JSON and text-format test must pass.
conformance: build
	Tests/Conformance/run.sh .build/debug/conformance-testee

## demo: build, regenerate, start greeter-server, run greeter-client against it, stop the server.
demo: deps generate build
	@.build/debug/greeter-server --port 0 > .build/demo-server.out 2>&1 & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	for i in $$(seq 1 100); do grep -q READY .build/demo-server.out 2>/dev/null && break; sleep 0.1; done; \
	port=$$(awk '/READY/ {print $$2}' .build/demo-server.out); \
	test -n "$$port" || { echo "greeter-server did not start"; cat .build/demo-server.out; exit 1; }; \
	echo "greeter-server listening on 127.0.0.1:$$port"; \
	.build/debug/greeter-client --target 127.0.0.1:$$port --name "$${NAME:-world}"

## interop: every interop case, our interop-client against our interop-server.
interop: build
	@.build/debug/interop-server --port 0 > .build/interop-server.out 2>&1 & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	for i in $$(seq 1 100); do grep -q READY .build/interop-server.out 2>/dev/null && break; sleep 0.1; done; \
	port=$$(awk '/READY/ {print $$2}' .build/interop-server.out); \
	.build/debug/interop-client --server_host 127.0.0.1 --server_port $$port --test_case all

## bench-rpc: our bench-server and bench-client on the four workloads of ../shared/bench/CONTRACT.md.
bench-rpc:
	$(SWIFT) build -c release --product bench-server
	$(SWIFT) build -c release --product bench-client
	@.build/release/bench-server --port 0 > .build/bench-server.out 2>&1 & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	for i in $$(seq 1 100); do grep -q READY .build/bench-server.out 2>/dev/null && break; sleep 0.1; done; \
	port=$$(awk '/READY/ {print $$2}' .build/bench-server.out); \
	for run in "unary-latency 0" "unary-latency 1024" "unary-qps 0" "pingpong 0" "pingpong 1024" \
	           "stream-from-server 1024" "stream-from-server 65536"; do \
	  set -- $$run; .build/release/bench-client --target 127.0.0.1:$$port --workload $$1 --size $$2 --seconds $${SECONDS_PER_RUN:-5}; \
	done

## bench-transport: unary calls per second in-process and over TCP loopback, in one process;
## with the server on the shared loops, then on an I/O thread of its own.
bench-transport:
	$(SWIFT) build -c release --product transport-bench
	.build/release/transport-bench --seconds $${SECONDS_PER_RUN:-3} --rounds $${ROUNDS:-3} --server-threads 0
	.build/release/transport-bench --seconds $${SECONDS_PER_RUN:-3} --rounds $${ROUNDS:-3} --server-threads 1

## bench: everything side by side (not part of test): the codec against swift-protobuf, then the
## RPC matrix of our, grpc-swift-2's and gRPC C++'s servers and clients, plaintext and over TLS.
## Needs ../shared/bench-data. Benchmarks/ab_servers.py compares builds in interleaved rounds.
bench: deps
	@test -d $(SHARED)/bench-data || { echo "$(SHARED)/bench-data is absent: no datasets to measure"; exit 1; }
	@dpkg -s libgrpc++-dev protobuf-compiler-grpc >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgrpc++-dev protobuf-compiler-grpc; }
	$(SWIFT) build -c release --product bench-server
	$(SWIFT) build -c release --product bench-client
	cd Benchmarks && $(SWIFT) build -c release
	$(MAKE) -C Benchmarks/cpp
	$(MAKE) -C Benchmarks/cpp codec SHARED=$(abspath $(SHARED))
	Benchmarks/.build/release/CodecCompare $(SHARED)/bench-data/*.pb
	Benchmarks/.build-cpp/codec_bench $(SHARED)/bench-data/*.pb
	$(PYTHON) Benchmarks/run_matrix.py --seconds $${BENCH_RPC_SECONDS:-3} --runs $${BENCH_RPC_RUNS:-3}
	$(PYTHON) Benchmarks/run_matrix.py --tls --seconds $${BENCH_RPC_SECONDS:-3} --runs $${BENCH_RPC_RUNS:-3} --json Benchmarks/.build/tls-matrix.json

## docs: the DocC archives of SwiftProto and SwiftGRPC (not part of test), built by the DocC/
## package, which alone depends on swift-docc-plugin, into DocC/.build/docs/*.doccarchive.
## DOCC_FLAGS=--warnings-as-errors fails on an unresolved link or an undocumented parameter.
DOCS_OUT := DocC/.build/docs
docs:
	$(SWIFT) package --package-path DocC --allow-writing-to-directory $(DOCS_OUT) generate-documentation \
	  --product SwiftProto --product SwiftGRPC --output-path $(DOCS_OUT) --enable-inherited-docs $(DOCC_FLAGS)

clean:
	rm -rf .build Benchmarks/.build DocC/.build Integrations/.build
