import ProtoCodec
import ProtoDescriptors

/// The type of a field's values: `descriptor.proto`'s own enum. A pool holds no
/// `unrecognized` types: it rejects descriptors that use one.
public typealias FieldType = FieldDescriptorProto.TypeEnum

extension FieldType {
    /// The ProtoCodec field codec for a scalar or enum type; nil for messages and groups.
    var codec: (any DynamicCodec.Type)? {
        switch self {
        case .double: ProtoDouble.self
        case .float: ProtoFloat.self
        case .int64: ProtoInt64.self
        case .uint64: ProtoUInt64.self
        case .int32, .enum: ProtoInt32.self
        case .fixed64: ProtoFixed64.self
        case .fixed32: ProtoFixed32.self
        case .bool: ProtoBool.self
        case .string: ProtoString.self
        case .bytes: ProtoBytes.self
        case .uint32: ProtoUInt32.self
        case .sfixed32: ProtoSFixed32.self
        case .sfixed64: ProtoSFixed64.self
        case .sint32: ProtoSInt32.self
        case .sint64: ProtoSInt64.self
        case .message, .group, .unrecognized: nil
        }
    }

    /// True for the types a repeated field may pack (numbers, bools and enums).
    public var isPackable: Bool {
        switch self {
        case .string, .bytes, .message, .group, .unrecognized: false
        default: true
        }
    }

    /// The wire type of one value.
    public var wireType: WireType {
        switch self {
        case .message, .string, .bytes: .lengthDelimited
        case .group: .startGroup
        default: codec?.wireType ?? .varint
        }
    }

    /// The value a field of this type has when unset (nil for messages and groups).
    public var defaultValue: DynamicValue? {
        codec.map { $0.defaultDynamicValue }
    }
}
