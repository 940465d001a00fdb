#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scalar values as protoc writes them as text: in the text format (`protoc --decode`) and in
/// the `default_value` of a field descriptor, and C escapes read back. One definition, so that
/// the parser, the printer, the emitter and dynamic messages agree.
public enum ProtoScalarText {
    /// protoc's `SimpleDtoa`: `%g` with 15 significant digits, 17 when 15 do not read back as
    /// the same value; `inf`, `-inf` and `nan` by name.
    public static func double(_ value: Double) -> String {
        protocText(value, digits: (15, 17)) { Double($0) == value }
    }

    /// protoc's `SimpleFtoa`: `%g` with 6 significant digits, 9 when 6 do not read back as the
    /// same value; `inf`, `-inf` and `nan` by name.
    public static func float(_ value: Float) -> String {
        protocText(Double(value), digits: (6, 9)) { Float($0) == value }
    }

    /// protoc's `CEscape`: `\n \r \t \" \' \\` by letter, other bytes outside printable ASCII
    /// as three octal digits, the rest as they are.
    public static func cEscaped(_ bytes: some Sequence<UInt8>) -> String {
        var result = ""
        for byte in bytes {
            switch byte {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x22: result += "\\\""
            case 0x27: result += "\\'"
            case 0x5C: result += "\\\\"
            case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result
    }

    /// Undoes C escaping as protoc's `CUnescape` does: `\a \b \f \n \r \t \v \\ \? \' \"`,
    /// one to three octal digits, `\x` with one or two hex digits; nil for any other escape, an
    /// octal value above 255 or a trailing backslash.
    public static func cUnescaped(_ escaped: some Sequence<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        var input = Array(escaped)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard let escape = input.popFirst() else { return nil }
            switch escape {
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "\""): bytes.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0")), digits = 1
                while digits < 3, let next = input.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(next) {
                    value = value * 8 + Int(next - UInt8(ascii: "0"))
                    digits += 1
                    input.removeFirst()
                }
                guard value <= 0xFF else { return nil }
                bytes.append(UInt8(value))
            case UInt8(ascii: "x"):
                var value = 0, digits = 0
                while digits < 2, let next = input.first, let digit = hexDigit(next) {
                    value = value * 16 + digit
                    digits += 1
                    input.removeFirst()
                }
                guard digits > 0 else { return nil }
                bytes.append(UInt8(value))
            default:
                return nil
            }
        }
        return bytes
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    private static func protocText(_ value: Double, digits: (short: Int, long: Int), roundTrips: (String) -> Bool)
        -> String
    {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let short = printfG(value, significantDigits: digits.short)
        return roundTrips(short) ? short : printfG(value, significantDigits: digits.long)
    }

    /// C's `%.<digits>g` (what protoc itself calls), without Foundation's `String(format:)`.
    private static func printfG(_ value: Double, significantDigits: Int) -> String {
        // A sign, 17 digits, a point and `e-308` fit in 32 bytes with the terminating zero.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            _ = withVaList([Int32(significantDigits), value]) { arguments in
                vsnprintf(buffer.baseAddress, buffer.count, "%.*g", arguments)
            }
            return String(cString: buffer.baseAddress!)
        }
    }
}
