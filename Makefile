# Every target installs what it needs first (Debian packages, PyPI peers), then builds and runs.
SWIFT        ?= swift
APT_PACKAGES := libnghttp2-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config time \
                protobuf-compiler libprotobuf-dev grpc-proto nghttp2-client valgrind openssl testssl.sh \
                libpq-dev postgresql libcurl4-openssl-dev
PIP_PACKAGES := grpcio==1.85.1 grpcio-tools==1.85.1 grpcio-reflection==1.85.1 \
                grpcio-health-checking==1.85.1 protobuf==7.36.2 \
                cryptography==48.0.0 http-ece==1.2.1 py-vapid==1.9.6 pywebpush==2.5.0 h2==4.4.1
FUZZ_SECONDS ?= 60

.PHONY: setup test format format-check examples demo demo-scale fuzz bench bench-codec bench-build bench-pinit

## setup: install the Debian packages and Python peers that are missing. The peers go into the
## python3 on PATH (the tests run it); Debian's own python3 needs --break-system-packages for that.
setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import grpc, grpc_tools, google.protobuf, grpc_reflection, grpc_health, cryptography, http_ece, py_vapid, pywebpush, h2" 2>/dev/null || \
	  { echo "setup: installing Python peers"; \
	    python3 -m pip install -q --root-user-action=ignore $(PIP_PACKAGES) 2>/dev/null || \
	    python3 -m pip install -q --root-user-action=ignore --break-system-packages $(PIP_PACKAGES); }

## test: build everything and run the whole test suite. Tests run one at a time: on 2 cores the
## cooperative pool has 2 threads, and the tests that wait for protoc or python3 would otherwise
## starve the timing-sensitive deadline tests running beside them.
test: setup format-check
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) timeout --kill-after=30 900 ./Examples/run.sh
	timeout --kill-after=30 1800 $(SWIFT) test --no-parallel

## format: format every Swift file (tracked or new) in place with swift format (the toolchain's), as
## .swift-format configures it.
format:
	git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 $(SWIFT) format format -i --configuration .swift-format

## format-check: fail, listing them, when tracked Swift files are not formatted (run `make format`).
format-check:
	@scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	git ls-files -z '*.swift' | xargs -0 cp --parents -t "$$scratch"; \
	(cd "$$scratch" && find . -name '*.swift' -print0 | xargs -0 $(SWIFT) format format -i --configuration "$(CURDIR)/.swift-format"); \
	unformatted=$$(git ls-files '*.swift' | while read -r file; do cmp -s "$$file" "$$scratch/$$file" || echo "$$file"; done); \
	if [ -n "$$unformatted" ]; then echo "format-check: not formatted (run make format):"; echo "$$unformatted"; exit 1; fi

## examples: build Examples/Greeter as a separate package, run its server and client, check
## health, reflection and graceful shutdown, and that README.md shows its files exactly.
examples: setup
	SWIFT=$(SWIFT) timeout --kill-after=30 900 ./Examples/run.sh

## demo: both pinit services as separate processes, a scenario through the generated
## clients, a timeline, and the audit line `demo: S sent, U suppressed, D duplicates, L lost`.
demo: setup
	$(SWIFT) build --product pinit
	timeout 120 ./.build/debug/pinit demo --web-push-service Tests/ProtocSupport/Python/push_service.py

## demo-scale: a PostgreSQL cluster of its own (initdb in a temporary directory), 3 replicas of
## each service, 10,000 schedules due within a minute, a replica of each kind killed every 4 s
## and PostgreSQL restarted once; ends with `scale: N schedules, … D duplicates, L lost, …`.
demo-scale: setup
	$(SWIFT) build --product pinit
	timeout 900 ./.build/debug/pinit demo-scale

## bench-pinit: schedules created and relayed per second and push lateness, on SQLite and on
## PostgreSQL with 1 and 3 replicas of each service (release build); ends with `pinit NAME: VALUE`.
bench-pinit: setup
	$(SWIFT) build -c release --product pinit
	timeout 1800 ./.build/release/pinit bench

## fuzz: run every fuzz target for FUZZ_SECONDS each.
fuzz: setup
	./Fuzz/run.sh $(FUZZ_SECONDS)

## bench-codec: encode/decode throughput against swift-protobuf.
bench-codec: setup
	cd Benchmarks && $(SWIFT) run -c release codec-bench

## bench: RPC benchmark, our stack against grpc-swift 2 (Benchmarks/README.md); ends with ratios.
# The build plan is dropped first: SwiftPM keeps the root package's file list in the
# Benchmarks package's plan, so files added to the root since the last bench would be missing.
bench: setup
	rm -f Benchmarks/.build/release.yaml
	cd Benchmarks && $(SWIFT) build -c release --product our-rpc-bench
	cd Benchmarks && $(SWIFT) build -c release --product grpc-swift-bench
	cd Benchmarks && python3 rpc-bench.py

## bench-build: clean-build time of a one-service package, ProtoSwiftPlugin against grpc-swift 2.
bench-build: setup
	./Benchmarks/BuildTime/measure.sh
