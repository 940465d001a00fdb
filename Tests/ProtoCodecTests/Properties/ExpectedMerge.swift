import ProtoCodec

/// The protobuf merge rules written out field by field, as the oracle for decoding the
/// concatenation of two encodings: singular scalars take the later value when it was
/// written, messages merge, repeated fields append, map entries replace by key, and the
/// later oneof member wins (merging when both are messages).
enum ExpectedMerge {
    static func merged(_ a: TestAllTypes, _ b: TestAllTypes) -> TestAllTypes {
        var m = a
        later(ProtoInt32.self, b.singularInt32, into: &m.singularInt32)
        later(ProtoInt64.self, b.singularInt64, into: &m.singularInt64)
        later(ProtoUInt32.self, b.singularUint32, into: &m.singularUint32)
        later(ProtoUInt64.self, b.singularUint64, into: &m.singularUint64)
        later(ProtoSInt32.self, b.singularSint32, into: &m.singularSint32)
        later(ProtoSInt64.self, b.singularSint64, into: &m.singularSint64)
        later(ProtoFixed32.self, b.singularFixed32, into: &m.singularFixed32)
        later(ProtoFixed64.self, b.singularFixed64, into: &m.singularFixed64)
        later(ProtoSFixed32.self, b.singularSfixed32, into: &m.singularSfixed32)
        later(ProtoSFixed64.self, b.singularSfixed64, into: &m.singularSfixed64)
        later(ProtoFloat.self, b.singularFloat, into: &m.singularFloat)
        later(ProtoDouble.self, b.singularDouble, into: &m.singularDouble)
        later(ProtoBool.self, b.singularBool, into: &m.singularBool)
        later(ProtoString.self, b.singularString, into: &m.singularString)
        later(ProtoBytes.self, b.singularBytes, into: &m.singularBytes)
        later(ProtoEnumCodec<TestAllTypes.NestedEnum>.self, b.singularNestedEnum, into: &m.singularNestedEnum)
        m.singularNestedMessage = mergedOptional(a.singularNestedMessage, b.singularNestedMessage, nested)
        m.recursive = mergedOptional(a.recursive, b.recursive, merged)

        m.repeatedInt32 += b.repeatedInt32
        m.repeatedInt64 += b.repeatedInt64
        m.repeatedUint32 += b.repeatedUint32
        m.repeatedUint64 += b.repeatedUint64
        m.repeatedSint32 += b.repeatedSint32
        m.repeatedSint64 += b.repeatedSint64
        m.repeatedFixed32 += b.repeatedFixed32
        m.repeatedFixed64 += b.repeatedFixed64
        m.repeatedSfixed32 += b.repeatedSfixed32
        m.repeatedSfixed64 += b.repeatedSfixed64
        m.repeatedFloat += b.repeatedFloat
        m.repeatedDouble += b.repeatedDouble
        m.repeatedBool += b.repeatedBool
        m.repeatedString += b.repeatedString
        m.repeatedBytes += b.repeatedBytes
        m.repeatedNestedEnum += b.repeatedNestedEnum
        m.repeatedNestedMessage += b.repeatedNestedMessage

        m.optionalInt32 = b.optionalInt32 ?? a.optionalInt32
        m.optionalSint64 = b.optionalSint64 ?? a.optionalSint64
        m.optionalDouble = b.optionalDouble ?? a.optionalDouble
        m.optionalBool = b.optionalBool ?? a.optionalBool
        m.optionalString = b.optionalString ?? a.optionalString
        m.optionalBytes = b.optionalBytes ?? a.optionalBytes
        m.optionalNestedEnum = b.optionalNestedEnum ?? a.optionalNestedEnum
        m.optionalFloat = b.optionalFloat ?? a.optionalFloat

        m.mapStringString.merge(b.mapStringString) { $1 }
        m.mapInt32Bytes.merge(b.mapInt32Bytes) { $1 }
        m.mapInt64NestedMessage.merge(b.mapInt64NestedMessage) { $1 }
        m.mapUint32NestedEnum.merge(b.mapUint32NestedEnum) { $1 }
        m.mapBoolDouble.merge(b.mapBoolDouble) { $1 }
        m.mapSint64String.merge(b.mapSint64String) { $1 }
        m.mapFixed32Double.merge(b.mapFixed32Double) { $1 }

        switch (a.oneofField, b.oneofField) {
        case let (.oneofNestedMessage(first)?, .oneofNestedMessage(second)?):
            m.oneofField = .oneofNestedMessage(nested(first, second))
        case (_, nil): m.oneofField = a.oneofField
        default: m.oneofField = b.oneofField
        }
        m.unknownFields = a.unknownFields
        m.unknownFields.append(b.unknownFields)
        return m
    }

    static func nested(_ a: TestAllTypes.NestedMessage, _ b: TestAllTypes.NestedMessage) -> TestAllTypes.NestedMessage {
        var m = a
        later(ProtoInt32.self, b.a, into: &m.a)
        later(ProtoString.self, b.b, into: &m.b)
        m.unknownFields.append(b.unknownFields)
        return m
    }

    private static func later<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, into field: inout C.Value) {
        if !C.isDefault(value) { field = value }
    }

    private static func mergedOptional<M>(_ a: M?, _ b: M?, _ merge: (M, M) -> M) -> M? {
        guard let a else { return b }
        guard let b else { return a }
        return merge(a, b)
    }
}

extension UnknownFields {
    /// Appends every field of `other`.
    mutating func append(_ other: UnknownFields) {
        other.bytes.withUnsafeBytes { append($0) }
    }
}
