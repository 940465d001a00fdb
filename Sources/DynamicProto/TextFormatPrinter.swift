import ProtoCodec

/// Prints a dynamic message in the protobuf text format, as `protoc --decode` does:
/// `name: value` lines in field-number order, `name {` blocks for messages and map entries
/// (sorted by key), C-escaped strings and bytes, and unknown fields by number.
struct TextFormatPrinter {
    var text = ""
    var indent = 0

    mutating func line(_ content: String) {
        text += String(repeating: " ", count: indent * 2) + content + "\n"
    }

    mutating func printMessage(_ message: DynamicMessage) {
        for field in message.descriptor.fields where message.has(field) {
            if let entry = field.mapEntry {
                for (key, value) in message.map(of: field).sorted(by: { $0.key < $1.key }) {
                    line(field.name + " {")
                    indent += 1
                    printValue(key, field: entry.key, name: "key", in: message)
                    printValue(value, field: entry.value, name: "value", in: message)
                    indent -= 1
                    line("}")
                }
            } else if field.isRepeated {
                for value in message.list(of: field) { printValue(value, field: field, name: field.name, in: message) }
            } else if let value = message.value(of: field) {
                printValue(value, field: field, name: field.name, in: message)
            }
        }
        printUnknown(message.unknownFields.bytes, budget: 10)
    }

    mutating func printValue(_ value: DynamicValue, field: FieldDescriptor, name: String, in message: DynamicMessage) {
        switch value {
        case let .message(nested):
            line(name + " {")
            indent += 1
            printMessage(nested)
            indent -= 1
            line("}")
        case let .int32(number) where field.type == .enum:
            let enumName = message.pool.enumType(named: field.typeName ?? "")?.name(for: number)
            line(name + ": " + (enumName ?? String(number)))
        default:
            line(name + ": " + Self.scalarText(value))
        }
    }

    static func scalarText(_ value: DynamicValue) -> String {
        switch value {
        case let .int32(number): String(number)
        case let .int64(number): String(number)
        case let .uint32(number): String(number)
        case let .uint64(number): String(number)
        case let .float(number): ProtoScalarText.float(number)
        case let .double(number): ProtoScalarText.double(number)
        case let .bool(flag): flag ? "true" : "false"
        case let .string(string): "\"" + ProtoScalarText.cEscaped(string.utf8) + "\""
        case let .bytes(data): "\"" + ProtoScalarText.cEscaped(data) + "\""
        case .message: ""
        }
    }
}

extension DynamicMessage {
    /// The message in the protobuf text format, as `protoc --decode` prints it.
    public func textFormatString() -> String {
        var printer = TextFormatPrinter()
        printer.printMessage(self)
        return printer.text
    }
}
