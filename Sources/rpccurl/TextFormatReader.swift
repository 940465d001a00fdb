import DynamicProto
import Foundation

/// Reads a message in the protobuf text format (`name: "x" nested { id: 3 } tags: [1, 2]`),
/// as grpcurl's `-format text` takes request data.
struct TextFormatReader {
    typealias Failure = TextFormatTokens.Failure

    let pool: DescriptorPool
    private var tokens: [TextFormatTokens.Located] = []
    private var position = 0

    init(pool: DescriptorPool) { self.pool = pool }

    /// The message of type `descriptor` that `text` spells.
    mutating func read(_ text: String, as descriptor: MessageDescriptor) throws(Failure) -> DynamicMessage {
        tokens = try TextFormatTokens(text).tokens
        position = 0
        return try message(descriptor, closing: nil)
    }

    private mutating func message(_ descriptor: MessageDescriptor, closing: Character?) throws(Failure)
        -> DynamicMessage
    {
        var message = DynamicMessage(descriptor: descriptor, pool: pool)
        while true {
            guard let next = peek() else {
                if let closing { throw failure("expected \"\(closing)\" before the end") }
                return message
            }
            if let closing, next.token == .symbol(closing) {
                position += 1
                return message
            }
            guard case .identifier(let name) = next.token else { throw failure("expected a field name", at: next) }
            position += 1
            guard let field = descriptor.field(named: name) else {
                throw failure("message \(descriptor.fullName) has no field \"\(name)\"", at: next)
            }
            let isMessage = field.type == .message || field.type == .group
            if skip(":") == false, !isMessage { throw failure("expected \":\" after \(name)") }
            if peek()?.token == .symbol("[") {
                position += 1
                while !skip("]") {
                    try add(try value(field), to: &message, field)
                    _ = skip(",")
                }
            } else {
                try add(try value(field), to: &message, field)
            }
            if !skip(";") { _ = skip(",") }
        }
    }

    private func add(_ value: DynamicValue, to message: inout DynamicMessage, _ field: FieldDescriptor) throws(Failure)
    {
        if let entry = field.mapEntry {
            guard case .message(let pair) = value else { return }
            var entries = message.map(of: field)
            entries[pair.value(of: entry.key) ?? .int32(0)] = pair.value(of: entry.value)
            message.setMap(field, to: entries)
        } else if field.isRepeated {
            message.setList(field, to: message.list(of: field) + [value])
        } else {
            message.set(field, to: value)
        }
    }

    private mutating func value(_ field: FieldDescriptor) throws(Failure) -> DynamicValue {
        guard let next = peek() else { throw failure("expected a value for \(field.name)") }
        position += 1
        switch (field.type, next.token) {
        case (.message, .symbol(let open)), (.group, .symbol(let open)):
            guard open == "{" || open == "<", let type = field.typeName.flatMap(pool.message(named:)) else {
                throw failure("expected \"{\" for \(field.name)", at: next)
            }
            return .message(try message(type, closing: open == "{" ? "}" : ">"))
        case (.string, .string(let bytes)):
            return .string(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .string(let bytes)):
            return .bytes(Data(bytes))
        case (.bool, .identifier(let word)), (.bool, .number(let word)):
            switch word {
            case "true", "True", "t", "1": return .bool(true)
            case "false", "False", "f", "0": return .bool(false)
            default: throw failure("\(word) is not a bool", at: next)
            }
        case (.enum, .identifier(let name)):
            guard let number = field.typeName.flatMap(pool.enumType(named:))?.number(named: name) else {
                throw failure("\(name) is not a value of \(field.typeName ?? "the enum")", at: next)
            }
            return .int32(number)
        case (_, .number(let text)), (_, .identifier(let text)):
            guard let number = Self.number(text, field.type) else {
                throw failure("\(text) is not a valid \(field.type) for \(field.name)", at: next)
            }
            return number
        default:
            throw failure("unexpected value for \(field.name)", at: next)
        }
    }

    /// A number token as the field type's value (decimal, hex `0x`, octal `0`, floats with `inf`/`nan`).
    private static func number(_ text: String, _ type: FieldType) -> DynamicValue? {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        func integer() -> (magnitude: UInt64, negative: Bool)? {
            let lower = digits.lowercased()
            let value: UInt64? =
                if lower.hasPrefix("0x") {
                    UInt64(lower.dropFirst(2), radix: 16)
                } else if lower.count > 1, lower.hasPrefix("0") { UInt64(lower.dropFirst(), radix: 8) } else {
                    UInt64(lower)
                }
            return value.map { ($0, negative) }
        }
        func signed() -> Int64? {
            guard let (magnitude, negative) = integer() else { return nil }
            if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
        func floating() -> Double? {
            var lower = digits.lowercased()
            if lower.hasSuffix("f"), !lower.hasSuffix("inf") { lower.removeLast() }
            let magnitude: Double? =
                ["inf", "infinity"].contains(lower) ? .infinity : lower == "nan" ? .nan : Double(lower)
            return magnitude.map { negative ? -$0 : $0 }
        }
        switch type {
        case .int32, .sint32, .sfixed32, .enum: return signed().flatMap { Int32(exactly: $0) }.map(DynamicValue.int32)
        case .int64, .sint64, .sfixed64: return signed().map(DynamicValue.int64)
        case .uint32, .fixed32:
            return negative ? nil : integer().flatMap { UInt32(exactly: $0.magnitude) }.map(DynamicValue.uint32)
        case .uint64, .fixed64: return negative ? nil : integer().map { DynamicValue.uint64($0.magnitude) }
        case .double: return floating().map(DynamicValue.double)
        case .float: return floating().map { DynamicValue.float(Float($0)) }
        default: return nil
        }
    }

    private func peek() -> TextFormatTokens.Located? {
        position < tokens.count ? tokens[position] : nil
    }

    /// Consumes the symbol `symbol` if it comes next.
    private mutating func skip(_ symbol: Character) -> Bool {
        guard peek()?.token == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private func failure(_ message: String, at token: TextFormatTokens.Located? = nil) -> Failure {
        let place = token ?? peek() ?? tokens.last
        return Failure(line: place?.line ?? 1, column: place?.column ?? 1, message: message)
    }
}
