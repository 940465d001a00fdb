#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `int32`: a varint; negative values are sign-extended to ten bytes.
public enum ProtoInt32: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int32 { 0 }
    @inlinable public static func encodedSize(of value: Int32) -> Int {
        WireSize.varint(UInt64(bitPattern: Int64(value)))
    }
    @inlinable public static func write(_ value: Int32, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: Int64(value)))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try reader.readVarint())
    }
}

/// `int64`: a varint of the two's-complement value.
public enum ProtoInt64: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int64 { 0 }
    @inlinable public static func encodedSize(of value: Int64) -> Int { WireSize.varint(UInt64(bitPattern: value)) }
    @inlinable public static func write(_ value: Int64, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: value))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try reader.readVarint())
    }
}

/// `uint32`: a varint.
public enum ProtoUInt32: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: UInt32 { 0 }
    @inlinable public static func encodedSize(of value: UInt32) -> Int { WireSize.varint(value) }
    @inlinable public static func write(_ value: UInt32, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(value))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try reader.readVarint())
    }
}

/// `uint64`: a varint.
public enum ProtoUInt64: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: UInt64 { 0 }
    @inlinable public static func encodedSize(of value: UInt64) -> Int { WireSize.varint(value) }
    @inlinable public static func write(_ value: UInt64, to writer: inout WireWriter) { writer.writeVarint(value) }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> UInt64 {
        try reader.readVarint()
    }
}

/// `sint32`: a ZigZag-encoded varint.
public enum ProtoSInt32: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int32 { 0 }
    @inlinable static func zigZag(_ value: Int32) -> UInt32 { UInt32(bitPattern: (value << 1) ^ (value >> 31)) }
    @inlinable public static func encodedSize(of value: Int32) -> Int { WireSize.varint(zigZag(value)) }
    @inlinable public static func write(_ value: Int32, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(zigZag(value)))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try reader.readVarint())
        return Int32(bitPattern: raw >> 1) ^ -Int32(bitPattern: raw & 1)
    }
}

/// `sint64`: a ZigZag-encoded varint.
public enum ProtoSInt64: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Int64 { 0 }
    @inlinable static func zigZag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    @inlinable public static func encodedSize(of value: Int64) -> Int { WireSize.varint(zigZag(value)) }
    @inlinable public static func write(_ value: Int64, to writer: inout WireWriter) {
        writer.writeVarint(zigZag(value))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int64 {
        let raw = try reader.readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }
}

/// `fixed32`: four little-endian bytes.
public enum ProtoFixed32: PackableFieldCodec {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: UInt32 { 0 }
    @inlinable public static func encodedSize(of value: UInt32) -> Int { 4 }
    @inlinable public static func write(_ value: UInt32, to writer: inout WireWriter) { writer.writeFixed32(value) }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> UInt32 {
        try reader.readFixed32()
    }
}

/// `fixed64`: eight little-endian bytes.
public enum ProtoFixed64: PackableFieldCodec {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: UInt64 { 0 }
    @inlinable public static func encodedSize(of value: UInt64) -> Int { 8 }
    @inlinable public static func write(_ value: UInt64, to writer: inout WireWriter) { writer.writeFixed64(value) }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> UInt64 {
        try reader.readFixed64()
    }
}

