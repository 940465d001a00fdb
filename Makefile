# Every target installs what it needs first (Debian packages, PyPI peers), then builds and runs.
SWIFT        ?= swift
APT_PACKAGES := libnghttp2-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config \
                protobuf-compiler libprotobuf-dev grpc-proto nghttp2-client valgrind
PIP_PACKAGES := grpcio==1.85.1 grpcio-tools==1.85.1 grpcio-reflection==1.85.1 \
                grpcio-health-checking==1.85.1 protobuf==7.36.2
FUZZ_SECONDS ?= 60

.PHONY: setup test demo fuzz bench bench-codec bench-build

## setup: install the Debian packages and Python peers that are missing.
setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import grpc, grpc_tools, google.protobuf, grpc_reflection, grpc_health" 2>/dev/null || \
	  { echo "setup: installing Python peers"; python3 -m pip install -q --root-user-action=ignore $(PIP_PACKAGES); }

## test: build everything and run the whole test suite. Tests run one at a time: on 2 cores the
## cooperative pool has 2 threads, and the tests that wait for protoc or python3 would otherwise
## starve the timing-sensitive deadline tests running beside them.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --no-parallel

## demo: until the services land, the smallest real end-to-end job: our parser and codec
## write a descriptor set for Protos/codectest, and protoc (a real peer) reads it back.
demo: setup
	$(SWIFT) build -c release --product proto-swift
	./.build/release/proto-swift -I Protos -I /usr/include --include_imports \
	  --descriptor_set_out=.build/demo-descriptors.pb codectest/test_messages.proto
	protoc -I /usr/include --decode=google.protobuf.FileDescriptorSet \
	  google/protobuf/descriptor.proto < .build/demo-descriptors.pb | grep -E '^  name:|^    name:' 
	@echo "demo: protoc decoded $$(wc -c < .build/demo-descriptors.pb) bytes of descriptors written by proto-swift"

## fuzz: run every fuzz target for FUZZ_SECONDS each.
fuzz: setup
	./Fuzz/run.sh $(FUZZ_SECONDS)

## bench-codec: encode/decode throughput against swift-protobuf.
bench-codec: setup
	cd Benchmarks && $(SWIFT) run -c release codec-bench

## bench-build: clean-build time of a one-service package, ProtoSwiftPlugin against grpc-swift 2.
bench-build: setup
	./Benchmarks/BuildTime/measure.sh
