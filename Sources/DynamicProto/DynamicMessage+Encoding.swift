#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ProtoCodec

/// Encoding, with ProtoCodec's writer and field codecs: fields in number order (map
/// entries by key, for deterministic output), then the unknown fields.
extension DynamicMessage {
    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = unknownFields.encodedSize
        for field in descriptor.fields {
            if let entry = field.mapEntry {
                for (key, value) in maps[field.number] ?? [:] {
                    size += WireSize.tag(field.number) + WireSize.lengthDelimited(Self.entrySize(entry, key, value))
                }
            } else if field.isRepeated {
                let values = lists[field.number] ?? []
                guard !values.isEmpty else { continue }
                if field.isPacked, let codec = field.type.codec {
                    let payload = values.reduce(0) { $0 + codec.dynamicSize(of: $1) }
                    size += WireSize.tag(field.number) + WireSize.lengthDelimited(payload)
                } else {
                    size += values.reduce(0) { $0 + WireSize.tag(field.number) + Self.valueSize($1, field.type) }
                }
            } else if let value = singular[field.number], field.hasPresence || !Self.isDefault(value, field.type) {
                size += WireSize.tag(field.number) + Self.valueSize(value, field.type)
            }
        }
        return size
    }

    /// Writes the message; the writer must have room for `encodedSize()` bytes.
    public func encode(to writer: inout WireWriter) {
        for field in descriptor.fields {
            if let entry = field.mapEntry {
                for (key, value) in (maps[field.number] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    writer.writeTag(field.number, .lengthDelimited)
                    writer.writeVarint(UInt64(Self.entrySize(entry, key, value)))
                    writer.writeTag(1, entry.key.type.wireType)
                    Self.writeValue(key, entry.key.type, to: &writer)
                    writer.writeTag(2, entry.value.type.wireType)
                    Self.writeValue(value, entry.value.type, to: &writer)
                }
            } else if field.isRepeated {
                let values = lists[field.number] ?? []
                guard !values.isEmpty else { continue }
                if field.isPacked, let codec = field.type.codec {
                    writer.writeTag(field.number, .lengthDelimited)
                    writer.writeVarint(UInt64(values.reduce(0) { $0 + codec.dynamicSize(of: $1) }))
                    for value in values { codec.writeDynamic(value, to: &writer) }
                } else {
                    for value in values {
                        writer.writeTag(field.number, field.type.wireType)
                        Self.writeValue(value, field.type, to: &writer)
                    }
                }
            } else if let value = singular[field.number], field.hasPresence || !Self.isDefault(value, field.type) {
                writer.writeTag(field.number, field.type.wireType)
                Self.writeValue(value, field.type, to: &writer)
            }
        }
        unknownFields.encode(to: &writer)
    }

    /// Encodes the message into a new array of exactly the right size.
    public func serializedBytes() -> [UInt8] {
        let size = encodedSize()
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var writer = WireWriter(buffer: UnsafeMutableRawBufferPointer(buffer))
            encode(to: &writer)
            precondition(writer.bytesWritten == size, "encodedSize() disagrees with encode(to:)")
            count = size
        }
    }

    /// Bytes a value takes without its key (a message with its length prefix).
    static func valueSize(_ value: DynamicValue, _ type: FieldType) -> Int {
        if case let .message(message) = value { return WireSize.lengthDelimited(message.encodedSize()) }
        return type.codec?.dynamicSize(of: value) ?? 0
    }

    static func writeValue(_ value: DynamicValue, _ type: FieldType, to writer: inout WireWriter) {
        if case let .message(message) = value {
            writer.writeVarint(UInt64(message.encodedSize()))
            message.encode(to: &writer)
        } else {
            type.codec?.writeDynamic(value, to: &writer)
        }
    }

    /// Size of a map entry's key and value fields; both are always written, as ProtoCodec does.
    static func entrySize(_ entry: MapEntryDescriptor, _ key: DynamicValue, _ value: DynamicValue) -> Int {
        2 + valueSize(key, entry.key.type) + valueSize(value, entry.value.type)
    }
}
