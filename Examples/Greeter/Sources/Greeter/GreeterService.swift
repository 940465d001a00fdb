import RPCCore

/// The implementation of `greeter.v1.Greeter`: register it with
/// `GreeterService().registerMethods(with: &router)`.
public struct GreeterService: Greeter_V1_Greeter.ServiceProtocol {
    /// The most greetings one `SayHelloStream` call sends.
    public static let maxCount = 100

    /// Creates the service.
    public init() {}

    /// Answers `SayHello` with one greeting.
    ///
    /// - Throws: ``RPCError`` with INVALID_ARGUMENT when the name is empty.
    public func sayHello(request: ServerRequest<Greeter_V1_HelloRequest>, context: ServerContext) async throws
        -> ServerResponse<Greeter_V1_HelloReply>
    {
        let name = try Self.validName(request.message.name)
        return ServerResponse(message: Greeter_V1_HelloReply(message: "Hello, \(name)!"))
    }

    /// Answers `SayHelloStream` with `count` numbered greetings.
    ///
    /// - Throws: ``RPCError`` with INVALID_ARGUMENT when the name is empty or `count` is not
    ///   between 1 and ``maxCount``; CANCELLED when the client goes away.
    public func sayHelloStream(request: ServerRequest<Greeter_V1_HelloStreamRequest>, context: ServerContext)
        async throws
        -> StreamingServerResponse<Greeter_V1_HelloReply>
    {
        let name = try Self.validName(request.message.name)
        let count = Int(request.message.count)
        guard (1...Self.maxCount).contains(count) else {
            throw RPCError(
                code: .invalidArgument, message: "count must be between 1 and \(Self.maxCount), not \(count)")
        }
        return StreamingServerResponse { writer in
            for number in 1...count {
                try await writer.write(Greeter_V1_HelloReply(message: "Hello, \(name)! (\(number) of \(count))"))
            }
            return Metadata()
        }
    }

    /// `name`, unless it is empty.
    static func validName(_ name: String) throws(RPCError) -> String {
        guard !name.isEmpty else { throw RPCError(code: .invalidArgument, message: "name must not be empty") }
        return name
    }
}
