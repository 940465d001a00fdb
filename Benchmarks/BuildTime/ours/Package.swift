// swift-tools-version:6.1
// Build-time contender A: this repository's ProtoSwiftPlugin. measure.sh copies this package
// to a temporary directory and replaces REPO_PATH and REPO_NAME with the repository's.
import PackageDescription

let package = Package(
    name: "buildtime-ours",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "REPO_PATH")],
    targets: [
        .executableTarget(
            name: "greeter",
            dependencies: [
                .product(name: "RPCCore", package: "REPO_NAME"),
                .product(name: "ProtoCodec", package: "REPO_NAME"),
            ],
            exclude: ["proto-swift.json"],
            plugins: [.plugin(name: "ProtoSwiftPlugin", package: "REPO_NAME")])
    ],
    swiftLanguageModes: [.v6]
)
