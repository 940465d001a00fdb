/// Writes a service: method descriptors, a server protocol with router registration, and a
/// typed client with one async method per RPC, all over RPCCore.
enum ServiceEmitter {
    /// Writes the namespace enum of `plan` and the registration extension of its protocol.
    static func emit(_ plan: ServicePlan, into source: inout SwiftSource) {
        source.docComment(plan.comment ?? "The service `\(plan.protoName)`: its methods, server protocol and client.")
        source.block("public enum \(TypeTable.declaredName(of: plan.swiftName))") { body in
            body.line("/// The fully qualified service name.")
            body.line("public static let name = \(SwiftNaming.stringLiteral(plan.protoName))")
            body.line()
            emitDescriptors(plan, into: &body)
            body.line()
            emitProtocol(plan, into: &body)
            body.line()
            emitClient(plan, into: &body)
        }
        source.line()
        emitRegistration(plan, into: &source)
    }

    private static func emitDescriptors(_ plan: ServicePlan, into source: inout SwiftSource) {
        source.line("/// The descriptor of each method, as the router and the client name it.")
        source.block("public enum Method") { body in
            for method in plan.methods {
                body.line("/// `\(method.protoName)`.")
                body.line(
                    "public static let \(method.name) = MethodDescriptor(service: \(SwiftNaming.stringLiteral(plan.protoName)), "
                        + "method: \(SwiftNaming.stringLiteral(method.protoName)))")
            }
            body.line("/// Every method of the service, in declaration order.")
            body.line(
                "public static let all: [MethodDescriptor] = [\(plan.methods.map(\.name).joined(separator: ", "))]")
        }
    }

    private static func emitProtocol(_ plan: ServicePlan, into source: inout SwiftSource) {
        source.line("/// What a server implements: one handler per method. Throw `RPCError` to end a call with")
        source.line("/// its status; any other error reaches the client as UNKNOWN.")
        source.block("public protocol ServiceProtocol: Sendable") { body in
            for method in plan.methods {
                body.docComment(method.comment ?? "Handles `\(method.protoName)`.")
                let request = isClientStreaming(method) ? "StreamingServerRequest" : "ServerRequest"
                let response = isServerStreaming(method) ? "StreamingServerResponse" : "ServerResponse"
                body.line(
                    "func \(method.name)(request: \(request)<\(method.input)>, context: ServerContext) async throws")
                body.line("    -> \(response)<\(method.output)>")
            }
        }
    }

    private static func emitRegistration(_ plan: ServicePlan, into source: inout SwiftSource) {
        source.block("extension \(plan.swiftName).ServiceProtocol") { body in
            body.line("/// Registers every method of the service with `router`, and records the service's")
            body.line("/// `.proto` descriptors there for reflection (once, here, never per call).")
            body.line("@inlinable")
            body.block(
                "public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>)"
            ) { register in
                let files = plan.fileDescriptorType
                register.line("router.registerDescriptorFiles(")
                register.line("    [\(files).serialized] + \(files).dependencies, forService: \(plan.swiftName).name)")
                for method in plan.methods {
                    let kind =
                        switch method.kind {
                        case .unary: "Unary"
                        case .serverStreaming: "ServerStreaming"
                        case .clientStreaming: "ClientStreaming"
                        case .bidirectionalStreaming: "BidirectionalStreaming"
                        }
                    register.block("router.register\(kind)(\(plan.swiftName).Method.\(method.name))") { handler in
                        handler.line(
                            "request, context in try await self.\(method.name)(request: request, context: context)")
                    }
                }
            }
        }
    }

    private static func emitClient(_ plan: ServicePlan, into source: inout SwiftSource) {
        source.line("/// Calls the service's methods through an `RPCClient`.")
        source.block("public struct Client<Transport: ClientTransport>: Sendable") { body in
            body.line("/// The client calls go through.")
            body.line("public let rpcClient: RPCClient<Transport>")
            body.line()
            body.line("/// Creates a typed client over `rpcClient`.")
            body.line("public init(wrapping rpcClient: RPCClient<Transport>) { self.rpcClient = rpcClient }")
            for method in plan.methods {
                body.line()
                emitClientMethod(method, into: &body)
            }
        }
    }

    private static func emitClientMethod(_ method: ServicePlan.Method, into source: inout SwiftSource) {
        source.docComment(method.comment ?? "Calls `\(method.protoName)`.")
        source.line("///")
        source.line("/// - Throws: `RPCError` with the server's status, or a local one (see `RPCClient`).")
        let request = isClientStreaming(method) ? "StreamingClientRequest" : "ClientRequest"
        let call = "descriptor: Method.\(method.name), options: options"
        // Runs on the caller's executor: no hop to the global executor and back per call.
        source.line("@inlinable")
        source.line(
            "public nonisolated(nonsending) func \(method.name)\(isServerStreaming(method) ? "<Result: Sendable>" : "")("
        )
        switch method.kind {
        case .unary, .clientStreaming:
            let throwsClause = method.kind == .unary ? "throws(RPCError)" : "throws"
            let function = method.kind == .unary ? "unary" : "clientStreaming"
            source.line("    _ request: \(request)<\(method.input)>, options: CallOptions = CallOptions()")
            source.block(") async \(throwsClause) -> ClientResponse<\(method.output)>") { body in
                body.line("try await rpcClient.\(function)(request: request, \(call))")
            }
        case .serverStreaming, .bidirectionalStreaming:
            let function = method.kind == .serverStreaming ? "serverStreaming" : "bidirectionalStreaming"
            source.line("    _ request: \(request)<\(method.input)>, options: CallOptions = CallOptions(),")
            source.line(
                "    onResponse: @escaping @Sendable (StreamingClientResponse<\(method.output)>) async throws -> Result"
            )
            source.block(") async throws -> Result") { body in
                body.line("try await rpcClient.\(function)(request: request, \(call), onResponse: onResponse)")
            }
        }
    }

    private static func isClientStreaming(_ method: ServicePlan.Method) -> Bool {
        method.kind == .clientStreaming || method.kind == .bidirectionalStreaming
    }

    private static func isServerStreaming(_ method: ServicePlan.Method) -> Bool {
        method.kind == .serverStreaming || method.kind == .bidirectionalStreaming
    }
}
