import ProtoCodec

/// Unknown fields in the text format: `NUMBER: value`, length-delimited values that parse
/// as fields printed as a nested block, groups as blocks.
extension TextFormatPrinter {
    /// One unknown field, its value read with ProtoCodec's reader.
    enum UnknownValue {
        case varint(UInt64)
        case fixed32(UInt32)
        case fixed64(UInt64)
        case bytes([UInt8])
        case group([(Int, UnknownValue)])
    }

    mutating func printUnknown(_ bytes: [UInt8], budget: Int) {
        guard !bytes.isEmpty, let fields = Self.parseUnknown(bytes, budget: budget) else { return }
        printUnknown(fields, budget: budget)
    }

    mutating func printUnknown(_ fields: [(Int, UnknownValue)], budget: Int) {
        for (number, value) in fields {
            switch value {
            case let .varint(raw): line("\(number): \(raw)")
            case let .fixed32(raw): line("\(number): 0x" + Self.hex(UInt64(raw), width: 8))
            case let .fixed64(raw): line("\(number): 0x" + Self.hex(raw, width: 16))
            case let .bytes(raw):
                if !raw.isEmpty, budget > 0, let nested = Self.parseUnknown(raw, budget: budget - 1) {
                    line("\(number) {")
                    indent += 1
                    printUnknown(nested, budget: budget - 1)
                    indent -= 1
                    line("}")
                } else {
                    line("\(number): \"" + ProtoScalarText.cEscaped(raw) + "\"")
                }
            case let .group(inner):
                line("\(number) {")
                indent += 1
                printUnknown(inner, budget: budget - 1)
                indent -= 1
                line("}")
            }
        }
    }

    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Splits `bytes` into fields; nil when they are not a well-formed field sequence.
    static func parseUnknown(_ bytes: [UInt8], budget: Int) -> [(Int, UnknownValue)]? {
        bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer: buffer)
            var fields: [(Int, UnknownValue)] = []
            do throws(ProtoDecodingError) {
                while let tag = try reader.nextTag() {
                    switch tag.wireType {
                    case .varint: fields.append((tag.fieldNumber, .varint(try reader.readVarint())))
                    case .fixed32: fields.append((tag.fieldNumber, .fixed32(try reader.readFixed32())))
                    case .fixed64: fields.append((tag.fieldNumber, .fixed64(try reader.readFixed64())))
                    case .lengthDelimited:
                        fields.append((tag.fieldNumber, .bytes(Array(try reader.readLengthDelimited()))))
                    case .startGroup:
                        // The whole group, key included; its contents sit between the two keys.
                        let raw = Array(try reader.skipField(tag))
                        let keySize = WireSize.tag(tag.fieldNumber)
                        let inner = Array(raw[keySize..<(raw.count - keySize)])
                        guard budget > 0, let nested = parseUnknown(inner, budget: budget - 1) else { return nil }
                        fields.append((tag.fieldNumber, .group(nested)))
                    case .endGroup: return nil
                    }
                }
            } catch {
                return nil
            }
            return fields
        }
    }
}
