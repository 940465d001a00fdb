import Foundation
import ProtoDescriptors

/// Compiled files read from a FileDescriptorSet (`protoc --descriptor_set_out
/// --include_imports`), in place of parsing .proto files.
struct DescriptorSetInput {
    /// The set's path.
    let path: String

    /// The set's files in dependency order, checking that every requested file is there.
    func files(requested: [String]) throws(ToolFailure) -> [FileDescriptorProto] {
        let set: FileDescriptorSet
        do {
            set = try FileDescriptorSet(serializedData: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ToolFailure("\(path): cannot read descriptor set: \(error)")
        }
        let missing = requested.filter { name in !set.file.contains { $0.name == name } }
        guard missing.isEmpty else {
            throw ToolFailure(lines: missing.map { "\($0): not in descriptor set \(path)" })
        }
        return set.file
    }
}
