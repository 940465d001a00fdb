#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scalar values as protoc writes them as text: in the text format (`protoc --decode`) and in
/// the `default_value` of a field descriptor. One definition, so that both read the same.
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

    private static func protocText(_ value: Double, digits: (short: Int, long: Int), roundTrips: (String) -> Bool) -> String {
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
