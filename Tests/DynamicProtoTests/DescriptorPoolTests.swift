import DynamicProto
import ProtoDescriptors
import ProtocSupport
import Testing

@Suite("DescriptorPool")
struct DescriptorPoolTests {
    let pool: DescriptorPool

    init() throws {
        pool = try Fixtures.pool([Fixtures.testMessagesFile, "grpc/health/v1/health.proto"])
    }

    @Test("resolves messages and nested types by fully qualified name, with or without a leading dot")
    func resolvesNestedTypes() throws {
        let message = try #require(pool.message(named: "codectest.TestAllTypes"))
        #expect(message.fileName == "codectest/test_messages.proto")
        #expect(pool.message(named: ".codectest.TestAllTypes.NestedMessage")?.fields.map(\.name) == ["a", "b"])
        #expect(pool.message(named: "codectest.NestedMessage") == nil)
        let field = try #require(message.field(named: "singular_nested_message"))
        #expect(field.type == .message && field.typeName == "codectest.TestAllTypes.NestedMessage")
        #expect(message.field(number: 18)?.typeName == "codectest.TestAllTypes")
    }

    @Test("enums map names to numbers and numbers to the first name")
    func enums() throws {
        let nested = try #require(pool.enumType(named: "codectest.TestAllTypes.NestedEnum"))
        #expect(nested.number(named: "NEG") == -1)
        #expect(nested.name(for: 2) == "BAR")
        #expect(nested.name(for: 99) == nil)
    }

    @Test("map fields know their entry's key and value; the entry type is marked")
    func maps() throws {
        let message = try #require(pool.message(named: "codectest.TestAllTypes"))
        let field = try #require(message.field(named: "map_int64_nested_message"))
        #expect(field.isMap && field.isRepeated)
        #expect(field.mapEntry?.key.type == .int64)
        #expect(field.mapEntry?.value.typeName == "codectest.TestAllTypes.NestedMessage")
        #expect(pool.message(named: field.typeName ?? "")?.isMapEntry == true)
        #expect(message.field(named: "repeated_nested_message")?.isMap == false)
    }

    @Test("real oneofs are listed, proto3 optional gets presence but no oneof")
    func oneofsAndPresence() throws {
        let message = try #require(pool.message(named: "codectest.TestAllTypes"))
        #expect(message.oneofs.map(\.name) == ["oneof_field"])
        #expect(message.oneofs.first?.fieldNumbers == [111, 112, 113, 114, 115])
        let optional = try #require(message.field(named: "optional_int32"))
        #expect(optional.hasPresence && optional.isProto3Optional && optional.oneofIndex == nil)
        #expect(message.field(named: "oneof_string")?.oneofIndex == 0)
        #expect(message.field(named: "singular_int32")?.hasPresence == false)
        #expect(message.field(named: "singular_nested_message")?.hasPresence == true)
        #expect(message.field(named: "repeated_int32")?.isPacked == true)
        #expect(message.field(named: "repeated_string")?.isPacked == false)
    }

    @Test("JSON names are lowerCamelCase and both spellings find the field")
    func jsonNames() throws {
        let message = try #require(pool.message(named: "codectest.TestAllTypes"))
        #expect(message.field(jsonName: "singularNestedEnum")?.number == 16)
        #expect(message.field(named: "singular_nested_enum")?.jsonName == "singularNestedEnum")
    }

    @Test("services and methods are found by every spelling rpccurl accepts")
    func servicesAndMethods() throws {
        #expect(pool.serviceNames == ["grpc.health.v1.Health"])
        let service = try #require(pool.service(named: "grpc.health.v1.Health"))
        #expect(service.methods.map(\.name) == ["Check", "Watch"])
        let watch = try #require(pool.method(named: "grpc.health.v1.Health.Watch"))
        #expect(watch.serverStreaming && !watch.clientStreaming)
        #expect(watch.inputType == "grpc.health.v1.HealthCheckRequest")
        #expect(watch.path == "/grpc.health.v1.Health/Watch")
        #expect(pool.method(named: "/grpc.health.v1.Health/Check")?.fullName == "grpc.health.v1.Health.Check")
        #expect(pool.method(named: "grpc.health.v1.Health/Check")?.outputType == "grpc.health.v1.HealthCheckResponse")
        #expect(pool.method(named: "grpc.health.v1.Health.Nope") == nil)
    }

    @Test("the file containing a symbol is found for messages, nested enums, values, fields, methods")
    func fileContainingSymbol() {
        let health = "grpc/health/v1/health.proto"
        #expect(pool.file(containingSymbol: "grpc.health.v1.Health")?.name == health)
        #expect(pool.file(containingSymbol: "grpc.health.v1.Health.Check")?.name == health)
        #expect(pool.file(containingSymbol: "grpc.health.v1.HealthCheckResponse.ServingStatus")?.name == health)
        #expect(pool.file(containingSymbol: "grpc.health.v1.HealthCheckResponse.SERVING")?.name == health)
        #expect(pool.file(containingSymbol: "codectest.TestAllTypes.singular_int32")?.name == Fixtures.testMessagesFile)
        #expect(pool.file(containingSymbol: "codectest.Missing") == nil)
        #expect(pool.file(named: health)?.package == "grpc.health.v1")
    }

    @Test("a symbol defined twice is an error naming it and both files")
    func duplicateSymbol() throws {
        var file = FileDescriptorProto()
        file.name = "a.proto"
        file.package = "dup"
        var message = DescriptorProto()
        message.name = "M"
        file.messageType = [message]
        var second = file
        second.name = "b.proto"
        #expect(throws: DescriptorPoolError(file: "b.proto", message: "\"dup.M\" is already defined in a.proto")) {
            try DescriptorPool(files: [file, second])
        }
    }

    @Test("a field whose type is not in the files is an error naming the field")
    func unresolvedType() throws {
        var field = FieldDescriptorProto()
        field.name = "x"
        field.number = 1
        field.type = .message
        field.typeName = ".missing.Type"
        var message = DescriptorProto()
        message.name = "M"
        message.field = [field]
        var file = FileDescriptorProto()
        file.name = "a.proto"
        file.messageType = [message]
        #expect(
            throws: DescriptorPoolError(file: "a.proto", message: "field M.x has unresolved type \".missing.Type\"")
        ) {
            try DescriptorPool(files: [file])
        }
    }

    @Test("a pool reads protoc's --descriptor_set_out, and finds the same services")
    func fromDescriptorSet() async throws {
        let bytes = try await Protoc.descriptorSet(["grpc/health/v1/health.proto"])
        let fromSet = try DescriptorPool(fileDescriptorSet: bytes)
        #expect(fromSet.serviceNames == ["grpc.health.v1.Health"])
        #expect(fromSet.method(named: "grpc.health.v1.Health.Check")?.inputType == "grpc.health.v1.HealthCheckRequest")
    }

    @Test("a file with its imports comes dependencies first, each once, as reflection serves them")
    func fileWithDependencies() throws {
        let pool = try Fixtures.pool(["jsontest/json_test.proto"])
        let file = try #require(pool.file(named: "jsontest/json_test.proto"))
        let names = pool.fileWithDependencies(file).map { $0.name ?? "" }
        #expect(names.last == "jsontest/json_test.proto")
        #expect(Set(names).count == names.count && names.count == 8)
        #expect(names.contains("google/protobuf/struct.proto"))
        #expect(pool.messageNames.contains("google.protobuf.Struct.FieldsEntry"))
    }
}
