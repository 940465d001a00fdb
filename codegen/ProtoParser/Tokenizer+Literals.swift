/// Number and string literals, with protoc's escapes and error messages.
extension Tokenizer {
    mutating func readNumber(start: SourcePosition) -> Token {
        var isFloat = false
        var text: String
        if current == UInt8(ascii: "0") && (peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X")) {
            advance()
            advance()
            let digits = consumeWhile { $0.isHexDigit }
            if digits.isEmpty {
                sink.report("\"0x\" must be followed by hex digits.", at: position)
            }
            text = "0x" + digits
        } else {
            text = consumeWhile { $0.isDigit }
            if current == UInt8(ascii: ".") {
                isFloat = true
                advance()
                text += "." + consumeWhile { $0.isDigit }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                isFloat = true
                advance()
                text += "e"
                if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
                    text += String(UnicodeScalar(current!))
                    advance()
                }
                let exponent = consumeWhile { $0.isDigit }
                if exponent.isEmpty {
                    sink.report("\"e\" must be followed by exponent.", at: position)
                }
                text += exponent
            }
            if !isFloat && text.count > 1 && text.hasPrefix("0") && text.contains(where: { $0 == "8" || $0 == "9" }) {
                sink.report("Numbers starting with leading zero must be in octal.", at: start)
            }
        }
        if let byte = current, byte.isLetter || byte == UInt8(ascii: "_") {
            sink.report("Need space between number and identifier.", at: position)
        }
        return Token(kind: isFloat ? .float : .integer, text: text, start: start, end: start)
    }

    mutating func readString(quote: UInt8, start: SourcePosition) -> Token {
        let begin = index
        advance()
        var bytes: [UInt8] = []
        while true {
            guard let byte = current else {
                sink.report("Unexpected end of string.", at: position)
                break
            }
            if byte == quote {
                advance()
                break
            }
            if byte == UInt8(ascii: "\n") {
                sink.report("String literals cannot cross line boundaries.", at: position)
                break
            }
            if byte == UInt8(ascii: "\\") {
                advance()
                readEscape(into: &bytes)
            } else {
                bytes.append(byte)
                advance()
            }
        }
        let text = String(decoding: source[begin..<index], as: UTF8.self)
        return Token(kind: .string, text: text, bytes: bytes, start: start, end: start)
    }

    private mutating func readEscape(into bytes: inout [UInt8]) {
        guard let byte = current else { return }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
            UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11, UInt8(ascii: "\\"): 92,
            UInt8(ascii: "?"): 63, UInt8(ascii: "'"): 39, UInt8(ascii: "\""): 34,
        ]
        if let value = simple[byte] {
            bytes.append(value)
            advance()
        } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") {
            var value = 0
            var count = 0
            while count < 3, let digit = current, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") {
                value = value * 8 + Int(digit - UInt8(ascii: "0"))
                advance()
                count += 1
            }
            bytes.append(UInt8(truncatingIfNeeded: value))
        } else if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") {
            advance()
            guard let value = readHex(maxDigits: 2) else {
                sink.report("Expected hex digits for escape sequence.", at: position)
                return
            }
            bytes.append(UInt8(value))
        } else if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "U") {
            advance()
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            guard let value = readHex(maxDigits: digits, exactly: true), let scalar = Unicode.Scalar(value) else {
                sink.report("Expected four hex digits for \\u escape sequence.", at: position)
                return
            }
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else {
            sink.report("Invalid escape sequence in string literal.", at: position)
            advance()
        }
    }

    private mutating func readHex(maxDigits: Int, exactly: Bool = false) -> UInt32? {
        var value: UInt32 = 0
        var count = 0
        while count < maxDigits, let digit = current, digit.isHexDigit {
            value = value * 16 + UInt32(hexValue(digit))
            advance()
            count += 1
        }
        return count == 0 || (exactly && count != maxDigits) ? nil : value
    }

    private func hexValue(_ digit: UInt8) -> UInt8 {
        if digit.isDigit { return digit - UInt8(ascii: "0") }
        return (digit | 0x20) - UInt8(ascii: "a") + 10
    }
}
