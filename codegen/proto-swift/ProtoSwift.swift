import ArgumentParser
import Foundation
import ProtoCodec
import ProtoDescriptors
import ProtoParser
import SwiftEmitter

/// `proto-swift`: compiles .proto files to Swift, with protoc's flags.
@main
struct ProtoSwift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proto-swift",
        abstract: "Generate Swift messages, enums and services from .proto files.",
        discussion: """
            Flags follow protoc: proto-swift -I Protos --swift_out=Generated pinit/v1/task.proto
            Each FILE.proto becomes FILE.pb.swift with '/' replaced by '_' under --swift_out.
            """)

    @Option(
        name: [.customShort("I", allowingJoined: true), .customLong("proto_path")],
        help: ArgumentHelp("A directory to search for imports (repeatable).", valueName: "DIR"))
    var importPaths: [String] = []

    @Option(name: .customLong("swift_out"), help: ArgumentHelp("Write .pb.swift files here.", valueName: "DIR"))
    var swiftOut: String?

    @Option(
        name: .customLong("descriptor_set_out"),
        help: ArgumentHelp("Write a FileDescriptorSet of the inputs here.", valueName: "FILE"))
    var descriptorSetOut: String?

    @Flag(name: .customLong("include_imports"), help: "Put imported files in the descriptor set too.")
    var includeImports = false

    @Flag(name: .customLong("include_source_info"), help: "Keep source locations and comments in the descriptor set.")
    var includeSourceInfo = false

    @Option(
        name: .customLong("descriptor_set_in"),
        help: ArgumentHelp(
            "Read compiled files from this FileDescriptorSet instead of parsing .proto files.",
            valueName: "FILE"))
    var descriptorSetIn: String?

    @Argument(help: ArgumentHelp("The .proto files, relative to an import path.", valueName: "FILE.proto"))
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one .proto file.") }
        guard swiftOut != nil || descriptorSetOut != nil else {
            throw ValidationError("Nothing to do: give --swift_out or --descriptor_set_out.")
        }
    }

    func run() throws {
        do {
            let (compiled, requested) = try compile()
            if let swiftOut { try writeSwift(compiled, requested: requested, to: swiftOut) }
            if let descriptorSetOut { try writeDescriptorSet(compiled, requested: requested, to: descriptorSetOut) }
        } catch {
            FileHandle.standardError.write(Data((error.lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// Every file the inputs need (imports first), and the compiled names of the inputs.
    private func compile() throws(ToolFailure) -> (files: [FileDescriptorProto], requested: [String]) {
        if let descriptorSetIn {
            return (try DescriptorSetInput(path: descriptorSetIn).files(requested: files), files)
        }
        let input = ProtoFileInput(importPaths: importPaths.isEmpty ? ["."] : importPaths)
        return (try input.files(requested: files), files.map(input.compiledName))
    }

    private func writeSwift(
        _ compiled: [FileDescriptorProto], requested: [String], to directory: String
    ) throws(ToolFailure) {
        let emitter = SwiftEmitter(files: compiled)
        for name in requested {
            guard let file = compiled.first(where: { $0.name == name }) else {
                throw ToolFailure("\(name): not among the compiled files")
            }
            let source: String
            do {
                source = try emitter.generate(file)
            } catch {
                throw ToolFailure(error.description)
            }
            let path = directory + "/" + SwiftEmitter.outputPath(forProto: name)
            try OutputFile.write(Data(source.utf8), to: path)
        }
    }

    private func writeDescriptorSet(
        _ compiled: [FileDescriptorProto], requested: [String], to path: String
    ) throws(ToolFailure) {
        var set = FileDescriptorSet()
        set.file = compiled.filter { includeImports || requested.contains($0.name ?? "") }.map { file in
            var file = file
            if !includeSourceInfo { file.sourceCodeInfo = nil }
            return file
        }
        try OutputFile.write(set.serializedData(), to: path)
    }
}
