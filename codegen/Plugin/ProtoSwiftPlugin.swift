import Foundation
import PackagePlugin

/// Generates Swift for a target's .proto files at build time with `proto-swift`.
///
/// The target lists its protos in `proto-swift.json` in its own directory:
///
/// ```json
/// { "protos": ["pinit/v1/task.proto"], "importPaths": ["/usr/include"] }
/// ```
///
/// `protos` are relative to the package's `Protos/` directory, which is always the first
/// import path; `importPaths` (optional) adds directories, relative to the package root or
/// absolute. The build reruns the generator whenever the configuration or any .proto file
/// under an import path inside the package changes.
@main
struct ProtoSwiftPlugin: BuildToolPlugin {
    /// The build command that generates one `.pb.swift` per configured proto.
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let configURL = target.directoryURL.appending(path: PluginConfiguration.fileName)
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw PluginConfiguration.Failure("\(target.name) uses ProtoSwiftPlugin but has no \(configURL.path)")
        }
        let configuration = try PluginConfiguration(contentsOf: configURL)
        let packageRoot = context.package.directoryURL
        let importPaths =
            [packageRoot.appending(path: "Protos")]
            + configuration.importPaths.map { path in
                path.hasPrefix("/") ? URL(fileURLWithPath: path) : packageRoot.appending(path: path)
            }
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let outputs = configuration.protos.map { proto in
            outputDirectory.appending(path: Self.outputName(forProto: proto))
        }
        let packageImports = importPaths.filter { $0.path.hasPrefix(packageRoot.path) }
        let inputs = [configURL] + packageImports.flatMap(Self.protoFiles(under:))
        var arguments = importPaths.map { "-I\($0.path)" }
        arguments.append("--swift_out=\(outputDirectory.path)")
        arguments += configuration.protos
        return [
            .buildCommand(
                displayName: "Generating Swift for \(configuration.protos.count) .proto file(s) of \(target.name)",
                executable: try context.tool(named: "proto-swift").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: outputs)
        ]
    }

    /// proto-swift's output name: `pinit/v1/task.proto` → `pinit_v1_task.pb.swift`.
    static func outputName(forProto proto: String) -> String {
        let stem = proto.hasSuffix(".proto") ? String(proto.dropLast(6)) : proto
        return stem.split(separator: "/").joined(separator: "_") + ".pb.swift"
    }

    /// Every .proto file under `directory`, so that editing any of them (an import included)
    /// reruns the generator.
    static func protoFiles(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "proto" }
    }
}
