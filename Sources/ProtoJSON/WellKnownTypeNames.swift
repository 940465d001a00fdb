import DynamicProto

/// The well-known types whose JSON form is not a plain object of their fields.
enum WellKnownType {
    case timestamp, duration, wrapper, fieldMask, structValue, value, listValue, any

    /// The kind of `descriptor`, when it has a well-known name and the fields the JSON form
    /// needs (a pool from an untrusted server may declare a `google.protobuf.Timestamp` of
    /// another shape; that one is printed as a plain message).
    init?(_ descriptor: MessageDescriptor) {
        guard let kind = WellKnownType(name: descriptor.fullName) else { return nil }
        for (number, type, repeated) in kind.requiredFields {
            guard let field = descriptor.field(number: number), field.type == type, field.isRepeated == repeated else {
                return nil
            }
        }
        if kind == .value && descriptor.oneofs.count != 1 { return nil }
        if kind == .wrapper {
            guard let value = descriptor.field(number: 1), !value.isRepeated, value.type != .message,
                value.type != .group
            else { return nil }
        }
        self = kind
    }

    /// The fields the JSON form reads: number, type, repeated.
    var requiredFields: [(Int, FieldType, Bool)] {
        switch self {
        case .timestamp, .duration: [(1, .int64, false), (2, .int32, false)]
        case .wrapper: []
        case .fieldMask: [(1, .string, true)]
        case .structValue: [(1, .message, true)]
        case .value:
            [
                (1, .enum, false), (2, .double, false), (3, .string, false), (4, .bool, false),
                (5, .message, false), (6, .message, false),
            ]
        case .listValue: [(1, .message, true)]
        case .any: [(1, .string, false), (2, .bytes, false)]
        }
    }

    init?(name fullName: String) {
        switch fullName {
        case "google.protobuf.Timestamp": self = .timestamp
        case "google.protobuf.Duration": self = .duration
        case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue":
            self = .wrapper
        case "google.protobuf.FieldMask": self = .fieldMask
        case "google.protobuf.Struct": self = .structValue
        case "google.protobuf.Value": self = .value
        case "google.protobuf.ListValue": self = .listValue
        case "google.protobuf.Any": self = .any
        default: return nil
        }
    }
}

extension DynamicMessage {
    /// The field numbered `number`; the well-known types' schemas are fixed, so it exists.
    func wellKnownField(_ number: Int) -> FieldDescriptor {
        descriptor.field(number: number)!
    }

    /// The 64-bit integer in field `number` (0 when unset).
    func int64Field(_ number: Int) -> Int64 {
        if case let .int64(value) = value(of: wellKnownField(number)) { return value }
        return 0
    }

    /// The 32-bit integer in field `number` (0 when unset).
    func int32Field(_ number: Int) -> Int32 {
        if case let .int32(value) = value(of: wellKnownField(number)) { return value }
        return 0
    }

    /// The string in field `number` ("" when unset).
    func stringField(_ number: Int) -> String {
        if case let .string(value) = value(of: wellKnownField(number)) { return value }
        return ""
    }
}
