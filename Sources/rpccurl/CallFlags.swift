import ArgumentParser
import RPCCore

/// The flags every rpccurl command shares: where descriptors come from, connection limits,
/// metadata and how messages are printed and read.
struct CallFlags: ParsableArguments {
    @Flag(name: .long, help: "ADDRESS is the path of a Unix domain socket.")
    var unix = false

    @OptionGroup var security: SecurityFlags

    @Option(
        name: .customShort("H"),
        help: "A header 'name: value' for the RPC and reflection; repeatable. Values of '-bin' names are base64.")
    var headers: [String] = []

    @Option(name: .customLong("rpc-header"), help: "A header for the RPC only; repeatable.")
    var rpcHeaders: [String] = []

    @Option(name: .customLong("reflect-header"), help: "A header for reflection requests only; repeatable.")
    var reflectHeaders: [String] = []

    @Option(
        name: .customLong("proto"), help: "A .proto file to read descriptors from instead of reflection; repeatable.")
    var protoFiles: [String] = []

    @Option(
        name: .customLong("import-path"),
        help: "A directory where -proto files and their imports are looked up; repeatable.")
    var importPaths: [String] = []

    @Option(name: .customLong("protoset"), help: "A FileDescriptorSet file to read descriptors from; repeatable.")
    var protosets: [String] = []

    @Option(name: .customLong("max-time"), help: "Seconds the whole operation may take.")
    var maxTime: Double?

    @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for the connection.")
    var connectTimeout: Double?

    @Option(
        name: .customLong("keepalive-time"),
        help: "Seconds between keepalive PINGs while a call is open; a PING unanswered for as long fails the call.")
    var keepaliveTime: Double?

    @Option(name: .customLong("max-msg-sz"), help: "The largest response message accepted, in bytes.")
    var maxMessageSize: Int?

    @Option(
        name: .customLong("authority"),
        help: "The :authority header sent; with TLS also the name the server's certificate must be valid for.")
    var authority: String?

    @Option(
        name: .customLong("compress"),
        help:
            "Compress the RPC's request messages: gzip, deflate or identity (rpccurl's own flag; grpcurl has none). Responses in any of them are accepted."
    )
    var compression: CompressionAlgorithm = .identity

    @Option(name: .long, help: "Message format: json or text.")
    var format: MessageFormat = .json

    @Flag(name: .customLong("emit-defaults"), help: "Print fields that hold their default value.")
    var emitDefaults = false

    @Flag(name: .customLong("allow-unknown-fields"), help: "Ignore JSON members that name no field.")
    var allowUnknownFields = false

    @Flag(name: .customLong("keep-proto-names"), help: "Print .proto field names instead of JSON names.")
    var keepProtoNames = false

    @Flag(name: .customLong("format-error"), help: "Print a failed call's status in the chosen format.")
    var formatError = false

    @Option(
        name: .customLong("protoset-out"),
        help: "Write the descriptors the command used to this file as a FileDescriptorSet.")
    var protosetOut: String?

    /// Seconds as a `Duration`.
    static func duration(_ seconds: Double?) -> Duration? {
        seconds.map { .nanoseconds(Int64($0 * 1_000_000_000)) }
    }
}

/// `-compress gzip`: the algorithm's `grpc-encoding` name on the command line.
extension CompressionAlgorithm: ExpressibleByArgument {}

/// How messages are written and read.
enum MessageFormat: String, ExpressibleByArgument, Sendable {
    case json, text
}
