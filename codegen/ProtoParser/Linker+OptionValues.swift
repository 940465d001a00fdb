/// A problem with one option, reported at `position`.
struct OptionError: Error {
    var message: String
    var position: SourcePosition
}

/// Encoding option values on the wire the way protoc stores interpreted options.
extension Linker {
    /// The payload and wire type of `value` for `field`; `optionName` names the option in errors.
    func encodeValue(
        _ value: OptionValue, for field: OptionField, optionName: String, at position: SourcePosition,
        inAggregate: Bool, depth: Int = 0
    ) throws(OptionError) -> (payload: [UInt8], wireType: UInt8) {
        func fail(_ message: String) -> OptionError { OptionError(message: message, position: position) }
        let typeName = DefaultValueFormat.typeName(field.type)
        switch field.type {
        case .int32, .int64, .sint32, .sint64, .sfixed32, .sfixed64:
            guard case .integer(let magnitude, let negative) = value else {
                throw fail("Value must be integer for \(typeName) option \"\(optionName)\".")
            }
            let is32 = field.type == .int32 || field.type == .sint32 || field.type == .sfixed32
            let limit = is32 ? UInt64(Int32.max) : UInt64(Int64.max)
            guard magnitude <= limit + (negative ? 1 : 0) else {
                throw fail("Value out of range for \(typeName) option \"\(optionName)\".")
            }
            let signed = negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
            switch field.type {
            case .sint32:
                return (
                    WireBytes.varint(UInt64(UInt32(bitPattern: Int32(signed) << 1 ^ Int32(signed) >> 31))),
                    WireBytes.varint
                )
            case .sint64: return (WireBytes.varint(UInt64(bitPattern: signed << 1 ^ signed >> 63)), WireBytes.varint)
            case .sfixed32: return (WireBytes.littleEndian(Int32(signed)), WireBytes.fixed32)
            case .sfixed64: return (WireBytes.littleEndian(signed), WireBytes.fixed64)
            default: return (WireBytes.varint(UInt64(bitPattern: signed)), WireBytes.varint)
            }
        case .uint32, .uint64, .fixed32, .fixed64:
            guard case .integer(let magnitude, let negative) = value else {
                throw fail("Value must be integer for \(typeName) option \"\(optionName)\".")
            }
            let is32 = field.type == .uint32 || field.type == .fixed32
            guard !negative || magnitude == 0, magnitude <= (is32 ? UInt64(UInt32.max) : UInt64.max) else {
                throw fail("Value out of range for \(typeName) option \"\(optionName)\".")
            }
            switch field.type {
            case .fixed32: return (WireBytes.littleEndian(UInt32(magnitude)), WireBytes.fixed32)
            case .fixed64: return (WireBytes.littleEndian(magnitude), WireBytes.fixed64)
            default: return (WireBytes.varint(magnitude), WireBytes.varint)
            }
        case .float, .double:
            guard
                let number = DefaultValueFormat.number(value)
                    ?? (inAggregate ? Linker.textFormatSpecialNumber(value) : nil)
            else {
                throw fail("Value must be number for \(typeName) option \"\(optionName)\".")
            }
            if field.type == .float { return (WireBytes.littleEndian(Float(number).bitPattern), WireBytes.fixed32) }
            return (WireBytes.littleEndian(number.bitPattern), WireBytes.fixed64)
        case .bool:
            switch value {
            case .identifier("true", negative: false): return ([1], WireBytes.varint)
            case .identifier("false", negative: false): return ([0], WireBytes.varint)
            case .integer(let number, negative: false) where inAggregate && number <= 1:
                return ([UInt8(number)], WireBytes.varint)
            case .identifier(let name, negative: false) where inAggregate && (name == "True" || name == "t"):
                return ([1], WireBytes.varint)
            case .identifier(let name, negative: false) where inAggregate && (name == "False" || name == "f"):
                return ([0], WireBytes.varint)
            case .identifier: throw fail("Value must be \"true\" or \"false\" for boolean option \"\(optionName)\".")
            default: throw fail("Value must be identifier for boolean option \"\(optionName)\".")
            }
        case .string, .bytes:
            guard case .string(let bytes) = value else {
                throw fail("Value must be quoted string for string option \"\(optionName)\".")
            }
            return (bytes, WireBytes.lengthDelimited)
        case .enum:
            let values = enumValues(of: field.typeName ?? "") ?? []
            if inAggregate, case .integer(let magnitude, let negative) = value, magnitude <= UInt64(Int32.max) + 1 {
                let number = negative ? -Int64(magnitude) : Int64(magnitude)
                return (WireBytes.varint(UInt64(bitPattern: number)), WireBytes.varint)
            }
            guard case .identifier(let name, negative: false) = value else {
                throw fail("Value must be identifier for enum-valued option \"\(optionName)\".")
            }
            guard let number = values.first(where: { $0.0 == name })?.1 else {
                throw fail(
                    "Enum type \"\(field.typeName ?? "")\" has no value named \"\(name)\" for option \"\(optionName)\"."
                )
            }
            return (WireBytes.varint(UInt64(bitPattern: Int64(number))), WireBytes.varint)
        case .message, .group:
            guard case .aggregate(let entries) = value else {
                throw fail(
                    "Option \"\(optionName)\" is a message. To set the entire message, use syntax like \"\(optionName) = { <proto text format> }\". To set fields within it, use syntax like \"\(optionName).foo = value\"."
                )
            }
            let payload = try encodeAggregate(
                entries, messageName: field.typeName ?? "", optionName: optionName, depth: depth + 1)
            return (payload, field.type == .group ? WireBytes.startGroup : WireBytes.lengthDelimited)
        case .unrecognized:
            throw fail("Option \"\(optionName)\" has a type options cannot use.")
        }
    }

