import Foundation
import ProtoCodec

/// The tokens of the protobuf text format, with the line and column each starts at.
struct TextFormatTokens {
    /// One token.
    enum Token: Equatable {
        case identifier(String)
        case number(String)
        case string([UInt8])
        case symbol(Character)
    }

    /// A token where it starts.
    struct Located {
        let token: Token
        let line: Int
        let column: Int
    }

    /// Text that is not the text format, at line:column.
    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let column: Int
        let message: String

        var description: String { "\(line):\(column): \(message)" }
    }

    private(set) var tokens: [Located] = []

    /// Splits `text` into tokens; `#` starts a comment to the end of the line, and adjacent
    /// strings are joined as the text format says.
    init(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            let column = index - lineStart + 1
            switch byte {
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let value = try Self.string(bytes, &index, line: line, column: column)
                if case .string(let previous)? = tokens.last?.token {
                    tokens[tokens.count - 1] = Located(
                        token: .string(previous + value), line: tokens[tokens.count - 1].line,
                        column: tokens[tokens.count - 1].column)
                } else {
                    tokens.append(Located(token: .string(value), line: line, column: column))
                }
            case _ where Self.isWordByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."):
                let start = index
                index += 1
                while index < bytes.count,
                    Self.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: ".")
                        || ((bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+"))
                            && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && Self.isDigit(bytes[start]))
                {
                    index += 1
                }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                let first = byte == UInt8(ascii: "-") ? bytes[min(start + 1, bytes.count - 1)] : byte
                let isNumber = Self.isDigit(first) || first == UInt8(ascii: ".")
                tokens.append(Located(token: isNumber ? .number(word) : .identifier(word), line: line, column: column))
            default:
                tokens.append(Located(token: .symbol(Character(Unicode.Scalar(byte))), line: line, column: column))
                index += 1
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_")
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte >= 0x80
    }

    /// A quoted string's bytes, C escapes decoded as protoc decodes them.
    private static func string(_ bytes: [UInt8], _ index: inout Int, line: Int, column: Int) throws(Failure) -> [UInt8]
    {
        let quote = bytes[index]
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != quote, bytes[index] != UInt8(ascii: "\n") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count, bytes[index] == quote else {
            throw Failure(line: line, column: column, message: "unterminated string")
        }
        guard let value = ProtoScalarText.cUnescaped(bytes[start..<index]) else {
            throw Failure(line: line, column: column, message: "invalid escape in string")
        }
        index += 1
        return value
    }
}
