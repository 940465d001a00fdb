import ArgumentParser
import Greeter
import HTTP2Transport
import RPCCore

/// `greeter-client`: calls both methods of greeter.v1.Greeter and prints the greetings.
@main
struct GreeterClient: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "greeter-client",
        abstract: "Call greeter.v1.Greeter's SayHello and SayHelloStream, printing the greetings.")

    @Option(help: "The server's host.")
    var host = "127.0.0.1"

    @Option(help: "The server's port.")
    var port = 50051

    @Option(help: "Who to greet.")
    var name = "world"

    @Option(help: "How many greetings SayHelloStream sends.")
    var count: Int32 = 3

    func run() async throws {
        // Nothing connects until the first call.
        let rpcClient = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: host, port: port)))
        defer { rpcClient.beginGracefulShutdown() }
        let greeter = Greeter_V1_Greeter.Client(wrapping: rpcClient)
        let options = CallOptions(timeout: .seconds(5)) // after 5 s a call fails with DEADLINE_EXCEEDED

        let reply = try await greeter.sayHello(
            ClientRequest(message: Greeter_V1_HelloRequest(name: name)), options: options)
        print(reply.message.message)

        let request = Greeter_V1_HelloStreamRequest(name: name, count: count)
        try await greeter.sayHelloStream(ClientRequest(message: request), options: options) { response in
            for try await reply in response.messages {
                print(reply.message)
            }
        }
    }
}