    /// An expanded `google.protobuf.Any`: its `type_url` and the named message's encoding as `value`.
    private func encodeAnyExpansion(
        _ entry: AggregateEntry, messageName: String, optionName: String,
        depth: Int
    ) throws(OptionError) -> [(field: OptionField, payload: [UInt8], wireType: UInt8)] {
        func fail(_ message: String) -> OptionError {
            OptionError(
                message: "Error while parsing option value for \"\(optionName)\": \(message)", position: entry.start)
        }
        guard messageName == "google.protobuf.Any" else {
            throw fail("Message type \"\(messageName)\" is not google.protobuf.Any.")
        }
        let typeName = String(
            entry.name[entry.name.index(after: entry.name.lastIndex(of: "/") ?? entry.name.startIndex)...])
        guard messages[typeName] != nil else {
            throw fail("Could not find type \"\(typeName)\" stored in google.protobuf.Any.")
        }
        guard case .aggregate(let inner) = entry.value else { throw fail("Expected \"{\".") }
        let value = try encodeAggregate(inner, messageName: typeName, optionName: optionName, depth: depth + 1)
        return [
            (
                OptionField(name: "type_url", number: 1, type: .string), Array(entry.name.utf8),
                WireBytes.lengthDelimited
            ),
            (OptionField(name: "value", number: 2, type: .bytes), value, WireBytes.lengthDelimited),
        ]
    }

    /// Text format also spells infinity and NaN `infinity`, `Inf`, `NaN` (any case).
    static func textFormatSpecialNumber(_ value: OptionValue) -> Double? {
        guard case .identifier(let name, let negative) = value else { return nil }
        switch name.lowercased() {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: return nil
        }
    }

    /// A text-format message value encoded as protoc's dynamic messages are: fields in number
    /// order, repeated values in the order written, packed where the field is packed.
    func encodeAggregate(_ entries: [AggregateEntry], messageName: String, optionName: String, depth: Int)
        throws(OptionError) -> [UInt8]
    {
        guard let position = entries.first?.start else { return [] }
        guard depth <= Parser.maximumDepth else {
            throw OptionError(message: "Option \"\(optionName)\" nests messages too deeply.", position: position)
        }
        let fields = optionFields(of: messageName) ?? []
        var values: [(field: OptionField, payload: [UInt8], wireType: UInt8)] = []
        for entry in entries {
            if entry.isExtension && entry.name.contains("/") {
                // `[type.googleapis.com/pkg.Message] { ... }` fills a google.protobuf.Any.
                values += try encodeAnyExpansion(entry, messageName: messageName, optionName: optionName, depth: depth)
                continue
            }
            let field: OptionField
            if entry.isExtension {
                guard let found = optionExtension(entry.name, in: messageName), found.extendee == messageName else {
                    throw OptionError(
                        message:
                            "Error while parsing option value for \"\(optionName)\": Extension \"\(entry.name)\" is not defined or is not an extension of \"\(messageName)\".",
                        position: entry.start)
                }
                field = found.field
            } else if let known = fields.first(where: {
                $0.name == entry.name
                    || ($0.type == .group && $0.typeName?.split(separator: ".").last.map(String.init) == entry.name)
            }) {
                field = known
            } else {
                throw OptionError(
                    message:
                        "Error while parsing option value for \"\(optionName)\": Message type \"\(messageName)\" has no field named \"\(entry.name)\".",
                    position: entry.start)
            }
            let items: [OptionValue]
            if case .list(let list) = entry.value {
                guard field.isRepeated else {
                    throw OptionError(
                        message:
                            "Error while parsing option value for \"\(optionName)\": Field \"\(field.name)\" is not repeated.",
                        position: entry.start)
                }
                items = list
            } else {
                items = [entry.value]
            }
            if !field.isRepeated && values.contains(where: { $0.field.number == field.number }) {
                throw OptionError(
                    message:
                        "Error while parsing option value for \"\(optionName)\": Non-repeated field \"\(field.name)\" is specified multiple times.",
                    position: entry.start)
            }
            for item in items {
                let (payload, wireType) = try encodeValue(
                    item, for: field, optionName: optionName, at: entry.start, inAggregate: true, depth: depth)
                if field.hasImplicitPresence
                    && (wireType == WireBytes.lengthDelimited ? payload.isEmpty : payload.allSatisfy { $0 == 0 })
                {
                    continue
                }
                values.append((field, payload, wireType))
            }
        }
        var bytes: [UInt8] = []
        var index = 0
        let sorted = values.enumerated().sorted {
            ($0.element.field.number, $0.offset) < ($1.element.field.number, $1.offset)
        }.map(\.element)
        while index < sorted.count {
            let (field, payload, wireType) = sorted[index]
            if field.isPacked {
                var packed: [UInt8] = []
                while index < sorted.count && sorted[index].field.number == field.number {
                    packed += sorted[index].payload
                    index += 1
                }
                bytes += WireBytes.field(field.number, WireBytes.lengthDelimited, packed)
            } else {
                bytes += WireBytes.field(field.number, wireType, payload)
                index += 1
            }
        }
        return bytes
    }
}
