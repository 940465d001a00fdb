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

        // The benchmark's own safeguards: the cross-check and the digest check.
        .testTarget(name: "CodecBenchTests", dependencies: ["codec-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
