// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Greeter",
    platforms: [.macOS(.v15)],
    dependencies: [
        // `name:` makes `package: "swift-rpc"` below work whatever the checkout's folder is called.
        .package(name: "swift-rpc", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The code generated from Protos/greeter/v1/greeter.proto, and the service's implementation.
        .target(
            name: "Greeter",
            dependencies: [
                .product(name: "ProtoCodec", package: "swift-rpc"),
                .product(name: "RPCCore", package: "swift-rpc"),
            ],
            exclude: ["proto-swift.json"],
            plugins: [.plugin(name: "ProtoSwiftPlugin", package: "swift-rpc")]),
        .executableTarget(
            name: "greeter-server",
            dependencies: [
                "Greeter",
                .product(name: "RPCCore", package: "swift-rpc"),
                .product(name: "HTTP2Transport", package: "swift-rpc"),
                .product(name: "GRPCHealth", package: "swift-rpc"),
                .product(name: "GRPCReflection", package: "swift-rpc"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "greeter-client",
            dependencies: [
                "Greeter",
                .product(name: "RPCCore", package: "swift-rpc"),
                .product(name: "HTTP2Transport", package: "swift-rpc"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
