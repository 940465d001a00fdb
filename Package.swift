// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-rpc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ProtoCodec", targets: ["ProtoCodec"]),
        .library(name: "ProtoDescriptors", targets: ["ProtoDescriptors"]),
    ],
    targets: [
        // Codec runtime: messages, wire format, well-known types.
        .target(name: "ProtoCodec"),

        // Swift types for google/protobuf/descriptor.proto (reflection, code generation).
        .target(name: "ProtoDescriptors", dependencies: ["ProtoCodec"]),

        // libnghttp2, the C HTTP/2 library under the transport.
        .systemLibrary(
            name: "CNGHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]),

        .testTarget(
            name: "ProtoCodecTests",
            dependencies: ["ProtoCodec"],
            exclude: ["Python"]),
        .testTarget(name: "ProtoDescriptorsTests", dependencies: ["ProtoDescriptors"]),

        // .proto parser and linker producing FileDescriptorProto, checked against protoc.
        .target(name: "ProtoParser", dependencies: ["ProtoCodec", "ProtoDescriptors"], path: "codegen/ProtoParser"),
        .testTarget(name: "ProtoParserTests", dependencies: ["ProtoParser", "ProtoDescriptors"], exclude: ["Protos"]),
    ],
    swiftLanguageModes: [.v6]
)
