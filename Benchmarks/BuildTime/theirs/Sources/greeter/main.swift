import GRPCCore

/// Asks the greeter once: the generated client and messages in use.
func greet<Transport: ClientTransport>(
    _ client: Buildtime_V1_Greeter.Client<Transport>, name: String
) async throws -> String {
    var request = Buildtime_V1_HelloRequest()
    request.name = name
    return try await client.sayHello(request).message
}

var reply = Buildtime_V1_HelloReply()
reply.message = "built"
print(reply.message, try reply.serializedBytes() as [UInt8])
