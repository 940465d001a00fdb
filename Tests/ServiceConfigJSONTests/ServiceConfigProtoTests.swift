import Foundation
import ProtoDescriptors
import ProtocSupport
import Testing

/// Our service_config.proto is a subset of grpc-proto's (Debian's copy, compiled by protoc):
/// every message and field it declares exists there with the same number and JSON name, and
/// the same type except where the file says why it differs.
@Suite("service_config.proto against grpc-proto's")
struct ServiceConfigProtoTests {
    static let file = "grpc/service_config/service_config.proto"
    /// Fields declared as strings here (the JSON form they are written in) and as enums there.
    static let retyped: Set<String> = [
        "ServiceConfig.load_balancing_policy", "MethodConfig.RetryPolicy.retryable_status_codes",
        "MethodConfig.HedgingPolicy.non_fatal_status_codes",
    ]

    /// Every field of `messages` (nested ones included) keyed by `Message.Nested.field`.
    private func fields(of messages: [DescriptorProto], scope: String = "") -> [String: FieldDescriptorProto] {
        var all: [String: FieldDescriptorProto] = [:]
        for message in messages {
            let name = scope + (message.name ?? "")
            for field in message.field { all[name + "." + (field.name ?? "")] = field }
            all.merge(fields(of: message.nestedType, scope: name + "."), uniquingKeysWith: { first, _ in first })
        }
        return all
    }

    private func compiled(importPaths: [String]) async throws -> [String: FieldDescriptorProto] {
        let set = try FileDescriptorSet(
            serializedBytes: try await Protoc.descriptorSet([Self.file], importPaths: importPaths))
        return fields(of: try #require(set.file.last { $0.name == Self.file }).messageType)
    }

    @Test("every field we declare is grpc-proto's, with its number, JSON name and type")
    func subsetOfGRPCProto() async throws {
        let parserProtos = URL(fileURLWithPath: Protoc.protosDirectory).deletingLastPathComponent()
            .appendingPathComponent("Tests/ProtoParserTests/Protos").path
        let theirs = try await compiled(importPaths: ["/usr/share/grpc-proto", parserProtos, "/usr/include"])
        let ours = try await compiled(importPaths: [Protoc.protosDirectory, "/usr/include"])
        #expect(ours.count >= 20)
        for (name, field) in ours.sorted(by: { $0.key < $1.key }) {
            guard let their = theirs[name] else {
                Issue.record("\(name) is not in grpc-proto's service_config.proto")
                continue
            }
            #expect(field.number == their.number, "\(name)")
            #expect(field.jsonName == their.jsonName, "\(name)")
            #expect(field.label == their.label, "\(name)")
            if !Self.retyped.contains(name) {
                #expect(field.type == their.type, "\(name)")
                #expect(field.typeName == their.typeName, "\(name)")
            }
        }
    }
}
