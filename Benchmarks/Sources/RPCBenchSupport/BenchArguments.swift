import Foundation

/// The command line of both stacks' benchmark executables: a mode, then `--name value` pairs.
///
/// `server --port 0` prints `listening PORT` and serves until killed; the client modes print
/// one JSON line of results (see ``LoadResult``) so that `rpc-bench.py` can read them.
public struct BenchArguments: Sendable {
    /// The first argument: `server`, `unary`, `server-stream`, `client-stream`, `bidi`,
    /// `large`, `idle-connections`, `open-streams`, `check` or `request-body`.
    public let mode: String
    private let values: [String: String]

    /// Parses `arguments` (without the program name); a missing mode or value ends the process.
    public init(_ arguments: [String]) {
        guard let mode = arguments.first else { Self.usage("missing mode") }
        self.mode = mode
        var values: [String: String] = [:]
        var index = 1
        while index < arguments.count {
            let name = arguments[index]
            guard name.hasPrefix("--"), index + 1 < arguments.count else { Self.usage("bad argument \(name)") }
            values[String(name.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        self.values = values
    }

    /// The integer option `name`, or `fallback` when absent.
    public func int(_ name: String, default fallback: Int) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { Self.usage("--\(name) needs an integer, not \(text)") }
        return value
    }

    /// The integer option `name`, or nil when absent.
    public func optionalInt(_ name: String) -> Int? {
        values[name] == nil ? nil : int(name, default: 0)
    }

    /// The floating-point option `name`, or `fallback` when absent.
    public func double(_ name: String, default fallback: Double) -> Double {
        guard let text = values[name] else { return fallback }
        guard let value = Double(text) else { Self.usage("--\(name) needs a number, not \(text)") }
        return value
    }

    /// The string option `name`, or `fallback` when absent.
    public func string(_ name: String, default fallback: String) -> String {
        values[name] ?? fallback
    }

    /// Prints `problem` and the usage to standard error and exits with status 2.
    public static func usage(_ problem: String) -> Never {
        let text = """
            error: \(problem)
            usage: MODE [--port P] [--host H] [--concurrency C] [--seconds S] [--warmup S]
                   [--connections N] [--streams N] [--messages N] [--bytes N] [--calls N] [--out FILE]
            """
        FileDescriptorOutput.standardError.write(text + "\n")
        exit(2)
    }
}
