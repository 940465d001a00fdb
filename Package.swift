// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-rpc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ProtoCodec", targets: ["ProtoCodec"]),
    ],
    targets: [
        // Codec runtime: messages, wire format, well-known types.
        .target(name: "ProtoCodec"),

        // libnghttp2, the C HTTP/2 library under the transport.
        .systemLibrary(
            name: "CNGHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]),

        .testTarget(
            name: "ProtoCodecTests",
            dependencies: ["ProtoCodec"],
            exclude: ["Python"]),
    ],
    swiftLanguageModes: [.v6]
)
