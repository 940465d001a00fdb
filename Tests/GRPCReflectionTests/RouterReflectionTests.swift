import GRPCHealth
import GRPCReflection
import InProcessTransport
import InteropTesting
import RPCCore
import Testing

/// `registerReflection()` with no file list, on a router serving a generated service with
/// imports (grpc.testing.TestService) and the health service.
@Suite("Reflection describes every service registered on the router")
struct RouterReflectionTests {
    /// The services such a router serves, as `list_services` must name them.
    static let servedServices = [
        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
        "grpc.testing.TestService",
    ]

    /// A router with TestService registered before reflection and Health after it.
    static func router<Transport: ServerTransport>(
        for transport: Transport.Type = InProcessServerTransport.self
    ) throws -> RPCRouter<Transport> {
        var router = RPCRouter<Transport>()
        InteropTestService().registerMethods(with: &router)
        try router.registerReflection()
        HealthService().registerMethods(with: &router)
        return router
    }

    @Test("list_services names the services registered before and after registerReflection, and only those served")
    func listsServedServices() async throws {
        for method in [ReflectionService.v1Method, ReflectionService.v1alphaMethod] {
            let answers = try await ReflectionFixture.ask(
                [.asking(.listServices(""))], method: method, of: try Self.router())
            // grpc.testing.UnimplementedService is declared in test.proto too, but not served.
            #expect(ReflectionFixture.serviceNames(answers[0]) == Self.servedServices, "\(method)")
        }
    }

    @Test("file_containing_symbol answers a registered service's file with its transitive imports, both versions")
    func symbolsOfRegisteredServices() async throws {
        for method in [ReflectionService.v1Method, ReflectionService.v1alphaMethod] {
            let answers = try await ReflectionFixture.ask(
                [
                    .asking(.fileContainingSymbol("grpc.testing.TestService")),
                    .asking(.fileContainingSymbol("grpc.testing.TestService.UnaryCall")),
                    .asking(.fileContainingSymbol("grpc.health.v1.Health")),
                    .asking(.fileContainingSymbol("grpc.health.v1.HealthCheckResponse.SERVING")),
                    .asking(.fileContainingSymbol("grpc.testing.SimpleRequest")),
                    .asking(.fileByFilename("grpc/testing/empty.proto")),
                ], method: method, of: try Self.router())
            let testFiles = ["grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"]
            #expect(try ReflectionFixture.fileNames(answers[0]) == testFiles, "\(method)")
            #expect(try ReflectionFixture.fileNames(answers[1]) == testFiles, "\(method)")
            #expect(try ReflectionFixture.fileNames(answers[2]) == ["grpc/health/v1/health.proto"], "\(method)")
            #expect(try ReflectionFixture.fileNames(answers[3]) == ["grpc/health/v1/health.proto"], "\(method)")
            #expect(try ReflectionFixture.fileNames(answers[4]) == ["grpc/testing/messages.proto"], "\(method)")
            #expect(try ReflectionFixture.fileNames(answers[5]) == ["grpc/testing/empty.proto"], "\(method)")
        }
    }

    @Test("files given to registerReflection are served beside the router's, and their services listed")
    func extraFiles() async throws {
        var router = try Self.router()
        try router.registerReflection(serializedFiles: try await ReflectionFixture.files().map { $0.serializedBytes() })
        let answers = try await ReflectionFixture.ask(
            [
                .asking(.listServices("")), .asking(.fileContainingSymbol("emittertest.v1.Features")),
                .asking(.fileContainingSymbol("grpc.health.v1.Health")),
            ], of: router)
        #expect(
            ReflectionFixture.serviceNames(answers[0])
                == (Self.servedServices + ["emittertest.v1.FeatureService"]).sorted())
        #expect(
            try ReflectionFixture.fileNames(answers[1]) == ["emittertest/features.proto", "emittertest/prefixed.proto"])
        #expect(try ReflectionFixture.fileNames(answers[2]) == ["grpc/health/v1/health.proto"])
    }

    @Test("generated registerMethods records the service's file first, then its transitive imports")
    func recordsDescriptorFiles() throws {
        let router = try Self.router()
        #expect(
            router.descriptorFiles["grpc.testing.TestService"]
                == [Grpc_Testing_Test_FileDescriptor.serialized] + Grpc_Testing_Test_FileDescriptor.dependencies)
        #expect(router.descriptorFiles["grpc.health.v1.Health"] == [Grpc_Health_V1_Health_FileDescriptor.serialized])
        #expect(router.descriptorFiles["grpc.testing.UnimplementedService"] == nil)
    }
}
