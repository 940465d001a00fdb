import GRPCReflection
import RPCCore
import Testing

@Suite("Reflection service, in process")
struct ReflectionServiceTests {
    @Test("list_services names the files' services and both reflection versions")
    func listsServices() async throws {
        let answers = try await ReflectionFixture.ask([.asking(.listServices(""))])
        guard case .listServicesResponse(let list)? = answers.first?.messageResponse else {
            Issue.record("not a list answer: \(answers)")
            return
        }
        #expect(
            list.service.map(\.name) == [
                "emittertest.v1.FeatureService", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            ])
    }

    @Test("file_by_filename answers the file first, then its transitive imports")
    func fileByName() async throws {
        let answers = try await ReflectionFixture.ask([
            .asking(.fileByFilename("emittertest/features.proto")),
            .asking(.fileByFilename("emittertest/prefixed.proto")),
        ])
        #expect(
            try ReflectionFixture.fileNames(answers[0]) == ["emittertest/features.proto", "emittertest/prefixed.proto"])
        #expect(try ReflectionFixture.fileNames(answers[1]) == ["emittertest/prefixed.proto"])
    }

    @Test(
        "file_containing_symbol finds services, methods, messages, nested messages, enums, enum values and fields",
        arguments: [
            "emittertest.v1.FeatureService", "emittertest.v1.FeatureService.Watch", "emittertest.v1.Features",
            "emittertest.v1.Features.Inner.Deeper", "emittertest.v1.Features.Level",
            "emittertest.v1.Features.LEVEL_HIGH",
            "emittertest.v1.Features.id", "emittertest.v1.Features.Inner.Deeper.note", ".emittertest.v1.Chain",
        ])
    func symbols(symbol: String) async throws {
        let answers = try await ReflectionFixture.ask([.asking(.fileContainingSymbol(symbol))])
        #expect(
            try ReflectionFixture.fileNames(answers[0]) == ["emittertest/features.proto", "emittertest/prefixed.proto"])
    }

    @Test("unknown files, symbols and extensions are NOT_FOUND error responses, and the stream goes on")
    func notFound() async throws {
        let answers = try await ReflectionFixture.ask([
            .asking(.fileByFilename("nope.proto")), .asking(.fileContainingSymbol("no.Such")),
            .asking(.fileContainingExtension(.init(containingType: "codectest.Legacy", extensionNumber: 150))),
            .asking(.allExtensionNumbersOfType("no.Such")), .asking(.listServices("")),
        ])
        #expect(
            answers.prefix(4).map(ReflectionFixture.errorCode)
                == Array(repeating: Int32(StatusCode.notFound.rawValue), count: 4))
        #expect(ReflectionFixture.errorCode(answers[4]) == nil)
        #expect(answers[1].originalRequest?.messageRequest == .fileContainingSymbol("no.Such"))
    }

    @Test("extension queries find the declaring file and every extension number of a type")
    func extensions() async throws {
        let answers = try await ReflectionFixture.ask([
            .asking(.fileContainingExtension(.init(containingType: "codectest.Legacy", extensionNumber: 101))),
            .asking(.allExtensionNumbersOfType("codectest.Legacy")),
            .asking(.allExtensionNumbersOfType("emittertest.v1.Features")),
        ])
        #expect(try ReflectionFixture.fileNames(answers[0]) == ["codectest/legacy.proto"])
        guard case .allExtensionNumbersResponse(let numbers)? = answers[1].messageResponse,
            case .allExtensionNumbersResponse(let none)? = answers[2].messageResponse
        else {
            Issue.record("not extension-number answers: \(answers)")
            return
        }
        #expect(numbers.baseTypeName == "codectest.Legacy")
        #expect(numbers.extensionNumber == [100, 101])
        #expect(none.extensionNumber.isEmpty)
    }

    @Test("a request that asks nothing gets an UNIMPLEMENTED error response")
    func emptyRequest() async throws {
        let answers = try await ReflectionFixture.ask([.asking(nil)])
        #expect(ReflectionFixture.errorCode(answers[0]) == Int32(StatusCode.unimplemented.rawValue))
    }

    @Test("the v1alpha method answers like v1, and the reflection protos themselves are served")
    func v1alpha() async throws {
        let answers = try await ReflectionFixture.ask(
            [.asking(.fileContainingSymbol("grpc.reflection.v1alpha.ServerReflection"))],
            method: ReflectionService.v1alphaMethod)
        #expect(try ReflectionFixture.fileNames(answers[0]) == ["grpc/reflection/v1alpha/reflection.proto"])
    }

    @Test("bytes that are not a file descriptor are refused with their position")
    func badDescriptor() {
        #expect(throws: ReflectionError.self) {
            try ReflectionService(serializedFiles: [[0x0A, 0x05, 0x61]])
        }
    }
}
