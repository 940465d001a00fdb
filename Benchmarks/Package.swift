// swift-tools-version:6.1
// The codec benchmark: ProtoCodec against swift-protobuf on the same messages, in one run.
// A separate package so that the main package and CI never resolve or build swift-protobuf.
import PackageDescription

// A path dependency is named after its folder (`main`, `wt-bench`, ...), so take the name of
// the folder this package sits in rather than hard-coding one checkout's.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "")

let package = Package(
    name: "swift-rpc-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
    ],
    targets: [
        // Protos/codec_bench.proto as swift-protobuf's protoc-gen-swift 1.39.0 generates it.
        .target(
            name: "SwiftProtobufMessages",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),

        // The same messages for ProtoCodec, in the shape our generator emits.
        .target(
            name: "OurMessages",
            dependencies: [.product(name: "ProtoCodec", package: root)]),

        .executableTarget(
            name: "codec-bench",
            dependencies: [
                "OurMessages",
                "SwiftProtobufMessages",
                .product(name: "ProtoCodec", package: root),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),

        // What both stacks' RPC benchmark executables share: arguments, load loop, results.
        .target(name: "RPCBenchSupport"),

        // bench.BenchService (Protos/bench.proto) for grpc-swift 2, as protoc-gen-grpc-swift-2
        // 2.4.1 generates it (committed); its messages come from SwiftProtobufMessages.
        .target(
            name: "GRPCSwiftBenchService",
            dependencies: [
                "SwiftProtobufMessages", "RPCBenchSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ]),

        // grpc-swift 2's side of the RPC benchmark: server and load-generating client.
        .executableTarget(
            name: "grpc-swift-bench",
            dependencies: [
                "GRPCSwiftBenchService", "SwiftProtobufMessages", "RPCBenchSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]),

        // bench.BenchService for our stack, generated at build time by our ProtoSwiftPlugin.
        .target(
            name: "OurBenchService",
            dependencies: [
                "RPCBenchSupport",
                .product(name: "ProtoCodec", package: root),
                .product(name: "RPCCore", package: root),
            ],
            exclude: ["proto-swift.json"],
            plugins: [.plugin(name: "ProtoSwiftPlugin", package: root)]),

        // Our side of the RPC benchmark: server and load-generating client.
        .executableTarget(
            name: "our-rpc-bench",
            dependencies: [
                "OurBenchService", "RPCBenchSupport",
                .product(name: "RPCCore", package: root),
                .product(name: "HTTP2Transport", package: root),
            ]),

        // The benchmark's own safeguards: the cross-check and the digest check.
        .testTarget(name: "CodecBenchTests", dependencies: ["codec-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
