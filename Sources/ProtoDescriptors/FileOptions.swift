// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// File-level options (`option java_package = ...;`, `option swift_prefix = ...;`).
public struct Google_Protobuf_FileOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.FileOptions"

    /// `java_package` (field 1).
    public var javaPackage: String?
    /// `java_outer_classname` (field 8).
    public var javaOuterClassname: String?
    /// `java_multiple_files` (field 10).
    public var javaMultipleFiles: Bool?
    /// `java_generate_equals_and_hash` (field 20).
    public var javaGenerateEqualsAndHash: Bool?
    /// `java_string_check_utf8` (field 27).
    public var javaStringCheckUtf8: Bool?
    /// `optimize_for` (field 9).
    public var optimizeFor: Google_Protobuf_FileOptions.OptimizeMode?
    /// `go_package` (field 11).
    public var goPackage: String?
    /// `cc_generic_services` (field 16).
    public var ccGenericServices: Bool?
    /// `java_generic_services` (field 17).
    public var javaGenericServices: Bool?
    /// `py_generic_services` (field 18).
    public var pyGenericServices: Bool?
    /// `php_generic_services` (field 42).
    public var phpGenericServices: Bool?
    /// `deprecated` (field 23).
    public var deprecated: Bool?
    /// `cc_enable_arenas` (field 31).
    public var ccEnableArenas: Bool?
    /// `objc_class_prefix` (field 36).
    public var objcClassPrefix: String?
    /// `csharp_namespace` (field 37).
    public var csharpNamespace: String?
    /// `swift_prefix` (field 39).
    public var swiftPrefix: String?
    /// `php_class_prefix` (field 40).
    public var phpClassPrefix: String?
    /// `php_namespace` (field 41).
    public var phpNamespace: String?
    /// `php_metadata_namespace` (field 44).
    public var phpMetadataNamespace: String?
    /// `ruby_package` (field 45).
    public var rubyPackage: String?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let javaPackage { size += WireSize.field(ProtoString.self, javaPackage, field: 1) }
        if let javaOuterClassname { size += WireSize.field(ProtoString.self, javaOuterClassname, field: 8) }
        if let optimizeFor {
            size += WireSize.field(ProtoEnumCodec<Google_Protobuf_FileOptions.OptimizeMode>.self, optimizeFor, field: 9)
        }
        if let javaMultipleFiles { size += WireSize.field(ProtoBool.self, javaMultipleFiles, field: 10) }
        if let goPackage { size += WireSize.field(ProtoString.self, goPackage, field: 11) }
        if let ccGenericServices { size += WireSize.field(ProtoBool.self, ccGenericServices, field: 16) }
        if let javaGenericServices { size += WireSize.field(ProtoBool.self, javaGenericServices, field: 17) }
        if let pyGenericServices { size += WireSize.field(ProtoBool.self, pyGenericServices, field: 18) }
        if let javaGenerateEqualsAndHash {
            size += WireSize.field(ProtoBool.self, javaGenerateEqualsAndHash, field: 20)
        }
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 23) }
        if let javaStringCheckUtf8 { size += WireSize.field(ProtoBool.self, javaStringCheckUtf8, field: 27) }
        if let ccEnableArenas { size += WireSize.field(ProtoBool.self, ccEnableArenas, field: 31) }
        if let objcClassPrefix { size += WireSize.field(ProtoString.self, objcClassPrefix, field: 36) }
        if let csharpNamespace { size += WireSize.field(ProtoString.self, csharpNamespace, field: 37) }
        if let swiftPrefix { size += WireSize.field(ProtoString.self, swiftPrefix, field: 39) }
        if let phpClassPrefix { size += WireSize.field(ProtoString.self, phpClassPrefix, field: 40) }
        if let phpNamespace { size += WireSize.field(ProtoString.self, phpNamespace, field: 41) }
        if let phpGenericServices { size += WireSize.field(ProtoBool.self, phpGenericServices, field: 42) }
        if let phpMetadataNamespace { size += WireSize.field(ProtoString.self, phpMetadataNamespace, field: 44) }
        if let rubyPackage { size += WireSize.field(ProtoString.self, rubyPackage, field: 45) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let javaPackage { writer.writeField(ProtoString.self, javaPackage, field: 1) }
        if let javaOuterClassname { writer.writeField(ProtoString.self, javaOuterClassname, field: 8) }
        if let optimizeFor {
            writer.writeField(ProtoEnumCodec<Google_Protobuf_FileOptions.OptimizeMode>.self, optimizeFor, field: 9)
        }
        if let javaMultipleFiles { writer.writeField(ProtoBool.self, javaMultipleFiles, field: 10) }
        if let goPackage { writer.writeField(ProtoString.self, goPackage, field: 11) }
        if let ccGenericServices { writer.writeField(ProtoBool.self, ccGenericServices, field: 16) }
        if let javaGenericServices { writer.writeField(ProtoBool.self, javaGenericServices, field: 17) }
        if let pyGenericServices { writer.writeField(ProtoBool.self, pyGenericServices, field: 18) }
        if let javaGenerateEqualsAndHash { writer.writeField(ProtoBool.self, javaGenerateEqualsAndHash, field: 20) }
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 23) }
        if let javaStringCheckUtf8 { writer.writeField(ProtoBool.self, javaStringCheckUtf8, field: 27) }
        if let ccEnableArenas { writer.writeField(ProtoBool.self, ccEnableArenas, field: 31) }
        if let objcClassPrefix { writer.writeField(ProtoString.self, objcClassPrefix, field: 36) }
        if let csharpNamespace { writer.writeField(ProtoString.self, csharpNamespace, field: 37) }
        if let swiftPrefix { writer.writeField(ProtoString.self, swiftPrefix, field: 39) }
        if let phpClassPrefix { writer.writeField(ProtoString.self, phpClassPrefix, field: 40) }
        if let phpNamespace { writer.writeField(ProtoString.self, phpNamespace, field: 41) }
        if let phpGenericServices { writer.writeField(ProtoBool.self, phpGenericServices, field: 42) }
        if let phpMetadataNamespace { writer.writeField(ProtoString.self, phpMetadataNamespace, field: 44) }
        if let rubyPackage { writer.writeField(ProtoString.self, rubyPackage, field: 45) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: javaPackage = try reader.read(ProtoString.self)
            case 8 where tag.wireType == .lengthDelimited: javaOuterClassname = try reader.read(ProtoString.self)
            case 9 where tag.wireType == .varint:
                optimizeFor = try reader.read(ProtoEnumCodec<Google_Protobuf_FileOptions.OptimizeMode>.self)
            case 10 where tag.wireType == .varint: javaMultipleFiles = try reader.read(ProtoBool.self)
            case 11 where tag.wireType == .lengthDelimited: goPackage = try reader.read(ProtoString.self)
            case 16 where tag.wireType == .varint: ccGenericServices = try reader.read(ProtoBool.self)
            case 17 where tag.wireType == .varint: javaGenericServices = try reader.read(ProtoBool.self)
            case 18 where tag.wireType == .varint: pyGenericServices = try reader.read(ProtoBool.self)
            case 20 where tag.wireType == .varint: javaGenerateEqualsAndHash = try reader.read(ProtoBool.self)
            case 23 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 27 where tag.wireType == .varint: javaStringCheckUtf8 = try reader.read(ProtoBool.self)
            case 31 where tag.wireType == .varint: ccEnableArenas = try reader.read(ProtoBool.self)
            case 36 where tag.wireType == .lengthDelimited: objcClassPrefix = try reader.read(ProtoString.self)
            case 37 where tag.wireType == .lengthDelimited: csharpNamespace = try reader.read(ProtoString.self)
            case 39 where tag.wireType == .lengthDelimited: swiftPrefix = try reader.read(ProtoString.self)
            case 40 where tag.wireType == .lengthDelimited: phpClassPrefix = try reader.read(ProtoString.self)
            case 41 where tag.wireType == .lengthDelimited: phpNamespace = try reader.read(ProtoString.self)
            case 42 where tag.wireType == .varint: phpGenericServices = try reader.read(ProtoBool.self)
            case 44 where tag.wireType == .lengthDelimited: phpMetadataNamespace = try reader.read(ProtoString.self)
            case 45 where tag.wireType == .lengthDelimited: rubyPackage = try reader.read(ProtoString.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_FileOptions {
    /// What the C++ and Java generators optimise for.
    public enum OptimizeMode: ProtoEnum {
        /// `SPEED` = 1.
        case speed
        /// `CODE_SIZE` = 2.
        case codeSize
        /// `LITE_RUNTIME` = 3.
        case liteRuntime
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .speed }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .speed
            case 2: self = .codeSize
            case 3: self = .liteRuntime
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .speed: 1
            case .codeSize: 2
            case .liteRuntime: 3
            case .unrecognized(let number): number
            }
        }
    }
}
