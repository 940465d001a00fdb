// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// A service: its methods and options.
public struct Google_Protobuf_ServiceDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.ServiceDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `method` (field 2).
    public var method: [Google_Protobuf_MethodDescriptorProto] = []
    /// `options` (field 3).
    public var options: Google_Protobuf_ServiceOptions?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_MethodDescriptorProto>.self, method, field: 2)
        if let options { size += WireSize.message(options, field: 3) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_MethodDescriptorProto>.self, method, field: 2)
        if let options { writer.writeMessage(options, field: 3) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_MethodDescriptorProto>.self, tag, into: &method,
                    orKeepIn: &unknownFields)
            case 3 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// One method of a service: request and response types and whether each side streams.
public struct Google_Protobuf_MethodDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.MethodDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `input_type` (field 2).
    public var inputType: String?
    /// `output_type` (field 3).
    public var outputType: String?
    /// `options` (field 4).
    public var options: Google_Protobuf_MethodOptions?
    /// `client_streaming` (field 5).
    public var clientStreaming: Bool?
    /// `server_streaming` (field 6).
    public var serverStreaming: Bool?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        if let inputType { size += WireSize.field(ProtoString.self, inputType, field: 2) }
        if let outputType { size += WireSize.field(ProtoString.self, outputType, field: 3) }
        if let options { size += WireSize.message(options, field: 4) }
        if let clientStreaming { size += WireSize.field(ProtoBool.self, clientStreaming, field: 5) }
        if let serverStreaming { size += WireSize.field(ProtoBool.self, serverStreaming, field: 6) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        if let inputType { writer.writeField(ProtoString.self, inputType, field: 2) }
        if let outputType { writer.writeField(ProtoString.self, outputType, field: 3) }
        if let options { writer.writeMessage(options, field: 4) }
        if let clientStreaming { writer.writeField(ProtoBool.self, clientStreaming, field: 5) }
        if let serverStreaming { writer.writeField(ProtoBool.self, serverStreaming, field: 6) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .lengthDelimited: inputType = try reader.read(ProtoString.self)
            case 3 where tag.wireType == .lengthDelimited: outputType = try reader.read(ProtoString.self)
            case 4 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            case 5 where tag.wireType == .varint: clientStreaming = try reader.read(ProtoBool.self)
            case 6 where tag.wireType == .varint: serverStreaming = try reader.read(ProtoBool.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}
