// swift-tools-version:6.1
// Build-time contender B: grpc-swift 2 with grpc-swift-protobuf's own build plugin, which
// builds protoc, protoc-gen-swift and protoc-gen-grpc-swift-2 as a user's clean build would.
import PackageDescription

let package = Package(
    name: "buildtime-theirs",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        .executableTarget(
            name: "greeter",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            plugins: [.plugin(name: "GRPCProtobufGenerator", package: "grpc-swift-protobuf")])
    ],
    swiftLanguageModes: [.v6]
)
