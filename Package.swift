// swift-tools-version:6.1
import PackageDescription

// Linux only (Debian 12): the HTTP/2 transport runs on epoll and eventfd (CLinuxEvents), and the
// C modules build against Debian's libnghttp2, zlib, OpenSSL 3, libpq and libcurl (`make setup`).
// Targets are listed by layer, lowest first, as ARCHITECTURE.md draws them; test support and
// tests come last.
let package = Package(
    name: "swift-rpc",
    products: [
        .library(name: "ProtoCodec", targets: ["ProtoCodec"]),
        .library(name: "ProtoDescriptors", targets: ["ProtoDescriptors"]),
        .executable(name: "proto-swift", targets: ["proto-swift"]),
        .plugin(name: "ProtoSwiftPlugin", targets: ["ProtoSwiftPlugin"]),
        .library(name: "DynamicProto", targets: ["DynamicProto"]),
        .library(name: "ProtoJSON", targets: ["ProtoJSON"]),
        .library(name: "RPCCore", targets: ["RPCCore"]),
        .library(name: "GRPCProtocol", targets: ["GRPCProtocol"]),
        .library(name: "TLSEngine", targets: ["TLSEngine"]),
        .library(name: "HTTP2Transport", targets: ["HTTP2Transport"]),
        .library(name: "InProcessTransport", targets: ["InProcessTransport"]),
        .library(name: "GRPCReflection", targets: ["GRPCReflection"]),
        .library(name: "GRPCHealth", targets: ["GRPCHealth"]),
        .library(name: "InteropTesting", targets: ["InteropTesting"]),
        .library(name: "ServiceConfigJSON", targets: ["ServiceConfigJSON"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
        .executable(name: "pinit", targets: ["pinit"]),
        .executable(name: "rpccurl", targets: ["rpccurl"]),
        .executable(name: "interop-server", targets: ["interop-server"]),
        .executable(name: "interop-client", targets: ["interop-client"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // MARK: C libraries

        // libnghttp2, the C HTTP/2 library under the transport.
        .systemLibrary(name: "CNGHTTP2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        // epoll, eventfd and accept4, which Swift's Glibc module leaves out.
        .systemLibrary(name: "CLinuxEvents"),
        // zlib, for the gzip and deflate message encodings.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // OpenSSL 3 (libssl-dev), the TLS library under TLSEngine.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // libpq (libpq-dev), PostgreSQL's C client library under PostgresClient.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // libcurl (libcurl4-openssl-dev), the HTTP client under HTTPSClient.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: Codec and code generation

        // Codec runtime: messages, wire format, well-known types.
        .target(name: "ProtoCodec"),
        // Swift types for google/protobuf/descriptor.proto (reflection, code generation).
        .target(name: "ProtoDescriptors", dependencies: ["ProtoCodec"]),
        // .proto parser and linker producing FileDescriptorProto, checked against protoc.
        .target(name: "ProtoParser", dependencies: ["ProtoCodec", "ProtoDescriptors"], path: "codegen/ProtoParser"),
        // Code generation: descriptors → Swift source.
        .target(name: "SwiftEmitter", dependencies: ["ProtoDescriptors", "ProtoCodec"], path: "codegen/SwiftEmitter"),
        .executableTarget(
            name: "proto-swift",
            dependencies: [
                "SwiftEmitter", "ProtoParser", "ProtoDescriptors", "ProtoCodec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "codegen/proto-swift"),
        // Build-tool plugin: generates Swift from Protos/ for targets with a proto-swift.json.
        .plugin(
            name: "ProtoSwiftPlugin", capability: .buildTool(), dependencies: ["proto-swift"],
            path: "codegen/Plugin"),
        // Messages known only at run time (descriptor pool, dynamic messages, text format).
        .target(name: "DynamicProto", dependencies: ["ProtoCodec", "ProtoDescriptors"]),
        // The proto3 JSON mapping for dynamic messages.
        .target(name: "ProtoJSON", dependencies: ["DynamicProto", "ProtoCodec", "ProtoDescriptors"]),

        // MARK: RPC core and the gRPC wire rules

        // RPC core: metadata, status, calls, the transport protocols.
        .target(
            name: "RPCCore",
            dependencies: [
                "ProtoCodec",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // gRPC-over-HTTP/2 rules as pure state machines (no I/O).
        .target(name: "GRPCProtocol", dependencies: ["RPCCore", "CZlib", "ProtoCodec"]),
        // gRPC's service config in its JSON form, read against our copy of its proto.
        .target(
            name: "ServiceConfigJSON",
            dependencies: ["RPCCore", "ProtoJSON", "DynamicProto", "ProtoCodec", "ProtoDescriptors"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),

        // MARK: Transports

        // TLS over memory buffers (handshake, ALPN h2, certificates, mTLS) for the HTTP/2 transport.
        .target(name: "TLSEngine", dependencies: ["COpenSSL"]),
        // gRPC over HTTP/2 on libnghttp2: event loops, sockets, client and server transports.
        .target(
            name: "HTTP2Transport", dependencies: ["CNGHTTP2", "CLinuxEvents", "RPCCore", "GRPCProtocol", "TLSEngine"]),
        // Both transport protocols inside one process, for tests and embedding.
        .target(name: "InProcessTransport", dependencies: ["RPCCore"]),

        // MARK: Services

        // gRPC server reflection (v1 and v1alpha) over generated files' descriptors.
        .target(
            name: "GRPCReflection", dependencies: ["RPCCore", "ProtoCodec", "ProtoDescriptors"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
        // grpc.health.v1.Health: per-service serving status, Check and Watch.
        .target(
            name: "GRPCHealth", dependencies: ["RPCCore", "ProtoCodec"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
        // The gRPC interop test service and client test cases (grpc/testing/*.proto).
        .target(
            name: "InteropTesting", dependencies: ["RPCCore", "ProtoCodec"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),

        // MARK: Storage

        // An async PostgreSQL client on libpq's non-blocking API: connections, pool, LISTEN/NOTIFY.
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "CLinuxEvents"]),
        // A throwaway PostgreSQL cluster in a directory (initdb, pg_ctl) for tests, demos and benchmarks.
        .target(name: "LocalPostgres"),

        // MARK: Push delivery

        // Keys, ECDH, HKDF, AES-128-GCM and JWT signatures on OpenSSL 3's EVP API, for push delivery.
        .target(name: "PushCrypto", dependencies: ["COpenSSL"]),
        // HTTPS POSTs to push providers on libcurl, trusting the system's CAs or a given CA file.
        .target(name: "HTTPSClient", dependencies: ["CCurl"]),

        // MARK: Applications and tools

        // pinit: the task and notification services and their generated protos.
        .target(
            name: "PinitProtos", dependencies: ["ProtoCodec", "RPCCore"], exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        .target(
            name: "TaskService",
            dependencies: [
                "PinitProtos", "RPCCore", "ProtoCodec", "PostgresClient",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "NotificationService",
            dependencies: [
                "PinitProtos", "RPCCore", "ProtoCodec", "PostgresClient", "PushCrypto",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]),
        // Web Push: message encryption (RFC 8291, aes128gcm), VAPID (RFC 8292) and the sender (RFC 8030).
        .target(name: "WebPush", dependencies: ["PushCrypto", "HTTPSClient", "NotificationService"]),
        // Firebase Cloud Messaging HTTP v1: service-account OAuth tokens and the sender.
        .target(name: "FCM", dependencies: ["PushCrypto", "HTTPSClient", "NotificationService"]),
        .executableTarget(
            name: "pinit",
            dependencies: [
                "TaskService", "NotificationService", "PinitProtos", "RPCCore", "HTTP2Transport", "GRPCHealth",
                "GRPCReflection",
                "WebPush", "FCM", "HTTPSClient", "PushCrypto", "PostgresClient", "LocalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // A grpcurl-compatible command-line client: list, describe, invoke (JSON), bench.
        .executableTarget(
            name: "rpccurl",
            dependencies: [
                "GRPCReflection", "HTTP2Transport", "RPCCore", "DynamicProto", "ProtoJSON", "ProtoParser",
                "ProtoDescriptors", "ProtoCodec", "TLSEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "interop-server",
            dependencies: [
                "InteropTesting", "RPCCore", "HTTP2Transport", "TLSEngine", "GRPCReflection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "interop-client",
            dependencies: [
                "InteropTesting", "RPCCore", "HTTP2Transport", "TLSEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Test support

        // Runs protoc, Python peers, PostgreSQL and other tools for the tests that compare against
        // them. A test target (with no tests of its own), so that `swift build` leaves it out.
        .testTarget(
            name: "ProtocSupport",
            dependencies: [
                "LocalPostgres", "PushCrypto",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/ProtocSupport", exclude: ["Python"]),
        // The server rpccurl's tests call (every streaming kind, metadata, errors, reflection),
        // run inside the test process. A test target too, so that `swift build` leaves it out.
        .testTarget(
            name: "RPCCurlTestService",
            dependencies: ["GRPCReflection", "HTTP2Transport", "RPCCore", "ProtoCodec", "TLSEngine"],
            path: "Tests/RPCCurlTestService",
            exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),

        // MARK: Tests, in the order of the modules they test

        .testTarget(name: "CNGHTTP2Tests", dependencies: ["CNGHTTP2"]),
        .testTarget(
            name: "ProtoCodecTests",
            dependencies: ["ProtoCodec", "ProtocSupport"],
            exclude: ["Python", "proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        .testTarget(name: "ProtoDescriptorsTests", dependencies: ["ProtoDescriptors", "ProtocSupport"]),
        .testTarget(
            name: "ProtoParserTests", dependencies: ["ProtoParser", "ProtoDescriptors", "ProtocSupport"],
            exclude: ["Protos"]),
        // Also the plugin's demonstration: proto-swift.json lists the protos it generates.
        .testTarget(
            name: "SwiftEmitterTests",
            dependencies: [
                "SwiftEmitter", "ProtoDescriptors", "ProtoCodec", "RPCCore", "InProcessTransport", "ProtocSupport",
            ],
            exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        // Runs the built proto-swift (built for ProtoSwiftPlugin; a direct dependency on the
        // executable would link its objects into the test bundle twice).
        .testTarget(name: "ProtoSwiftTests", dependencies: ["ProtocSupport"]),
        .testTarget(
            name: "DynamicProtoTests",
            dependencies: ["DynamicProto", "ProtoCodec", "ProtoDescriptors", "ProtoParser", "ProtocSupport"],
            exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        .testTarget(
            name: "ProtoJSONTests",
            dependencies: ["ProtoJSON", "DynamicProto", "ProtoCodec", "ProtoParser", "ProtocSupport"],
            exclude: ["Python"]),
        .testTarget(
            name: "RPCCoreTests",
            dependencies: [
                "RPCCore", "InProcessTransport", "ProtoCodec", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "GRPCProtocolTests", dependencies: ["GRPCProtocol", "ProtocSupport"]),
        .testTarget(
            name: "ServiceConfigJSONTests",
            dependencies: ["ServiceConfigJSON", "RPCCore", "ProtoDescriptors", "ProtocSupport"]),
        .testTarget(name: "TLSEngineTests", dependencies: ["TLSEngine", "ProtocSupport"]),
        .testTarget(
            name: "HTTP2TransportTests",
            dependencies: [
                "HTTP2Transport", "RPCCore", "GRPCProtocol", "ProtoCodec", "TLSEngine", "ProtocSupport",
                "InteropTesting",
            ]),
        .testTarget(name: "InProcessTransportTests", dependencies: ["InProcessTransport"]),
        .testTarget(
            name: "GRPCReflectionTests",
            dependencies: [
                "GRPCReflection", "RPCCore", "InProcessTransport", "HTTP2Transport", "ProtoDescriptors", "ProtoCodec",
                "ProtocSupport", "InteropTesting", "GRPCHealth",
            ],
            exclude: ["Python"]),
        .testTarget(
            name: "GRPCHealthTests",
            dependencies: ["GRPCHealth", "RPCCore", "InProcessTransport", "HTTP2Transport", "ProtocSupport"],
            exclude: ["Python"]),
        // Drives the built interop-server and interop-client, and Python grpcio peers.
        .testTarget(
            name: "InteropTestingTests",
            dependencies: [
                "InteropTesting", "RPCCore", "ProtoCodec", "HTTP2Transport", "InProcessTransport", "ProtocSupport",
            ],
            exclude: ["Python"]),
        // Runs against a real PostgreSQL 15 cluster started in a temporary directory.
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "ProtocSupport"]),
        .testTarget(name: "PushCryptoTests", dependencies: ["PushCrypto"]),
        .testTarget(name: "HTTPSClientTests", dependencies: ["HTTPSClient", "ProtocSupport"], exclude: ["Python"]),
        .testTarget(
            name: "TaskServiceTests",
            dependencies: [
                "TaskService", "PinitProtos", "RPCCore", "InProcessTransport", "ProtocSupport", "PostgresClient",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "NotificationServiceTests",
            dependencies: [
                "NotificationService", "TaskService", "PinitProtos", "RPCCore", "InProcessTransport", "ProtocSupport",
                "PostgresClient", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "WebPushTests",
            dependencies: ["WebPush", "PushCrypto", "HTTPSClient", "NotificationService", "ProtocSupport"],
            exclude: ["Python"]),
        .testTarget(
            name: "FCMTests",
            dependencies: ["FCM", "PushCrypto", "HTTPSClient", "NotificationService", "ProtocSupport"],
            exclude: ["Python"]),
        // Kills and restarts the real pinit processes (built next to the test bundle).
        .testTarget(
            name: "PinitTests",
            dependencies: [
                "PinitProtos", "RPCCore", "HTTP2Transport", "ProtoCodec", "GRPCHealth", "ProtocSupport", "TLSEngine",
                "PushCrypto",
            ]),
        // Runs the built rpccurl as a process against our Echo server (in the test process) and a
        // grpcio server.
        .testTarget(
            name: "rpccurlTests", dependencies: ["ProtocSupport", "RPCCurlTestService", "HTTP2Transport", "TLSEngine"],
            exclude: ["Python"]),
    ],
    swiftLanguageModes: [.v6]
)
