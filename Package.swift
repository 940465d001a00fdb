// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-rpc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HTTP2Transport", targets: ["HTTP2Transport"]),
        .library(name: "ProtoCodec", targets: ["ProtoCodec"]),
        .library(name: "RPCCore", targets: ["RPCCore"]),
        .library(name: "GRPCProtocol", targets: ["GRPCProtocol"]),
        .library(name: "InProcessTransport", targets: ["InProcessTransport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // Codec runtime: messages, wire format, well-known types.
        .target(name: "ProtoCodec"),

        // libnghttp2, the C HTTP/2 library under the transport.
        .systemLibrary(
            name: "CNGHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]),

        // epoll, eventfd and accept4, which Swift's Glibc module leaves out.
        .systemLibrary(name: "CLinuxEvents"),

        // gRPC over HTTP/2 on libnghttp2: event loops, sockets, client and server transports.
        .target(
            name: "HTTP2Transport",
            dependencies: [
                "CNGHTTP2", "CLinuxEvents", "RPCCore", "GRPCProtocol",
                .product(name: "Logging", package: "swift-log"),
            ]),

        // RPC core: metadata, status, calls, the transport protocols.
        .target(name: "RPCCore", dependencies: [
            "ProtoCodec",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // gRPC-over-HTTP/2 rules as pure state machines (no I/O).
        .target(name: "GRPCProtocol", dependencies: ["RPCCore"]),
        // Both transport protocols inside one process, for tests and embedding.
        .target(name: "InProcessTransport", dependencies: ["RPCCore"]),

        .testTarget(name: "ProtoCodecTests", dependencies: ["ProtoCodec"]),
        .testTarget(name: "CNGHTTP2Tests", dependencies: ["CNGHTTP2"]),
        .testTarget(name: "HTTP2TransportTests", dependencies: ["HTTP2Transport", "RPCCore", "GRPCProtocol", "ProtoCodec"]),
        .testTarget(name: "RPCCoreTests", dependencies: [
            "RPCCore", "InProcessTransport", "ProtoCodec", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "GRPCProtocolTests", dependencies: ["GRPCProtocol"]),
        .testTarget(name: "InProcessTransportTests", dependencies: ["InProcessTransport"]),
    ],
    swiftLanguageModes: [.v6]
)
