import ProtoDescriptors

/// The runtime field codec a field's values go through, and the Swift type that holds them.
struct FieldCodecChoice {
    /// The codec type as written in generated code (`ProtoInt32`, `ProtoEnumCodec<X>`).
    let codec: String
    /// The Swift type of one value (`Int32`, `X`).
    let valueType: String
    /// The `WireType` case of one unpacked value (`varint`, `lengthDelimited`, ...).
    let wireType: String
    /// The expression for the proto3 default value.
    let zeroValue: String
    /// Whether repeated values of this codec may be packed.
    let isPackable: Bool
    /// Whether the values are messages.
    let isMessage: Bool

    /// The codec for a field of a scalar type, or nil for messages, enums and groups.
    static func scalar(_ type: FieldDescriptorProto.TypeEnum) -> FieldCodecChoice? {
        switch type {
        case .double: numeric("ProtoDouble", "Double", "fixed64")
        case .float: numeric("ProtoFloat", "Float", "fixed32")
        case .int64: numeric("ProtoInt64", "Int64", "varint")
        case .uint64: numeric("ProtoUInt64", "UInt64", "varint")
        case .int32: numeric("ProtoInt32", "Int32", "varint")
        case .fixed64: numeric("ProtoFixed64", "UInt64", "fixed64")
        case .fixed32: numeric("ProtoFixed32", "UInt32", "fixed32")
        case .bool:
            FieldCodecChoice(
                codec: "ProtoBool", valueType: "Bool", wireType: "varint", zeroValue: "false",
                isPackable: true, isMessage: false)
        case .string:
            FieldCodecChoice(
                codec: "ProtoString", valueType: "String", wireType: "lengthDelimited", zeroValue: "\"\"",
                isPackable: false, isMessage: false)
        case .bytes:
            FieldCodecChoice(
                codec: "ProtoBytes", valueType: "Data", wireType: "lengthDelimited", zeroValue: "Data()",
                isPackable: false, isMessage: false)
        case .uint32: numeric("ProtoUInt32", "UInt32", "varint")
        case .sfixed32: numeric("ProtoSFixed32", "Int32", "fixed32")
        case .sfixed64: numeric("ProtoSFixed64", "Int64", "fixed64")
        case .sint32: numeric("ProtoSInt32", "Int32", "varint")
        case .sint64: numeric("ProtoSInt64", "Int64", "varint")
        case .group, .message, .enum, .unrecognized: nil
        }
    }

    /// The codec for an enum field of the Swift enum `swiftName`.
    static func enumeration(_ swiftName: String) -> FieldCodecChoice {
        FieldCodecChoice(
            codec: "ProtoEnumCodec<\(swiftName)>", valueType: swiftName, wireType: "varint",
            zeroValue: "\(swiftName)()", isPackable: true, isMessage: false)
    }

    /// The codec for a message field of the Swift struct `swiftName`.
    static func message(_ swiftName: String) -> FieldCodecChoice {
        FieldCodecChoice(
            codec: "ProtoMessageCodec<\(swiftName)>", valueType: swiftName, wireType: "lengthDelimited",
            zeroValue: "\(swiftName)()", isPackable: false, isMessage: true)
    }

    private static func numeric(_ codec: String, _ valueType: String, _ wireType: String) -> FieldCodecChoice {
        FieldCodecChoice(
            codec: codec, valueType: valueType, wireType: wireType, zeroValue: "0",
            isPackable: true, isMessage: false)
    }
}
