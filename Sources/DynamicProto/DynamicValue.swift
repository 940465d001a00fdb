#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One value of a dynamic message's field. Enum values are `.int32` numbers; `int32`,
/// `sint32` and `sfixed32` are `.int32`; `uint32` and `fixed32` are `.uint32`, and so on.
public enum DynamicValue: Sendable, Hashable {
    /// int32, sint32, sfixed32 and enum values.
    case int32(Int32)
    /// int64, sint64 and sfixed64 values.
    case int64(Int64)
    /// uint32 and fixed32 values.
    case uint32(UInt32)
    /// uint64 and fixed64 values.
    case uint64(UInt64)
    /// float values.
    case float(Float)
    /// double values.
    case double(Double)
    /// bool values.
    case bool(Bool)
    /// string values.
    case string(String)
    /// bytes values.
    case bytes(Data)
    /// An embedded message.
    case message(DynamicMessage)
}

extension DynamicValue: Comparable {
    /// Orders map keys as protoc's text format does: numbers by value, strings by bytes,
    /// false before true. Values of different cases order by case.
    public static func < (lhs: DynamicValue, rhs: DynamicValue) -> Bool {
        switch (lhs, rhs) {
        case let (.int32(a), .int32(b)): a < b
        case let (.int64(a), .int64(b)): a < b
        case let (.uint32(a), .uint32(b)): a < b
        case let (.uint64(a), .uint64(b)): a < b
        case let (.bool(a), .bool(b)): !a && b
        case let (.string(a), .string(b)): a.utf8.lexicographicallyPrecedes(b.utf8)
        default: lhs.caseOrder < rhs.caseOrder
        }
    }

    var caseOrder: Int {
        switch self {
        case .int32: 0
        case .int64: 1
        case .uint32: 2
        case .uint64: 3
        case .float: 4
        case .double: 5
        case .bool: 6
        case .string: 7
        case .bytes: 8
        case .message: 9
        }
    }
}
