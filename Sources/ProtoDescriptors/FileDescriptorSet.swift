// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// A list of compiled `.proto` files, as `protoc --descriptor_set_out` writes it.
public struct Google_Protobuf_FileDescriptorSet: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.FileDescriptorSet"

    /// `file` (field 1).
    public var file: [Google_Protobuf_FileDescriptorProto] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_FileDescriptorProto>.self, file, field: 1)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_FileDescriptorProto>.self, file, field: 1)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_FileDescriptorProto>.self, tag, into: &file,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// One compiled `.proto` file: its package, imports, types, services and options.
public struct Google_Protobuf_FileDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.FileDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `package` (field 2).
    public var `package`: String?
    /// `dependency` (field 3).
    public var dependency: [String] = []
    /// `public_dependency` (field 10).
    public var publicDependency: [Int32] = []
    /// `weak_dependency` (field 11).
    public var weakDependency: [Int32] = []
    /// `message_type` (field 4).
    public var messageType: [Google_Protobuf_DescriptorProto] = []
    /// `enum_type` (field 5).
    public var enumType: [Google_Protobuf_EnumDescriptorProto] = []
    /// `service` (field 6).
    public var service: [Google_Protobuf_ServiceDescriptorProto] = []
    /// `extension` (field 7).
    public var `extension`: [Google_Protobuf_FieldDescriptorProto] = []
    /// `options` (field 8).
    public var options: Google_Protobuf_FileOptions?
    /// `source_code_info` (field 9).
    public var sourceCodeInfo: Google_Protobuf_SourceCodeInfo?
    /// `syntax` (field 12).
    public var syntax: String?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        if let value = `package` { size += WireSize.field(ProtoString.self, value, field: 2) }
        size += WireSize.repeated(ProtoString.self, dependency, field: 3)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, messageType, field: 4)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, enumType, field: 5)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_ServiceDescriptorProto>.self, service, field: 6)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, `extension`, field: 7)
        if let options { size += WireSize.message(options, field: 8) }
        if let sourceCodeInfo { size += WireSize.message(sourceCodeInfo, field: 9) }
        size += WireSize.repeated(ProtoInt32.self, publicDependency, field: 10)
        size += WireSize.repeated(ProtoInt32.self, weakDependency, field: 11)
        if let syntax { size += WireSize.field(ProtoString.self, syntax, field: 12) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        if let value = `package` { writer.writeField(ProtoString.self, value, field: 2) }
        writer.writeRepeated(ProtoString.self, dependency, field: 3)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, messageType, field: 4)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, enumType, field: 5)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_ServiceDescriptorProto>.self, service, field: 6)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, `extension`, field: 7)
        if let options { writer.writeMessage(options, field: 8) }
        if let sourceCodeInfo { writer.writeMessage(sourceCodeInfo, field: 9) }
        writer.writeRepeated(ProtoInt32.self, publicDependency, field: 10)
        writer.writeRepeated(ProtoInt32.self, weakDependency, field: 11)
        if let syntax { writer.writeField(ProtoString.self, syntax, field: 12) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .lengthDelimited: `package` = try reader.read(ProtoString.self)
            case 3: try reader.readRepeated(ProtoString.self, tag, into: &dependency, orKeepIn: &unknownFields)
            case 4:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, tag, into: &messageType,
                    orKeepIn: &unknownFields)
            case 5:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, tag, into: &enumType,
                    orKeepIn: &unknownFields)
            case 6:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_ServiceDescriptorProto>.self, tag, into: &service,
                    orKeepIn: &unknownFields)
            case 7:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &`extension`,
                    orKeepIn: &unknownFields)
            case 8 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            case 9 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &sourceCodeInfo)
            case 10: try reader.readRepeated(ProtoInt32.self, tag, into: &publicDependency, orKeepIn: &unknownFields)
            case 11: try reader.readRepeated(ProtoInt32.self, tag, into: &weakDependency, orKeepIn: &unknownFields)
            case 12 where tag.wireType == .lengthDelimited: syntax = try reader.read(ProtoString.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}
