import ProtoCodec
import ProtoDescriptors

/// Writes the file's descriptor (without source info) as a byte array, for reflection, with
/// the descriptors of every file it imports so a reflection server can answer for them too.
enum DescriptorEmbedding {
    /// Writes `enum <File>_FileDescriptor { fileName; serialized; dependencies }` for `file`;
    /// `dependencies` are its transitive imports, dependencies first.
    static func emit(_ file: FileDescriptorProto, dependencies: [FileDescriptorProto], into source: inout SwiftSource) {
        let fileName = file.name ?? ""
        source.line("/// The descriptor of `\(fileName)`, for reflection.")
        source.block("public enum \(SwiftNaming.fileDescriptorTypeName(of: fileName))") { body in
            body.line("/// The file's path as imports name it.")
            body.line("public static let fileName = \(SwiftNaming.stringLiteral(fileName))")
            body.line("/// The serialized `google.protobuf.FileDescriptorProto`, without source info.")
            body.line("public static let serialized: [UInt8] = [")
            byteRows(of: file, into: &body, indent: "    ")
            body.line("]")
            body.line("/// The serialized descriptors of every file this one imports, directly or not,")
            body.line("/// each before the files that import it (without source info).")
            body.line("public static let dependencies: [[UInt8]] = [")
            for dependency in dependencies {
                body.line("    // \(dependency.name ?? "")")
                body.line("    [")
                byteRows(of: dependency, into: &body, indent: "        ")
                body.line("    ],")
            }
            body.line("]")
        }
    }

    /// The file's serialized descriptor without source info, as rows of 16 hex literals.
    private static func byteRows(of file: FileDescriptorProto, into source: inout SwiftSource, indent: String) {
        var stripped = file
        stripped.sourceCodeInfo = nil
        let bytes = stripped.serializedBytes()
        var index = 0
        while index < bytes.count {
            let row = bytes[index..<min(index + 16, bytes.count)]
            source.line(
                indent
                    + row.map { byte in
                        let hex = String(byte, radix: 16, uppercase: true)
                        return "0x" + (hex.count == 1 ? "0" + hex : hex) + ","
                    }.joined(separator: " "))
            index += 16
        }
    }
}
