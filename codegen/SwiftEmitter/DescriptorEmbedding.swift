import ProtoCodec
import ProtoDescriptors

/// Writes the file's descriptor (without source info) as a byte array, for reflection.
enum DescriptorEmbedding {
    /// Writes `enum <File>_FileDescriptor { fileName; serialized }` for `file`.
    static func emit(_ file: FileDescriptorProto, into source: inout SwiftSource) {
        var stripped = file
        stripped.sourceCodeInfo = nil
        let bytes = stripped.serializedBytes()
        let fileName = file.name ?? ""
        source.line("/// The descriptor of `\(fileName)`, for reflection.")
        source.block("public enum \(SwiftNaming.fileDescriptorTypeName(of: fileName))") { body in
            body.line("/// The file's path as imports name it.")
            body.line("public static let fileName = \(SwiftNaming.stringLiteral(fileName))")
            body.line("/// The serialized `google.protobuf.FileDescriptorProto`, without source info.")
            body.line("public static let serialized: [UInt8] = [")
            var index = 0
            while index < bytes.count {
                let row = bytes[index..<min(index + 16, bytes.count)]
                body.line("    " + row.map { byte in
                    let hex = String(byte, radix: 16, uppercase: true)
                    return "0x" + (hex.count == 1 ? "0" + hex : hex) + ","
                }.joined(separator: " "))
                index += 16
            }
            body.line("]")
        }
    }
}
