import DynamicProto

/// The well-known types whose JSON form is not a plain object of their fields.
enum WellKnownType {
    case timestamp, duration, wrapper, fieldMask, structValue, value, listValue, any

    init?(_ fullName: String) {
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
