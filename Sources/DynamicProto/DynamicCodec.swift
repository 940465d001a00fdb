#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ProtoCodec

/// A ProtoCodec field codec whose Swift value converts to and from `DynamicValue`, so that
/// dynamic messages reuse the generated code's wire rules.
protocol DynamicCodec: FieldCodec where Value: DynamicRepresentable {}

/// A Swift value that a `DynamicValue` case holds.
protocol DynamicRepresentable {
    /// Extracts the value; nil when `value` holds another case.
    init?(_ value: DynamicValue)
    /// Wraps the value.
    var dynamicValue: DynamicValue { get }
}

extension DynamicCodec {
    static var defaultDynamicValue: DynamicValue { defaultValue.dynamicValue }

    /// Bytes `value` takes without its key; 0 when it holds the wrong case.
    static func dynamicSize(of value: DynamicValue) -> Int {
        Value(value).map { encodedSize(of: $0) } ?? 0
    }

    /// Writes `value` without its key.
    static func writeDynamic(_ value: DynamicValue, to writer: inout WireWriter) {
        if let typed = Value(value) { write(typed, to: &writer) }
    }

    /// True when `value` is this type's default.
    static func isDynamicDefault(_ value: DynamicValue) -> Bool {
        Value(value).map { isDefault($0) } ?? true
    }

    /// Reads one value.
    static func readDynamic(from reader: inout WireReader) throws(ProtoDecodingError) -> DynamicValue {
        try read(from: &reader).dynamicValue
    }

    /// Reads one element or one packed run of a repeated field; false if `tag` fits neither.
    static func readRepeatedDynamic(
        from reader: inout WireReader, _ tag: FieldTag, into values: inout [DynamicValue]
    ) throws(ProtoDecodingError) -> Bool {
        var typed: [Value] = []
        guard try reader.readRepeated(Self.self, tag, into: &typed) else { return false }
        values.append(contentsOf: typed.map(\.dynamicValue))
        return true
    }
}

extension ProtoInt32: DynamicCodec {}
extension ProtoSInt32: DynamicCodec {}
extension ProtoSFixed32: DynamicCodec {}
extension ProtoInt64: DynamicCodec {}
extension ProtoSInt64: DynamicCodec {}
extension ProtoSFixed64: DynamicCodec {}
extension ProtoUInt32: DynamicCodec {}
extension ProtoFixed32: DynamicCodec {}
extension ProtoUInt64: DynamicCodec {}
extension ProtoFixed64: DynamicCodec {}
extension ProtoFloat: DynamicCodec {}
extension ProtoDouble: DynamicCodec {}
extension ProtoBool: DynamicCodec {}
extension ProtoString: DynamicCodec {}
extension ProtoBytes: DynamicCodec {}

extension DynamicRepresentable {
    /// Extracts the value when `value` holds this type.
    init?(_ value: DynamicValue) {
        guard let typed = value.payload as? Self else { return nil }
        self = typed
    }
}

extension DynamicValue {
    /// The Swift value the case holds.
    var payload: Any {
        switch self {
        case let .int32(value): value
        case let .int64(value): value
        case let .uint32(value): value
        case let .uint64(value): value
        case let .float(value): value
        case let .double(value): value
        case let .bool(value): value
        case let .string(value): value
        case let .bytes(value): value
        case let .message(value): value
        }
    }
}

extension Int32: DynamicRepresentable {
    var dynamicValue: DynamicValue { .int32(self) }
}

extension Int64: DynamicRepresentable {
    var dynamicValue: DynamicValue { .int64(self) }
}

extension UInt32: DynamicRepresentable {
    var dynamicValue: DynamicValue { .uint32(self) }
}

extension UInt64: DynamicRepresentable {
    var dynamicValue: DynamicValue { .uint64(self) }
}

extension Float: DynamicRepresentable {
    var dynamicValue: DynamicValue { .float(self) }
}

extension Double: DynamicRepresentable {
    var dynamicValue: DynamicValue { .double(self) }
}

extension Bool: DynamicRepresentable {
    var dynamicValue: DynamicValue { .bool(self) }
}

extension String: DynamicRepresentable {
    var dynamicValue: DynamicValue { .string(self) }
}

extension Data: DynamicRepresentable {
    var dynamicValue: DynamicValue { .bytes(self) }
}
