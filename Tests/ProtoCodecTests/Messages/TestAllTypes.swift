import Foundation
import ProtoCodec

// Hand-written in the shape the generator emits, until the generator lands.
// Schema: Protos/codectest/test_messages.proto, message codectest.TestAllTypes.

struct TestAllTypes: Message {
    static var protoMessageName: String { "codectest.TestAllTypes" }

    enum NestedEnum: ProtoEnum {
        case zero
        case foo
        case bar
        case baz
        case neg
        case unrecognized(Int32)

        init() { self = .zero }

        init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .zero
            case 1: self = .foo
            case 2: self = .bar
            case 3: self = .baz
            case -1: self = .neg
            default: self = .unrecognized(rawValue)
            }
        }

        var rawValue: Int32 {
            switch self {
            case .zero: 0
            case .foo: 1
            case .bar: 2
            case .baz: 3
            case .neg: -1
            case let .unrecognized(value): value
            }
        }
    }

    struct NestedMessage: Message {
        static var protoMessageName: String { "codectest.TestAllTypes.NestedMessage" }
        var a: Int32 = 0
        var b: String = ""
        var unknownFields = UnknownFields()

        func encodedSize() -> Int {
            WireSize.nonDefault(ProtoInt32.self, a, field: 1)
                + WireSize.nonDefault(ProtoString.self, b, field: 2)
                + unknownFields.encodedSize
        }

        func encode(to writer: inout WireWriter) {
            writer.writeNonDefault(ProtoInt32.self, a, field: 1)
            writer.writeNonDefault(ProtoString.self, b, field: 2)
            unknownFields.encode(to: &writer)
        }

        mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == .varint: a = try reader.read(ProtoInt32.self)
                case 2 where tag.wireType == .lengthDelimited: b = try reader.read(ProtoString.self)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }

    enum OneOf_OneofField: Sendable, Hashable {
        case oneofUint32(UInt32)
        case oneofNestedMessage(NestedMessage)
        case oneofString(String)
        case oneofBytes(Data)
        case oneofEnum(NestedEnum)
    }

    var singularInt32: Int32 = 0
    var singularInt64: Int64 = 0
    var singularUint32: UInt32 = 0
    var singularUint64: UInt64 = 0
    var singularSint32: Int32 = 0
    var singularSint64: Int64 = 0
    var singularFixed32: UInt32 = 0
    var singularFixed64: UInt64 = 0
    var singularSfixed32: Int32 = 0
    var singularSfixed64: Int64 = 0
    var singularFloat: Float = 0
    var singularDouble: Double = 0
    var singularBool: Bool = false
    var singularString: String = ""
    var singularBytes = Data()
    var singularNestedEnum = NestedEnum()
    var singularNestedMessage: NestedMessage? = nil
    var recursive: TestAllTypes? {
        get { _recursive?.value }
        set { _recursive = newValue.map(IndirectMessage.init) }
    }
    private var _recursive: IndirectMessage<TestAllTypes>? = nil

    var repeatedInt32: [Int32] = []
    var repeatedInt64: [Int64] = []
    var repeatedUint32: [UInt32] = []
    var repeatedUint64: [UInt64] = []
    var repeatedSint32: [Int32] = []
    var repeatedSint64: [Int64] = []
    var repeatedFixed32: [UInt32] = []
    var repeatedFixed64: [UInt64] = []
    var repeatedSfixed32: [Int32] = []
    var repeatedSfixed64: [Int64] = []
    var repeatedFloat: [Float] = []
    var repeatedDouble: [Double] = []
    var repeatedBool: [Bool] = []
    var repeatedString: [String] = []
    var repeatedBytes: [Data] = []
    var repeatedNestedEnum: [NestedEnum] = []
    var repeatedNestedMessage: [NestedMessage] = []

    var optionalInt32: Int32? = nil
    var optionalSint64: Int64? = nil
    var optionalDouble: Double? = nil
    var optionalBool: Bool? = nil
    var optionalString: String? = nil
    var optionalBytes: Data? = nil
    var optionalNestedEnum: NestedEnum? = nil
    var optionalFloat: Float? = nil

    var mapStringString: [String: String] = [:]
    var mapInt32Bytes: [Int32: Data] = [:]
    var mapInt64NestedMessage: [Int64: NestedMessage] = [:]
    var mapUint32NestedEnum: [UInt32: NestedEnum] = [:]
    var mapBoolDouble: [Bool: Double] = [:]
    var mapSint64String: [Int64: String] = [:]
    var mapFixed32Double: [UInt32: Double] = [:]

    var oneofField: OneOf_OneofField? = nil

    var unknownFields = UnknownFields()

    func encodedSize() -> Int {
        var size = WireSize.nonDefault(ProtoInt32.self, singularInt32, field: 1)
        size += WireSize.nonDefault(ProtoInt64.self, singularInt64, field: 2)
        size += WireSize.nonDefault(ProtoUInt32.self, singularUint32, field: 3)
        size += WireSize.nonDefault(ProtoUInt64.self, singularUint64, field: 4)
        size += WireSize.nonDefault(ProtoSInt32.self, singularSint32, field: 5)
        size += WireSize.nonDefault(ProtoSInt64.self, singularSint64, field: 6)
        size += WireSize.nonDefault(ProtoFixed32.self, singularFixed32, field: 7)
        size += WireSize.nonDefault(ProtoFixed64.self, singularFixed64, field: 8)
        size += WireSize.nonDefault(ProtoSFixed32.self, singularSfixed32, field: 9)
        size += WireSize.nonDefault(ProtoSFixed64.self, singularSfixed64, field: 10)
        size += WireSize.nonDefault(ProtoFloat.self, singularFloat, field: 11)
        size += WireSize.nonDefault(ProtoDouble.self, singularDouble, field: 12)
        size += WireSize.nonDefault(ProtoBool.self, singularBool, field: 13)
        size += WireSize.nonDefault(ProtoString.self, singularString, field: 14)
        size += WireSize.nonDefault(ProtoBytes.self, singularBytes, field: 15)
        size += WireSize.nonDefault(ProtoEnumCodec<NestedEnum>.self, singularNestedEnum, field: 16)
        if let singularNestedMessage { size += WireSize.message(singularNestedMessage, field: 17) }
        if let recursive { size += WireSize.message(recursive, field: 18) }
        size += WireSize.packed(ProtoInt32.self, repeatedInt32, field: 31)
        size += WireSize.packed(ProtoInt64.self, repeatedInt64, field: 32)
        size += WireSize.packed(ProtoUInt32.self, repeatedUint32, field: 33)
        size += WireSize.packed(ProtoUInt64.self, repeatedUint64, field: 34)
        size += WireSize.packed(ProtoSInt32.self, repeatedSint32, field: 35)
        size += WireSize.packed(ProtoSInt64.self, repeatedSint64, field: 36)
        size += WireSize.packed(ProtoFixed32.self, repeatedFixed32, field: 37)
        size += WireSize.packed(ProtoFixed64.self, repeatedFixed64, field: 38)
        size += WireSize.packed(ProtoSFixed32.self, repeatedSfixed32, field: 39)
        size += WireSize.packed(ProtoSFixed64.self, repeatedSfixed64, field: 40)
        size += WireSize.packed(ProtoFloat.self, repeatedFloat, field: 41)
        size += WireSize.packed(ProtoDouble.self, repeatedDouble, field: 42)
        size += WireSize.packed(ProtoBool.self, repeatedBool, field: 43)
        size += WireSize.repeated(ProtoString.self, repeatedString, field: 44)
        size += WireSize.repeated(ProtoBytes.self, repeatedBytes, field: 45)
        size += WireSize.packed(ProtoEnumCodec<NestedEnum>.self, repeatedNestedEnum, field: 46)
        size += WireSize.repeated(ProtoMessageCodec<NestedMessage>.self, repeatedNestedMessage, field: 47)
        if let optionalInt32 { size += WireSize.field(ProtoInt32.self, optionalInt32, field: 51) }
        if let optionalSint64 { size += WireSize.field(ProtoSInt64.self, optionalSint64, field: 52) }
        if let optionalDouble { size += WireSize.field(ProtoDouble.self, optionalDouble, field: 53) }
        if let optionalBool { size += WireSize.field(ProtoBool.self, optionalBool, field: 54) }
        if let optionalString { size += WireSize.field(ProtoString.self, optionalString, field: 55) }
        if let optionalBytes { size += WireSize.field(ProtoBytes.self, optionalBytes, field: 56) }
        if let optionalNestedEnum {
            size += WireSize.field(ProtoEnumCodec<NestedEnum>.self, optionalNestedEnum, field: 57)
        }
        if let optionalFloat { size += WireSize.field(ProtoFloat.self, optionalFloat, field: 58) }
        size += WireSize.map(ProtoString.self, ProtoString.self, mapStringString, field: 61)
        size += WireSize.map(ProtoInt32.self, ProtoBytes.self, mapInt32Bytes, field: 62)
        size += WireSize.map(
            ProtoInt64.self, ProtoMessageCodec<NestedMessage>.self, mapInt64NestedMessage, field: 63)
        size += WireSize.map(ProtoUInt32.self, ProtoEnumCodec<NestedEnum>.self, mapUint32NestedEnum, field: 64)
        size += WireSize.map(ProtoBool.self, ProtoDouble.self, mapBoolDouble, field: 65)
        size += WireSize.map(ProtoSInt64.self, ProtoString.self, mapSint64String, field: 66)
        size += WireSize.map(ProtoFixed32.self, ProtoDouble.self, mapFixed32Double, field: 67)
        switch oneofField {
        case let .oneofUint32(value)?: size += WireSize.field(ProtoUInt32.self, value, field: 111)
        case let .oneofNestedMessage(value)?: size += WireSize.message(value, field: 112)
        case let .oneofString(value)?: size += WireSize.field(ProtoString.self, value, field: 113)
        case let .oneofBytes(value)?: size += WireSize.field(ProtoBytes.self, value, field: 114)
        case let .oneofEnum(value)?: size += WireSize.field(ProtoEnumCodec<NestedEnum>.self, value, field: 115)
        case nil: break
        }
        return size + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt32.self, singularInt32, field: 1)
        writer.writeNonDefault(ProtoInt64.self, singularInt64, field: 2)
        writer.writeNonDefault(ProtoUInt32.self, singularUint32, field: 3)
        writer.writeNonDefault(ProtoUInt64.self, singularUint64, field: 4)
        writer.writeNonDefault(ProtoSInt32.self, singularSint32, field: 5)
        writer.writeNonDefault(ProtoSInt64.self, singularSint64, field: 6)
        writer.writeNonDefault(ProtoFixed32.self, singularFixed32, field: 7)
        writer.writeNonDefault(ProtoFixed64.self, singularFixed64, field: 8)
        writer.writeNonDefault(ProtoSFixed32.self, singularSfixed32, field: 9)
        writer.writeNonDefault(ProtoSFixed64.self, singularSfixed64, field: 10)
        writer.writeNonDefault(ProtoFloat.self, singularFloat, field: 11)
        writer.writeNonDefault(ProtoDouble.self, singularDouble, field: 12)
        writer.writeNonDefault(ProtoBool.self, singularBool, field: 13)
        writer.writeNonDefault(ProtoString.self, singularString, field: 14)
        writer.writeNonDefault(ProtoBytes.self, singularBytes, field: 15)
        writer.writeNonDefault(ProtoEnumCodec<NestedEnum>.self, singularNestedEnum, field: 16)
        if let singularNestedMessage { writer.writeMessage(singularNestedMessage, field: 17) }
        if let recursive { writer.writeMessage(recursive, field: 18) }
        writer.writePacked(ProtoInt32.self, repeatedInt32, field: 31)
        writer.writePacked(ProtoInt64.self, repeatedInt64, field: 32)
        writer.writePacked(ProtoUInt32.self, repeatedUint32, field: 33)
        writer.writePacked(ProtoUInt64.self, repeatedUint64, field: 34)
        writer.writePacked(ProtoSInt32.self, repeatedSint32, field: 35)
        writer.writePacked(ProtoSInt64.self, repeatedSint64, field: 36)
        writer.writePacked(ProtoFixed32.self, repeatedFixed32, field: 37)
        writer.writePacked(ProtoFixed64.self, repeatedFixed64, field: 38)
        writer.writePacked(ProtoSFixed32.self, repeatedSfixed32, field: 39)
        writer.writePacked(ProtoSFixed64.self, repeatedSfixed64, field: 40)
        writer.writePacked(ProtoFloat.self, repeatedFloat, field: 41)
        writer.writePacked(ProtoDouble.self, repeatedDouble, field: 42)
        writer.writePacked(ProtoBool.self, repeatedBool, field: 43)
        writer.writeRepeated(ProtoString.self, repeatedString, field: 44)
        writer.writeRepeated(ProtoBytes.self, repeatedBytes, field: 45)
        writer.writePacked(ProtoEnumCodec<NestedEnum>.self, repeatedNestedEnum, field: 46)
        writer.writeRepeated(ProtoMessageCodec<NestedMessage>.self, repeatedNestedMessage, field: 47)
        if let optionalInt32 { writer.writeField(ProtoInt32.self, optionalInt32, field: 51) }
        if let optionalSint64 { writer.writeField(ProtoSInt64.self, optionalSint64, field: 52) }
        if let optionalDouble { writer.writeField(ProtoDouble.self, optionalDouble, field: 53) }
        if let optionalBool { writer.writeField(ProtoBool.self, optionalBool, field: 54) }
        if let optionalString { writer.writeField(ProtoString.self, optionalString, field: 55) }
        if let optionalBytes { writer.writeField(ProtoBytes.self, optionalBytes, field: 56) }
        if let optionalNestedEnum { writer.writeField(ProtoEnumCodec<NestedEnum>.self, optionalNestedEnum, field: 57) }
        if let optionalFloat { writer.writeField(ProtoFloat.self, optionalFloat, field: 58) }
        writer.writeMap(ProtoString.self, ProtoString.self, mapStringString, field: 61)
        writer.writeMap(ProtoInt32.self, ProtoBytes.self, mapInt32Bytes, field: 62)
        writer.writeMap(ProtoInt64.self, ProtoMessageCodec<NestedMessage>.self, mapInt64NestedMessage, field: 63)
        writer.writeMap(ProtoUInt32.self, ProtoEnumCodec<NestedEnum>.self, mapUint32NestedEnum, field: 64)
        writer.writeMap(ProtoBool.self, ProtoDouble.self, mapBoolDouble, field: 65)
        writer.writeMap(ProtoSInt64.self, ProtoString.self, mapSint64String, field: 66)
        writer.writeMap(ProtoFixed32.self, ProtoDouble.self, mapFixed32Double, field: 67)
        switch oneofField {
        case let .oneofUint32(value)?: writer.writeField(ProtoUInt32.self, value, field: 111)
        case let .oneofNestedMessage(value)?: writer.writeMessage(value, field: 112)
        case let .oneofString(value)?: writer.writeField(ProtoString.self, value, field: 113)
        case let .oneofBytes(value)?: writer.writeField(ProtoBytes.self, value, field: 114)
        case let .oneofEnum(value)?: writer.writeField(ProtoEnumCodec<NestedEnum>.self, value, field: 115)
        case nil: break
        }
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: singularInt32 = try reader.read(ProtoInt32.self)
            case 2 where tag.wireType == .varint: singularInt64 = try reader.read(ProtoInt64.self)
            case 3 where tag.wireType == .varint: singularUint32 = try reader.read(ProtoUInt32.self)
            case 4 where tag.wireType == .varint: singularUint64 = try reader.read(ProtoUInt64.self)
            case 5 where tag.wireType == .varint: singularSint32 = try reader.read(ProtoSInt32.self)
            case 6 where tag.wireType == .varint: singularSint64 = try reader.read(ProtoSInt64.self)
            case 7 where tag.wireType == .fixed32: singularFixed32 = try reader.read(ProtoFixed32.self)
            case 8 where tag.wireType == .fixed64: singularFixed64 = try reader.read(ProtoFixed64.self)
            case 9 where tag.wireType == .fixed32: singularSfixed32 = try reader.read(ProtoSFixed32.self)
            case 10 where tag.wireType == .fixed64: singularSfixed64 = try reader.read(ProtoSFixed64.self)
            case 11 where tag.wireType == .fixed32: singularFloat = try reader.read(ProtoFloat.self)
            case 12 where tag.wireType == .fixed64: singularDouble = try reader.read(ProtoDouble.self)
            case 13 where tag.wireType == .varint: singularBool = try reader.read(ProtoBool.self)
            case 14 where tag.wireType == .lengthDelimited: singularString = try reader.read(ProtoString.self)
            case 15 where tag.wireType == .lengthDelimited: singularBytes = try reader.read(ProtoBytes.self)
            case 16 where tag.wireType == .varint:
                singularNestedEnum = try reader.read(ProtoEnumCodec<NestedEnum>.self)
            case 17 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &singularNestedMessage)
            case 18 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &recursive)
            case 31: try reader.readRepeated(ProtoInt32.self, tag, into: &repeatedInt32, orKeepIn: &unknownFields)
            case 32: try reader.readRepeated(ProtoInt64.self, tag, into: &repeatedInt64, orKeepIn: &unknownFields)
            case 33: try reader.readRepeated(ProtoUInt32.self, tag, into: &repeatedUint32, orKeepIn: &unknownFields)
            case 34: try reader.readRepeated(ProtoUInt64.self, tag, into: &repeatedUint64, orKeepIn: &unknownFields)
            case 35: try reader.readRepeated(ProtoSInt32.self, tag, into: &repeatedSint32, orKeepIn: &unknownFields)
            case 36: try reader.readRepeated(ProtoSInt64.self, tag, into: &repeatedSint64, orKeepIn: &unknownFields)
            case 37: try reader.readRepeated(ProtoFixed32.self, tag, into: &repeatedFixed32, orKeepIn: &unknownFields)
            case 38: try reader.readRepeated(ProtoFixed64.self, tag, into: &repeatedFixed64, orKeepIn: &unknownFields)
            case 39: try reader.readRepeated(ProtoSFixed32.self, tag, into: &repeatedSfixed32, orKeepIn: &unknownFields)
            case 40: try reader.readRepeated(ProtoSFixed64.self, tag, into: &repeatedSfixed64, orKeepIn: &unknownFields)
            case 41: try reader.readRepeated(ProtoFloat.self, tag, into: &repeatedFloat, orKeepIn: &unknownFields)
            case 42: try reader.readRepeated(ProtoDouble.self, tag, into: &repeatedDouble, orKeepIn: &unknownFields)
            case 43: try reader.readRepeated(ProtoBool.self, tag, into: &repeatedBool, orKeepIn: &unknownFields)
            case 44: try reader.readRepeated(ProtoString.self, tag, into: &repeatedString, orKeepIn: &unknownFields)
            case 45: try reader.readRepeated(ProtoBytes.self, tag, into: &repeatedBytes, orKeepIn: &unknownFields)
            case 46: try reader.readRepeated(ProtoEnumCodec<NestedEnum>.self, tag, into: &repeatedNestedEnum, orKeepIn: &unknownFields)
            case 47:
                try reader.readRepeated(ProtoMessageCodec<NestedMessage>.self, tag, into: &repeatedNestedMessage, orKeepIn: &unknownFields)
            case 51 where tag.wireType == .varint: optionalInt32 = try reader.read(ProtoInt32.self)
            case 52 where tag.wireType == .varint: optionalSint64 = try reader.read(ProtoSInt64.self)
            case 53 where tag.wireType == .fixed64: optionalDouble = try reader.read(ProtoDouble.self)
            case 54 where tag.wireType == .varint: optionalBool = try reader.read(ProtoBool.self)
            case 55 where tag.wireType == .lengthDelimited: optionalString = try reader.read(ProtoString.self)
            case 56 where tag.wireType == .lengthDelimited: optionalBytes = try reader.read(ProtoBytes.self)
            case 57 where tag.wireType == .varint:
                optionalNestedEnum = try reader.read(ProtoEnumCodec<NestedEnum>.self)
            case 58 where tag.wireType == .fixed32: optionalFloat = try reader.read(ProtoFloat.self)
            case 61 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoString.self, ProtoString.self, into: &mapStringString)
            case 62 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoInt32.self, ProtoBytes.self, into: &mapInt32Bytes)
            case 63 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(
                    ProtoInt64.self, ProtoMessageCodec<NestedMessage>.self, into: &mapInt64NestedMessage)
            case 64 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoUInt32.self, ProtoEnumCodec<NestedEnum>.self, into: &mapUint32NestedEnum)
            case 65 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoBool.self, ProtoDouble.self, into: &mapBoolDouble)
            case 66 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoSInt64.self, ProtoString.self, into: &mapSint64String)
            case 67 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoFixed32.self, ProtoDouble.self, into: &mapFixed32Double)
            case 111 where tag.wireType == .varint: oneofField = .oneofUint32(try reader.read(ProtoUInt32.self))
            case 112 where tag.wireType == .lengthDelimited:
                var value = NestedMessage()
                if case let .oneofNestedMessage(existing)? = oneofField { value = existing }
                try reader.readMessage(into: &value)
                oneofField = .oneofNestedMessage(value)
            case 113 where tag.wireType == .lengthDelimited: oneofField = .oneofString(try reader.read(ProtoString.self))
            case 114 where tag.wireType == .lengthDelimited: oneofField = .oneofBytes(try reader.read(ProtoBytes.self))
            case 115 where tag.wireType == .varint:
                oneofField = .oneofEnum(try reader.read(ProtoEnumCodec<NestedEnum>.self))
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}
