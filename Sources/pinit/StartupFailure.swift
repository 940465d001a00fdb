import Foundation
import RPCCore

/// Why a service could not start, in one line naming the cause (the address and errno, the
/// path, the database). The process prints it and exits non-zero.
struct StartupFailure: Error, CustomStringConvertible {
    /// The line printed.
    let description: String

    init(_ description: String) { self.description = description }

    /// Runs `body`, turning what it throws into a failure that says what was being done.
    static func during<Value>(_ what: String, _ body: () async throws -> Value) async throws(StartupFailure) -> Value {
        do {
            return try await body()
        } catch let failure as StartupFailure {
            throw failure
        } catch let error as RPCError {
            throw StartupFailure("\(what): \(oneLine(error.cause ?? error))")
        } catch {
            throw StartupFailure("\(what): \(oneLine(error))")
        }
    }

    /// `error`'s description with line breaks folded, so the failure stays one line.
    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
    }
}
