// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-rpc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HTTP2Transport", targets: ["HTTP2Transport"]),
        .library(name: "ProtoCodec", targets: ["ProtoCodec"]),
        .library(name: "ProtoDescriptors", targets: ["ProtoDescriptors"]),
        .executable(name: "proto-swift", targets: ["proto-swift"]),
        .plugin(name: "ProtoSwiftPlugin", targets: ["ProtoSwiftPlugin"]),
        .library(name: "RPCCore", targets: ["RPCCore"]),
        .library(name: "GRPCProtocol", targets: ["GRPCProtocol"]),
        .library(name: "InProcessTransport", targets: ["InProcessTransport"]),
        .library(name: "DynamicProto", targets: ["DynamicProto"]),
        .library(name: "ProtoJSON", targets: ["ProtoJSON"]),
        .library(name: "GRPCReflection", targets: ["GRPCReflection"]),
        .executable(name: "rpccurl", targets: ["rpccurl"]),
        .executable(name: "pinit", targets: ["pinit"]),
        .library(name: "GRPCHealth", targets: ["GRPCHealth"]),
        .library(name: "InteropTesting", targets: ["InteropTesting"]),
        .executable(name: "interop-server", targets: ["interop-server"]),
        .executable(name: "interop-client", targets: ["interop-client"]),
        .library(name: "TLSEngine", targets: ["TLSEngine"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
        .library(name: "ServiceConfigJSON", targets: ["ServiceConfigJSON"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Codec runtime: messages, wire format, well-known types.
        .target(name: "ProtoCodec"),

        // Swift types for google/protobuf/descriptor.proto (reflection, code generation).
        .target(name: "ProtoDescriptors", dependencies: ["ProtoCodec"]),

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

        // libnghttp2, the C HTTP/2 library under the transport.
        .systemLibrary(
            name: "CNGHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]),

        .testTarget(
            name: "ProtoCodecTests",
            dependencies: ["ProtoCodec", "ProtocSupport"],
            exclude: ["Python", "proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        .testTarget(name: "ProtoDescriptorsTests", dependencies: ["ProtoDescriptors", "ProtocSupport"]),
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
        // Runs protoc and other tools for the tests that compare against them.
        .target(
            name: "ProtocSupport",
            dependencies: [
                "LocalPostgres", "PushCrypto",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/ProtocSupport", exclude: ["Python"]),

        // .proto parser and linker producing FileDescriptorProto, checked against protoc.
        .target(name: "ProtoParser", dependencies: ["ProtoCodec", "ProtoDescriptors"], path: "codegen/ProtoParser"),
        .testTarget(
            name: "ProtoParserTests", dependencies: ["ProtoParser", "ProtoDescriptors", "ProtocSupport"],
            exclude: ["Protos"]),
        // epoll, eventfd and accept4, which Swift's Glibc module leaves out.
        .systemLibrary(name: "CLinuxEvents"),

        // gRPC over HTTP/2 on libnghttp2: event loops, sockets, client and server transports.
        .target(
            name: "HTTP2Transport",
            dependencies: [
                "CNGHTTP2", "CLinuxEvents", "RPCCore", "GRPCProtocol", "TLSEngine",
                .product(name: "Logging", package: "swift-log"),
            ]),

        // RPC core: metadata, status, calls, the transport protocols.
        .target(name: "RPCCore", dependencies: [
            "ProtoCodec",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // gRPC-over-HTTP/2 rules as pure state machines (no I/O).
        .target(name: "GRPCProtocol", dependencies: ["RPCCore", "CZlib", "ProtoCodec"]),
        // zlib, for the gzip and deflate message encodings.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Both transport protocols inside one process, for tests and embedding.
        .target(name: "InProcessTransport", dependencies: ["RPCCore"]),

        .testTarget(name: "RPCCoreTests", dependencies: [
            "RPCCore", "InProcessTransport", "ProtoCodec", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "CNGHTTP2Tests", dependencies: ["CNGHTTP2"]),
        .testTarget(
            name: "HTTP2TransportTests",
            dependencies: ["HTTP2Transport", "RPCCore", "GRPCProtocol", "ProtoCodec", "TLSEngine", "ProtocSupport"]),
        .testTarget(name: "InProcessTransportTests", dependencies: ["InProcessTransport"]),
        .testTarget(name: "GRPCProtocolTests", dependencies: ["GRPCProtocol", "ProtocSupport"]),

        // Messages known only at run time (descriptor pool, dynamic messages, text format).
        .target(name: "DynamicProto", dependencies: ["ProtoCodec", "ProtoDescriptors"]),
        // The proto3 JSON mapping for dynamic messages.
        .target(name: "ProtoJSON", dependencies: ["DynamicProto", "ProtoCodec", "ProtoDescriptors"]),
        .testTarget(
            name: "DynamicProtoTests",
            dependencies: ["DynamicProto", "ProtoCodec", "ProtoDescriptors", "ProtoParser", "ProtocSupport"],
            exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        .testTarget(
            name: "ProtoJSONTests",
            dependencies: ["ProtoJSON", "DynamicProto", "ProtoCodec", "ProtoParser", "ProtocSupport"],
            exclude: ["Python"]),

        // gRPC server reflection (v1 and v1alpha) over generated files' descriptors.
        .target(
            name: "GRPCReflection", dependencies: ["RPCCore", "ProtoCodec", "ProtoDescriptors"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
        .testTarget(
            name: "GRPCReflectionTests",
            dependencies: [
                "GRPCReflection", "RPCCore", "InProcessTransport", "HTTP2Transport", "ProtoDescriptors", "ProtoCodec",
                "ProtocSupport", "InteropTesting", "GRPCHealth",
            ],
            exclude: ["Python"]),
        // A grpcurl-compatible command-line client: list, describe, invoke (JSON), bench.
        .executableTarget(
            name: "rpccurl",
            dependencies: [
                "GRPCReflection", "HTTP2Transport", "RPCCore", "DynamicProto", "ProtoJSON", "ProtoParser",
                "ProtoDescriptors", "ProtoCodec", "TLSEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The server rpccurl's tests call: every streaming kind, metadata, errors, reflection.
        .executableTarget(
            name: "rpccurl-test-server",
            dependencies: ["GRPCReflection", "HTTP2Transport", "RPCCore", "ProtoCodec", "TLSEngine"],
            path: "Tests/rpccurlTestServer",
            exclude: ["proto-swift.json"],
            plugins: ["ProtoSwiftPlugin"]),
        // Runs the built rpccurl and rpccurl-test-server (and a grpcio server) as processes.
        .testTarget(name: "rpccurlTests", dependencies: ["ProtocSupport"], exclude: ["Python"]),
        // pinit: the task and notification services (issue 6) and their generated protos.
        // gRPC's service config in its JSON form, read against our copy of its proto.
        .target(name: "ServiceConfigJSON", dependencies: ["RPCCore", "ProtoJSON", "DynamicProto", "ProtoCodec", "ProtoDescriptors"],
                exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
        .testTarget(name: "ServiceConfigJSONTests", dependencies: ["ServiceConfigJSON", "RPCCore", "ProtoDescriptors", "ProtocSupport"]),
        .target(name: "PinitProtos", dependencies: ["ProtoCodec", "RPCCore"], exclude: ["proto-swift.json"],
                plugins: ["ProtoSwiftPlugin"]),
        .target(name: "TaskService", dependencies: [
            "PinitProtos", "RPCCore", "ProtoCodec", "PostgresClient",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "NotificationService", dependencies: [
            "PinitProtos", "RPCCore", "ProtoCodec", "PostgresClient", "PushCrypto",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "pinit", dependencies: [
            "WebPush", "FCM", "HTTPSClient", "PushCrypto",
            "TaskService", "NotificationService", "PinitProtos", "RPCCore", "HTTP2Transport", "GRPCHealth", "GRPCReflection",
            "PostgresClient", "LocalPostgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "TaskServiceTests", dependencies: [
            "TaskService", "PinitProtos", "RPCCore", "InProcessTransport", "ProtocSupport", "PostgresClient",
            .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "NotificationServiceTests", dependencies: [
            "NotificationService", "TaskService", "PinitProtos", "RPCCore", "InProcessTransport", "ProtocSupport",
            "PostgresClient", .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Kills and restarts the real pinit processes (built next to the test bundle).
        .testTarget(name: "PinitTests", dependencies: [
            "PinitProtos", "RPCCore", "HTTP2Transport", "ProtoCodec", "GRPCHealth", "ProtocSupport", "TLSEngine", "PushCrypto",
        ]),

        // grpc.health.v1.Health: per-service serving status, Check and Watch.
        .target(
            name: "GRPCHealth", dependencies: ["RPCCore", "ProtoCodec"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
        .testTarget(
            name: "GRPCHealthTests",
            dependencies: ["GRPCHealth", "RPCCore", "InProcessTransport", "HTTP2Transport", "ProtocSupport"],
            exclude: ["Python"]),

        // The gRPC interop test service and client test cases (grpc/testing/*.proto).
        .target(
            name: "InteropTesting", dependencies: ["RPCCore", "ProtoCodec"],
            exclude: ["proto-swift.json"], plugins: ["ProtoSwiftPlugin"]),
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
        // Drives the built interop-server and interop-client, and Python grpcio peers.
        .testTarget(
            name: "InteropTestingTests",
            dependencies: ["InteropTesting", "RPCCore", "ProtoCodec", "HTTP2Transport", "InProcessTransport", "ProtocSupport"],
            exclude: ["Python"]),

        // OpenSSL 3 (libssl-dev), the TLS library under TLSEngine.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // TLS over memory buffers (handshake, ALPN h2, certificates, mTLS) for the HTTP/2 transport.
        .target(name: "TLSEngine", dependencies: ["COpenSSL"]),
        .testTarget(name: "TLSEngineTests", dependencies: ["TLSEngine", "ProtocSupport"]),

        // Keys, ECDH, HKDF, AES-128-GCM and JWT signatures on OpenSSL 3's EVP API, for push delivery.
        .target(name: "PushCrypto", dependencies: ["COpenSSL"]),
        .testTarget(name: "PushCryptoTests", dependencies: ["PushCrypto"]),
        // Web Push: message encryption (RFC 8291, aes128gcm), VAPID (RFC 8292) and the sender (RFC 8030).
        .target(name: "WebPush", dependencies: [
            "PushCrypto", "HTTPSClient", "NotificationService",
        ]),
        .testTarget(
            name: "WebPushTests", dependencies: ["WebPush", "PushCrypto", "HTTPSClient", "NotificationService", "ProtocSupport"],
            exclude: ["Python"]),
        // Firebase Cloud Messaging HTTP v1: service-account OAuth tokens and the sender.
        .target(name: "FCM", dependencies: ["PushCrypto", "HTTPSClient", "NotificationService"]),
        .testTarget(
            name: "FCMTests", dependencies: ["FCM", "PushCrypto", "HTTPSClient", "NotificationService", "ProtocSupport"],
            exclude: ["Python"]),
        // libcurl (libcurl4-openssl-dev), the HTTP client under HTTPSClient.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // HTTPS POSTs to push providers on libcurl, trusting the system's CAs or a given CA file.
        .target(name: "HTTPSClient", dependencies: ["CCurl"]),
        .testTarget(name: "HTTPSClientTests", dependencies: ["HTTPSClient", "ProtocSupport"], exclude: ["Python"]),

        // libpq (libpq-dev), PostgreSQL's C client library under PostgresClient.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // An async PostgreSQL client on libpq's non-blocking API: connections, pool, LISTEN/NOTIFY.
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "CLinuxEvents"]),
        // A throwaway PostgreSQL cluster in a directory (initdb, pg_ctl) for tests, demos and benchmarks.
        .target(name: "LocalPostgres"),
        // Runs against a real PostgreSQL 15 cluster started in a temporary directory.
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "ProtocSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