/// `sfixed32`: four little-endian bytes, signed.
public enum ProtoSFixed32: PackableFieldCodec {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: Int32 { 0 }
    @inlinable public static func encodedSize(of value: Int32) -> Int { 4 }
    @inlinable public static func write(_ value: Int32, to writer: inout WireWriter) {
        writer.writeFixed32(UInt32(bitPattern: value))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int32 {
        Int32(bitPattern: try reader.readFixed32())
    }
}

/// `sfixed64`: eight little-endian bytes, signed.
public enum ProtoSFixed64: PackableFieldCodec {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: Int64 { 0 }
    @inlinable public static func encodedSize(of value: Int64) -> Int { 8 }
    @inlinable public static func write(_ value: Int64, to writer: inout WireWriter) {
        writer.writeFixed64(UInt64(bitPattern: value))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Int64 {
        Int64(bitPattern: try reader.readFixed64())
    }
}

/// `float`: an IEEE 754 single, four little-endian bytes.
public enum ProtoFloat: PackableFieldCodec {
    public static var wireType: WireType { .fixed32 }
    public static var defaultValue: Float { 0 }
    @inlinable public static func isDefault(_ value: Float) -> Bool { value.bitPattern == 0 }
    @inlinable public static func encodedSize(of value: Float) -> Int { 4 }
    @inlinable public static func write(_ value: Float, to writer: inout WireWriter) {
        writer.writeFixed32(value.bitPattern)
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Float {
        Float(bitPattern: try reader.readFixed32())
    }
}

/// `double`: an IEEE 754 double, eight little-endian bytes.
public enum ProtoDouble: PackableFieldCodec {
    public static var wireType: WireType { .fixed64 }
    public static var defaultValue: Double { 0 }
    @inlinable public static func isDefault(_ value: Double) -> Bool { value.bitPattern == 0 }
    @inlinable public static func encodedSize(of value: Double) -> Int { 8 }
    @inlinable public static func write(_ value: Double, to writer: inout WireWriter) {
        writer.writeFixed64(value.bitPattern)
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Double {
        Double(bitPattern: try reader.readFixed64())
    }
}

/// `bool`: a varint 0 or 1 (any non-zero varint reads as true).
public enum ProtoBool: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Bool { false }
    @inlinable public static func encodedSize(of value: Bool) -> Int { 1 }
    @inlinable public static func write(_ value: Bool, to writer: inout WireWriter) {
        writer.writeVarint(value ? 1 : 0)
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Bool {
        try reader.readVarint() != 0
    }
}

/// `string`: length-delimited UTF-8, validated on decode.
public enum ProtoString: FieldCodec {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: String { "" }
    @inlinable public static func isDefault(_ value: String) -> Bool { value.isEmpty }
    @inlinable public static func encodedSize(of value: String) -> Int { WireSize.lengthDelimited(value.utf8.count) }
    @inlinable public static func write(_ value: String, to writer: inout WireWriter) {
        var value = value
        value.withUTF8 { writer.writeLengthDelimited(UnsafeRawBufferPointer($0)) }
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> String {
        let bytes = try reader.readLengthDelimited()
        // Decoding replaces each invalid sequence with U+FFFD, so the input was valid UTF-8
        // exactly when the result's bytes are the input's. This is several times faster
        // than `String(validating:as:)`, which is not specialised for raw buffers.
        var string = String(decoding: bytes, as: UTF8.self)
        if isASCII(bytes) { return string }
        let valid = string.withUTF8 { utf8 in
            utf8.count == bytes.count && UnsafeRawBufferPointer(utf8).elementsEqual(bytes)
        }
        guard valid else { throw reader.error(.invalidUTF8, at: bytes) }
        return string
    }

    /// True when every byte is below 0x80, checked eight bytes at a time.
    @inlinable static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var highBits: UInt64 = 0
        while index &+ 8 <= bytes.count {
            highBits |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < bytes.count {
            highBits |= UInt64(bytes[index])
            index &+= 1
        }
        return highBits & 0x8080_8080_8080_8080 == 0
    }
}

/// `bytes`: length-delimited raw bytes, held as `Data`.
public enum ProtoBytes: FieldCodec {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: Data { Data() }
    @inlinable public static func isDefault(_ value: Data) -> Bool { value.isEmpty }
    @inlinable public static func encodedSize(of value: Data) -> Int { WireSize.lengthDelimited(value.count) }
    @inlinable public static func write(_ value: Data, to writer: inout WireWriter) {
        value.withUnsafeBytes { writer.writeLengthDelimited($0) }
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Data {
        Data(try reader.readLengthDelimited())
    }
}

/// An enum field of type `E`: a varint of the number, unknown numbers kept.
public enum ProtoEnumCodec<E: ProtoEnum>: PackableFieldCodec {
    public static var wireType: WireType { .varint }
    public static var defaultValue: E { E() }
    @inlinable public static func encodedSize(of value: E) -> Int {
        WireSize.varint(UInt64(bitPattern: Int64(value.rawValue)))
    }
    @inlinable public static func write(_ value: E, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> E {
        E(rawValue: Int32(truncatingIfNeeded: try reader.readVarint()))
    }
}

/// A message field of type `M`, used for map values and repeated messages.
public enum ProtoMessageCodec<M: Message>: FieldCodec {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: M { M() }
    @inlinable public static func encodedSize(of value: M) -> Int { WireSize.lengthDelimited(value.encodedSize()) }
    @inlinable public static func write(_ value: M, to writer: inout WireWriter) {
        writer.writeLengthPrefixed { value.encode(to: &$0) }
    }
    @inlinable public static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> M {
        var message = M()
        try reader.withNestedReader { (nested: inout WireReader) throws(ProtoDecodingError) in
            try message.decode(from: &nested)
        }
        return message
    }
}
