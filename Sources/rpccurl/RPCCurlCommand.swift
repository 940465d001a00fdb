import ArgumentParser
import DynamicProto
import Foundation
import HTTP2Transport
import RPCCore

/// `rpccurl [flags] ADDRESS list [SERVICE] | describe [SYMBOL] | SERVICE/METHOD`.
struct RPCCurlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpccurl",
        abstract: "Call gRPC servers from the command line (a grpcurl drop-in; see also `rpccurl bench`).",
        discussion: """
            ADDRESS is host:port, or a socket path with -unix. As with grpcurl, the connection uses TLS unless \
            -plaintext is given. Without -proto or -protoset, the server's \
            reflection service (v1, else v1alpha) supplies the descriptors. grpcurl's single-dash flags \
            (-plaintext, -max-time 5) are accepted. Exit status: 0 OK, 1 errors, 2 usage, 64+code when the RPC fails.
            """)

    @OptionGroup var flags: CallFlags

    @Option(
        name: .customShort("d"),
        help: "Request JSON (several messages may follow each other); '@' reads them from stdin.")
    var data: String?

    @Flag(name: .customShort("v"), help: "Print the method, request metadata, response headers, trailers and timing.")
    var verbose = false

    @Flag(name: .customLong("msg-template"), help: "With describe of a message, also print a JSON template of it.")
    var messageTemplate = false

    @Argument(help: "ADDRESS, then list [SERVICE], describe [SYMBOL] or SERVICE/METHOD.")
    var words: [String] = []

    /// Runs the command; every failure is a `Failure` carrying its exit status.
    func execute() async throws(Failure) {
        var words = words
        let files = try DescriptorSource.files(from: flags)
        var address: String?
        if files == nil || !["list", "describe"].contains(words.first ?? "") {
            guard !words.isEmpty else { throw .usage("Too few arguments.") }
            address = words.removeFirst()
        }
        guard !words.isEmpty else { throw .usage("Too few arguments.") }
        guard let address else { return try await perform(words, source: .files(files ?? [])) }
        let target = try Dialing.address(address, unix: flags.unix)
        let command = self
        let finalWords = words
        try await Dialing.withClient(to: target, flags: flags) { client async throws(Failure) in
            let source: DescriptorSource =
                if let files { .files(files) } else {
                    .reflection(
                        ReflectionClient(
                            client: client,
                            metadata: try command.metadata(command.flags.headers + command.flags.reflectHeaders),
                            options: command.callOptions))
                }
            try await command.perform(finalWords, source: source, client: client)
        }
    }

    private func perform(
        _ words: [String], source: DescriptorSource, client: RPCClient<HTTP2ClientTransport>? = nil
    ) async throws(Failure) {
        switch words[0] {
        case "list":
            guard words.count <= 2 else { throw .usage("Too many arguments.") }
            try await list(words.dropFirst().first, source: source)
        case "describe":
            guard words.count <= 2 else { throw .usage("Too many arguments.") }
            try await describe(words.dropFirst().first, source: source)
        default:
            guard words.count == 1 else { throw .usage("Too many arguments.") }
            guard let client else { throw .usage("No host:port specified.") }
            try await invoke(words[0], source: source, client: client)
        }
    }

    private func list(_ service: String?, source: DescriptorSource) async throws(Failure) {
        guard let service else {
            let names = try await source.serviceNames()
            if let out = flags.protosetOut {
                try DescriptorSource.writeProtoset(try await source.pool(containing: names), symbols: names, to: out)
            }
            return names.forEach { Output.out($0) }
        }
        let pool = try await source.pool(containing: [service])
        guard let descriptor = pool.service(named: service) else {
            throw .other("Failed to list methods for service \"\(service)\": Service not found: \(service)")
        }
        if let out = flags.protosetOut { try DescriptorSource.writeProtoset(pool, symbols: [service], to: out) }
        descriptor.methods.forEach { Output.out($0.fullName) }
    }

    private func describe(_ symbol: String?, source: DescriptorSource) async throws(Failure) {
        let symbols = if let symbol { [symbol] } else { try await source.serviceNames() }
        let pool = try await source.pool(containing: symbols)
        let describer = ProtoDescriber(files: pool.files)
        for symbol in symbols {
            guard let text = describer.describe(symbol) else { throw .other("Symbol not found: \(symbol)") }
            Output.out(Output.bold(String(text.prefix { $0 != "\n" })) + String(text.drop { $0 != "\n" }.dropLast()))
            if messageTemplate, let message = pool.message(named: symbol) {
                Output.out(
                    "Message template:\n"
                        + MessageTemplate(pool: pool, protoNames: flags.keepProtoNames).json(for: message))
            }
        }
        if let out = flags.protosetOut { try DescriptorSource.writeProtoset(pool, symbols: symbols, to: out) }
    }

    private func invoke(_ name: String, source: DescriptorSource, client: RPCClient<HTTP2ClientTransport>)
        async throws(Failure)
    {
        let (method, pool) = try await source.method(named: name)
        if let out = flags.protosetOut {
            try DescriptorSource.writeProtoset(pool, symbols: [method.serviceName], to: out)
        }
        // Only the invoked RPC's requests are compressed (`-compress`), not reflection's.
        var options = callOptions
        options.compression = flags.compression
        let invocation = Invocation(
            method: method, printer: MessagePrinter(pool: pool, flags: flags),
            metadata: try metadata(flags.headers + flags.rpcHeaders), options: options, verbose: verbose,
            requests: data == "@" ? .standardInput : .text(data ?? (flags.format == .json ? "{}" : "")))
        do {
            try await invocation.run(on: client)
        } catch .rpc(let error) {
            StatusReport(error: error, format: flags.formatError ? flags.format : nil).print()
            throw .reported(error.code)
        }
    }

    /// Limits every call shares: the deadline (`-max-time`) and largest response (`-max-msg-sz`).
    var callOptions: CallOptions {
        CallOptions(
            timeout: CallFlags.duration(flags.maxTime),
            maxReceiveMessageSize: flags.maxMessageSize ?? CallOptions.defaultMaxReceiveMessageSize)
    }

    /// `name: value` headers as metadata; values of `-bin` names are base64.
    func metadata(_ headers: [String]) throws(Failure) -> Metadata {
        var metadata = Metadata()
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw .other("header \"\(header)\" is not 'name: value'")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if Metadata.isBinaryKey(name) {
                guard let bytes = Data(base64Encoded: value) else { throw .other("header \(name) is not valid base64") }
                metadata.append([UInt8](bytes), forKey: name)
            } else {
                metadata.append(value, forKey: name)
            }
        }
        return metadata
    }
}
