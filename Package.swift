// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-rpc",
    platforms: [.macOS(.v15)],
    products: [
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
        .testTarget(name: "RPCCoreTests", dependencies: [
            "RPCCore", "InProcessTransport", "ProtoCodec", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "GRPCProtocolTests", dependencies: ["GRPCProtocol"]),
        .testTarget(name: "InProcessTransportTests", dependencies: ["InProcessTransport"]),
    ],
    swiftLanguageModes: [.v6]
)
