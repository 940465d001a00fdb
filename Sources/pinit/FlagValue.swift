import ArgumentParser
import Foundation
import HTTP2Transport
import Logging
import PostgresClient

/// The parsers of pinit's flag values. A flag uses one as its `transform`, and the same
/// function checks the flag's environment variable (``resolve(_:_:_:)``), so both are held
/// to one rule and a bad value is refused naming the accepted range or values.
enum FlagValue {
    /// A value a parser refused, with what is accepted.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A TCP port, 0–65535.
    static func port(_ text: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw Invalid("expected a port number from 0 to 65535")
        }
        return port
    }

    /// A host name or IP literal to listen on.
    static func host(_ text: String) throws -> String {
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw Invalid("expected a host name or IP address")
        }
        return text
    }

    /// One of swift-log's levels.
    static func logLevel(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text) else {
            throw Invalid("expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return level
    }

    /// `HOST:PORT`, `[IPv6]:PORT` or `unix:PATH`.
    static func address(_ text: String) throws -> TransportAddress {
        do {
            return try TransportAddress(parsing: text)
        } catch {
            throw Invalid(error.reason + "; expected HOST:PORT, [IPv6]:PORT or unix:PATH")
        }
    }

    /// One or more addresses separated by commas.
    static func addresses(_ text: String) throws -> [TransportAddress] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { try address(String($0)) }
    }

    /// An `http` or `https` URL with a host.
    static func webURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            let host = url.host, !host.isEmpty
        else {
            throw Invalid("expected an http:// or https:// URL with a host")
        }
        return url
    }

    /// A PostgreSQL connection URL; the refusal shows the URL with its password hidden.
    static func databaseURL(_ text: String) throws -> PostgresConfiguration {
        do {
            return try PostgresConfiguration(url: text)
        } catch {
            throw Invalid(error.description)
        }
    }

    /// A whole number of milliseconds, at least 1.
    static func positiveMilliseconds(_ text: String) throws -> Int {
        guard let value = Int(text), value >= 1 else {
            throw Invalid("expected a whole number of milliseconds, at least 1")
        }
        return value
    }

    /// A period: a whole number with a unit, `s`, `m`, `h` or `d` (`7d`, `36h`, `90m`, `60s`),
    /// from 1 second to 3650 days.
    static func period(_ text: String) throws -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count >= 1,
            count <= 3650 * 86_400 / unit
        else {
            throw Invalid("expected a whole number and a unit, s, m, h or d (such as 7d or 36h), from 1s to 3650d")
        }
        return .seconds(count * unit)
    }

    /// A file that exists and can be read.
    static func readableFile(_ text: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: text) else {
            let reason = FileManager.default.fileExists(atPath: text) ? "not readable" : "no such file"
            throw Invalid("\(reason): \(text)")
        }
        return text
    }

    /// `given` (the flag's value) when there is one, else the environment variable `name` read
    /// with `parse`, else nil.
    ///
    /// Call it as `x = try FlagValue.resolve(x, "NAME", parse) ?? fallback`: a throwing call
    /// inside a chain of `??` (an autoclosure) crashed at run time with Swift 6.3.1.
    ///
    /// - Throws: `ValidationError` naming the variable, its value and what `parse` accepts.
    static func resolve<Value>(_ given: Value?, _ name: String, _ parse: (String) throws -> Value) throws -> Value? {
        if let given { return given }
        guard let text = ProcessInfo.processInfo.environment[name] else { return nil }
        do {
            return try parse(text)
        } catch {
            throw ValidationError("The value '\(text)' is invalid for environment variable \(name): \(error)")
        }
    }
}
