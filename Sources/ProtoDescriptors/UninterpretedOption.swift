// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ProtoCodec

/// An option as the parser read it, before it was resolved to a field of an options message.
public struct Google_Protobuf_UninterpretedOption: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.UninterpretedOption"

    /// `name` (field 2).
    public var name: [Google_Protobuf_UninterpretedOption.NamePart] = []
    /// `identifier_value` (field 3).
    public var identifierValue: String?
    /// `positive_int_value` (field 4).
    public var positiveIntValue: UInt64?
    /// `negative_int_value` (field 5).
    public var negativeIntValue: Int64?
    /// `double_value` (field 6).
    public var doubleValue: Double?
    /// `string_value` (field 7).
    public var stringValue: Data?
    /// `aggregate_value` (field 8).
    public var aggregateValue: String?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_UninterpretedOption.NamePart>.self, name, field: 2)
        if let identifierValue { size += WireSize.field(ProtoString.self, identifierValue, field: 3) }
        if let positiveIntValue { size += WireSize.field(ProtoUInt64.self, positiveIntValue, field: 4) }
        if let negativeIntValue { size += WireSize.field(ProtoInt64.self, negativeIntValue, field: 5) }
        if let doubleValue { size += WireSize.field(ProtoDouble.self, doubleValue, field: 6) }
        if let stringValue { size += WireSize.field(ProtoBytes.self, stringValue, field: 7) }
        if let aggregateValue { size += WireSize.field(ProtoString.self, aggregateValue, field: 8) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_UninterpretedOption.NamePart>.self, name, field: 2)
        if let identifierValue { writer.writeField(ProtoString.self, identifierValue, field: 3) }
        if let positiveIntValue { writer.writeField(ProtoUInt64.self, positiveIntValue, field: 4) }
        if let negativeIntValue { writer.writeField(ProtoInt64.self, negativeIntValue, field: 5) }
        if let doubleValue { writer.writeField(ProtoDouble.self, doubleValue, field: 6) }
        if let stringValue { writer.writeField(ProtoBytes.self, stringValue, field: 7) }
        if let aggregateValue { writer.writeField(ProtoString.self, aggregateValue, field: 8) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 2:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption.NamePart>.self, tag, into: &name,
                    orKeepIn: &unknownFields)
            case 3 where tag.wireType == .lengthDelimited: identifierValue = try reader.read(ProtoString.self)
            case 4 where tag.wireType == .varint: positiveIntValue = try reader.read(ProtoUInt64.self)
            case 5 where tag.wireType == .varint: negativeIntValue = try reader.read(ProtoInt64.self)
            case 6 where tag.wireType == .fixed64: doubleValue = try reader.read(ProtoDouble.self)
            case 7 where tag.wireType == .lengthDelimited: stringValue = try reader.read(ProtoBytes.self)
            case 8 where tag.wireType == .lengthDelimited: aggregateValue = try reader.read(ProtoString.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_UninterpretedOption {
    /// One dotted part of an option name; `isExtension` marks a parenthesised part.
    public struct NamePart: Message {
        /// The fully qualified protobuf name of this message.
        public static let protoMessageName = "google.protobuf.UninterpretedOption.NamePart"

        /// `name_part` (field 1).
        public var namePart: String?
        /// `is_extension` (field 2).
        public var isExtension: Bool?
        /// Fields this schema does not know (custom options among them), kept for re-encoding.
        public var unknownFields = UnknownFields()

        /// Creates a message with every field unset.
        public init() {}

        /// The exact number of bytes `encode(to:)` writes.
        public func encodedSize() -> Int {
            var size = 0
            if let namePart { size += WireSize.field(ProtoString.self, namePart, field: 1) }
            if let isExtension { size += WireSize.field(ProtoBool.self, isExtension, field: 2) }
            return size + unknownFields.encodedSize
        }

        /// Writes the set fields in field-number order, then the unknown fields.
        public func encode(to writer: inout WireWriter) {
            if let namePart { writer.writeField(ProtoString.self, namePart, field: 1) }
            if let isExtension { writer.writeField(ProtoBool.self, isExtension, field: 2) }
            unknownFields.encode(to: &writer)
        }

        /// Merges the fields read from `reader` into this message.
        public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == .lengthDelimited: namePart = try reader.read(ProtoString.self)
                case 2 where tag.wireType == .varint: isExtension = try reader.read(ProtoBool.self)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }
}
