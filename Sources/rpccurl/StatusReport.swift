import Foundation
import RPCCore

/// A failed call's status on stderr, as grpcurl prints it.
struct StatusReport {
    let error: RPCError
    /// With `-format-error`, the format to print the status in; nil for grpcurl's plain block.
    let format: MessageFormat?

    /// The report's text.
    var text: String {
        switch format {
        case .json?:
            return "{\n  \"code\": \(error.code.rawValue),\n  \"message\": \(Self.quoted(error.message))\n}"
        case .text?:
            return "code: \(error.code.rawValue)\nmessage: \(Self.quoted(error.message))"
        case nil:
            return "ERROR:\n  Code: \(grpcurlName(error.code))\n  Message: \(error.message)"
        }
    }

    /// Writes the report to stderr.
    func print() { Output.error(text) }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
