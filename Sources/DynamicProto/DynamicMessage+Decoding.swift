#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ProtoCodec

/// Decoding, with ProtoCodec's reader and field codecs, by the same rules as generated
/// code: a known field with an unexpected wire type, and every group, goes to the unknown fields.
extension DynamicMessage {
    /// Decodes a message of `descriptor`'s type from `bytes`.
    ///
    /// - Throws: `ProtoDecodingError` with the field number and byte offset of bad input.
    public init(descriptor: MessageDescriptor, pool: DescriptorPool, serializedBytes bytes: [UInt8])
        throws(ProtoDecodingError)
    {
        self.init(descriptor: descriptor, pool: pool)
        try merge(serializedBytes: bytes)
    }

    /// Merges the fields encoded in `bytes` into this message.
    public mutating func merge(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        let result: Result<Void, ProtoDecodingError> = bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer: buffer)
            do throws(ProtoDecodingError) {
                try decode(from: &reader)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Reads fields until the reader's end, merging them into the message: last value wins
    /// for scalars, messages merge, repeated fields append, map entries replace by key.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            guard let field = descriptor.field(number: tag.fieldNumber), field.type != .group else {
                try reader.skipUnknown(tag, into: &unknownFields)
                continue
            }
            if try !decodeField(field, tag, from: &reader) {
                try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }

    /// Reads one occurrence of `field`; false when the wire type does not fit it.
    mutating func decodeField(_ field: FieldDescriptor, _ tag: FieldTag, from reader: inout WireReader)
        throws(ProtoDecodingError) -> Bool
    {
        if let entry = field.mapEntry {
            guard tag.wireType == .lengthDelimited else { return false }
            let (key, value) = try readEntry(entry, from: &reader)
            maps[field.number, default: [:]][key] = value
            return true
        }
        if field.isRepeated {
            if field.type == .message {
                guard tag.wireType == .lengthDelimited else { return false }
                lists[field.number, default: []].append(.message(try readMessage(field, merging: nil, from: &reader)))
                return true
            }
            guard let codec = field.type.codec else { return false }
            var values = lists[field.number] ?? []
            guard try codec.readRepeatedDynamic(from: &reader, tag, into: &values) else { return false }
            lists[field.number] = values
            return true
        }
        guard tag.wireType == field.type.wireType else { return false }
        let value: DynamicValue
        if field.type == .message {
            var existing: DynamicMessage?
            if case let .message(message) = singular[field.number] { existing = message }
            value = .message(try readMessage(field, merging: existing, from: &reader))
        } else if let codec = field.type.codec {
            value = try codec.readDynamic(from: &reader)
        } else {
            return false
        }
        clearOneof(of: field)
        singular[field.number] = value
        return true
    }

    func readMessage(
        _ field: FieldDescriptor, merging existing: DynamicMessage?, from reader: inout WireReader
    ) throws(ProtoDecodingError) -> DynamicMessage {
        var message = existing ?? DynamicMessage(descriptor: pool.messages[field.typeName ?? ""]!, pool: pool)
        try reader.withNestedReader { (nested: inout WireReader) throws(ProtoDecodingError) in
            try message.decode(from: &nested)
        }
        return message
    }

    /// Reads one map entry; a missing key or value takes its default.
    func readEntry(
        _ entry: MapEntryDescriptor, from reader: inout WireReader
    ) throws(ProtoDecodingError) -> (DynamicValue, DynamicValue) {
        try reader.withNestedReader { (nested: inout WireReader) throws(ProtoDecodingError) in
            var key = entry.key.type.defaultValue ?? .int32(0)
            var value: DynamicValue?
            while let tag = try nested.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == entry.key.type.wireType:
                    key = try entry.key.type.codec?.readDynamic(from: &nested) ?? key
                case 2 where tag.wireType == entry.value.type.wireType:
                    if entry.value.type == .message {
                        var existing: DynamicMessage?
                        if case let .message(message) = value { existing = message }
                        value = .message(try readMessage(entry.value, merging: existing, from: &nested))
                    } else if let codec = entry.value.type.codec {
                        value = try codec.readDynamic(from: &nested)
                    }
                default: _ = try nested.skipField(tag)
                }
            }
            return (key, value ?? defaultValue(of: entry.value))
        }
    }

    /// The value an absent singular field reads as: the type's default, or an empty message.
    func defaultValue(of field: FieldDescriptor) -> DynamicValue {
        if let value = field.type.defaultValue { return value }
        return .message(DynamicMessage(descriptor: pool.messages[field.typeName ?? ""]!, pool: pool))
    }
}
