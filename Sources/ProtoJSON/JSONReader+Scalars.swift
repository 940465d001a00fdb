#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamicProto
import ProtoCodec

/// Numbers, bools, strings and bytes: what each JSON form may hold, and range checks.
extension JSONReader {
    func scalar(_ node: JSONNode, type: FieldType, path: String) throws(JSONCodecError) -> DynamicValue {
        switch type {
        case .bool:
            guard case let .bool(flag) = node.kind else { throw mismatch(node, "a boolean", path) }
            return .bool(flag)
        case .string:
            guard case let .string(text) = node.kind else { throw mismatch(node, "a string", path) }
            return .string(text)
        case .bytes:
            guard case let .string(text) = node.kind else { throw mismatch(node, "a base64 string", path) }
            guard let bytes = Base64.decode(text, accepting: .standardOrURLSafe) else {
                throw error(path, node, "invalid base64 in \"\(text)\"")
            }
            return .bytes(Data(bytes))
        case .float, .double:
            return try floatingPoint(node, isFloat: type == .float, path: path)
        default:
            switch node.kind {
            case let .number(text), let .string(text): return try integer(text, node: node, type: type, path: path)
            default: throw mismatch(node, "an integer", path)
            }
        }
    }

    func mismatch(_ node: JSONNode, _ expected: String, _ path: String) -> JSONCodecError {
        error(path, node, "expected \(expected), found \(node.kindName)")
    }

    /// An integer of `type` from a JSON number or string: decimal digits, or a JSON number
    /// with a fraction or exponent whose value is a whole number; out-of-range values fail.
    func integer(_ text: String, node: JSONNode, type: FieldType, path: String) throws(JSONCodecError) -> DynamicValue {
        let signed: Bool, bits: Int
        switch type {
        case .int32, .sint32, .sfixed32, .enum: (signed, bits) = (true, 32)
        case .uint32, .fixed32: (signed, bits) = (false, 32)
        case .int64, .sint64, .sfixed64: (signed, bits) = (true, 64)
        default: (signed, bits) = (false, 64)
        }
        let typeName = signed ? "int\(bits)" : "uint\(bits)"
        var wide: Int64?
        var unsignedWide: UInt64?
        if let exact = Int64(text, radix: 10), !text.hasPrefix("+") {
            wide = exact
        } else if let exact = UInt64(text, radix: 10), !text.hasPrefix("+") {
            unsignedWide = exact
        } else if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            // Digits only, beyond 64 bits (or not a number at all): never rounded through Double.
            let isDigits = isJSONNumber(text)
            throw error(
                path, node,
                isDigits ? "\(text) is out of range for \(typeName)" : "\"\(text)\" is not a valid \(typeName)")
        } else {
            guard isJSONNumber(text), let double = Double(text), double.isFinite else {
                throw error(path, node, "\"\(text)\" is not a valid \(typeName)")
            }
            guard double.rounded(.towardZero) == double else {
                throw error(path, node, "\(text) is not a whole number, as \(typeName) requires")
            }
            if let exact = Int64(exactly: double) { wide = exact } else { unsignedWide = UInt64(exactly: double) }
        }
        let outOfRange = error(path, node, "\(text) is out of range for \(typeName)")
        switch (signed, bits) {
        case (true, 32):
            guard let wide, let value = Int32(exactly: wide) else { throw outOfRange }
            return .int32(value)
        case (false, 32):
            guard let value = wide.flatMap({ UInt32(exactly: $0) }) ?? unsignedWide.flatMap({ UInt32(exactly: $0) })
            else {
                throw outOfRange
            }
            return .uint32(value)
        case (true, _):
            guard let wide else { throw outOfRange }
            return .int64(wide)
        default:
            guard let value = wide.flatMap({ UInt64(exactly: $0) }) ?? unsignedWide else { throw outOfRange }
            return .uint64(value)
        }
    }

    /// A float or double from a JSON number, or a string holding a number, `NaN`,
    /// `Infinity` or `-Infinity`; finite values beyond the type's range fail.
    func floatingPoint(_ node: JSONNode, isFloat: Bool, path: String) throws(JSONCodecError) -> DynamicValue {
        let typeName = isFloat ? "float" : "double"
        let value: Double
        switch node.kind {
        case let .number(text):
            guard let parsed = Double(text) else { throw error(path, node, "\(text) is not a valid \(typeName)") }
            value = parsed
        case let .string(text):
            switch text {
            case "NaN": value = .nan
            case "Infinity": value = .infinity
            case "-Infinity": value = -.infinity
            default:
                guard isJSONNumber(text), let parsed = Double(text) else {
                    throw error(path, node, "\"\(text)\" is not a valid \(typeName)")
                }
                value = parsed
            }
        default: throw mismatch(node, "a number", path)
        }
        let literal: Bool = if case .number = node.kind { true } else { false }
        let numeric: Bool = if case let .string(text) = node.kind { isJSONNumber(text) } else { literal }
        if numeric && !value.isFinite { throw error(path, node, "value is out of range for \(typeName)") }
        guard isFloat else { return .double(value) }
        let single = Float(value)
        if value.isFinite && !single.isFinite { throw error(path, node, "value is out of range for float") }
        return .float(single)
    }

    /// True for text in JSON's number grammar (so `Double` does not accept `inf`, `0x1p3`, ` 1`).
    func isJSONNumber(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last, first > 0x20, last > 0x20,
            case .number = (try? JSONParser.parse(Array(text.utf8)))?.kind
        else { return false }
        return true
    }
}
