// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// Where each element of a file was declared, and the comments around it.
public struct Google_Protobuf_SourceCodeInfo: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.SourceCodeInfo"

    /// `location` (field 1).
    public var location: [Google_Protobuf_SourceCodeInfo.Location] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_SourceCodeInfo.Location>.self, location, field: 1)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_SourceCodeInfo.Location>.self, location, field: 1)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_SourceCodeInfo.Location>.self, tag, into: &location,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_SourceCodeInfo {
    /// One element's path in the descriptor, its span (zero-based line and column) and its comments.
    public struct Location: Message {
        /// The fully qualified protobuf name of this message.
        public static let protoMessageName = "google.protobuf.SourceCodeInfo.Location"

        /// `path` (field 1).
        public var path: [Int32] = []
        /// `span` (field 2).
        public var span: [Int32] = []
        /// `leading_comments` (field 3).
        public var leadingComments: String?
        /// `trailing_comments` (field 4).
        public var trailingComments: String?
        /// `leading_detached_comments` (field 6).
        public var leadingDetachedComments: [String] = []
        /// Fields this schema does not know (custom options among them), kept for re-encoding.
        public var unknownFields = UnknownFields()

        /// Creates a message with every field unset.
        public init() {}

        /// The exact number of bytes `encode(to:)` writes.
        public func encodedSize() -> Int {
            var size = 0
            size += WireSize.packed(ProtoInt32.self, path, field: 1)
            size += WireSize.packed(ProtoInt32.self, span, field: 2)
            if let leadingComments { size += WireSize.field(ProtoString.self, leadingComments, field: 3) }
            if let trailingComments { size += WireSize.field(ProtoString.self, trailingComments, field: 4) }
            size += WireSize.repeated(ProtoString.self, leadingDetachedComments, field: 6)
            return size + unknownFields.encodedSize
        }

        /// Writes the set fields in field-number order, then the unknown fields.
        public func encode(to writer: inout WireWriter) {
            writer.writePacked(ProtoInt32.self, path, field: 1)
            writer.writePacked(ProtoInt32.self, span, field: 2)
            if let leadingComments { writer.writeField(ProtoString.self, leadingComments, field: 3) }
            if let trailingComments { writer.writeField(ProtoString.self, trailingComments, field: 4) }
            writer.writeRepeated(ProtoString.self, leadingDetachedComments, field: 6)
            unknownFields.encode(to: &writer)
        }

        /// Merges the fields read from `reader` into this message.
        public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: try reader.readRepeated(ProtoInt32.self, tag, into: &path, orKeepIn: &unknownFields)
                case 2: try reader.readRepeated(ProtoInt32.self, tag, into: &span, orKeepIn: &unknownFields)
                case 3 where tag.wireType == .lengthDelimited: leadingComments = try reader.read(ProtoString.self)
                case 4 where tag.wireType == .lengthDelimited: trailingComments = try reader.read(ProtoString.self)
                case 6:
                    try reader.readRepeated(
                        ProtoString.self, tag, into: &leadingDetachedComments, orKeepIn: &unknownFields)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }
}
