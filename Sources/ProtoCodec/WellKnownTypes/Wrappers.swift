#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The nine wrapper types of google/protobuf/wrappers.proto; their coding is `WrapperMessage`'s.

/// `google.protobuf.DoubleValue`: a `double` with explicit presence.
public struct Google_Protobuf_DoubleValue: WrapperMessage {
    /// `ProtoDouble`.
    public typealias ValueCodec = ProtoDouble
    /// `google.protobuf.DoubleValue`.
    public static var protoMessageName: String { "google.protobuf.DoubleValue" }
    /// The wrapped value (field 1).
    public var value: Double = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.FloatValue`: a `float` with explicit presence.
public struct Google_Protobuf_FloatValue: WrapperMessage {
    /// `ProtoFloat`.
    public typealias ValueCodec = ProtoFloat
    /// `google.protobuf.FloatValue`.
    public static var protoMessageName: String { "google.protobuf.FloatValue" }
    /// The wrapped value (field 1).
    public var value: Float = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.Int64Value`: a `int64` with explicit presence.
public struct Google_Protobuf_Int64Value: WrapperMessage {
    /// `ProtoInt64`.
    public typealias ValueCodec = ProtoInt64
    /// `google.protobuf.Int64Value`.
    public static var protoMessageName: String { "google.protobuf.Int64Value" }
    /// The wrapped value (field 1).
    public var value: Int64 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.UInt64Value`: a `uint64` with explicit presence.
public struct Google_Protobuf_UInt64Value: WrapperMessage {
    /// `ProtoUInt64`.
    public typealias ValueCodec = ProtoUInt64
    /// `google.protobuf.UInt64Value`.
    public static var protoMessageName: String { "google.protobuf.UInt64Value" }
    /// The wrapped value (field 1).
    public var value: UInt64 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.Int32Value`: a `int32` with explicit presence.
public struct Google_Protobuf_Int32Value: WrapperMessage {
    /// `ProtoInt32`.
    public typealias ValueCodec = ProtoInt32
    /// `google.protobuf.Int32Value`.
    public static var protoMessageName: String { "google.protobuf.Int32Value" }
    /// The wrapped value (field 1).
    public var value: Int32 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.UInt32Value`: a `uint32` with explicit presence.
public struct Google_Protobuf_UInt32Value: WrapperMessage {
    /// `ProtoUInt32`.
    public typealias ValueCodec = ProtoUInt32
    /// `google.protobuf.UInt32Value`.
    public static var protoMessageName: String { "google.protobuf.UInt32Value" }
    /// The wrapped value (field 1).
    public var value: UInt32 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.BoolValue`: a `bool` with explicit presence.
public struct Google_Protobuf_BoolValue: WrapperMessage {
    /// `ProtoBool`.
    public typealias ValueCodec = ProtoBool
    /// `google.protobuf.BoolValue`.
    public static var protoMessageName: String { "google.protobuf.BoolValue" }
    /// The wrapped value (field 1).
    public var value: Bool = false
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.StringValue`: a `string` with explicit presence.
public struct Google_Protobuf_StringValue: WrapperMessage {
    /// `ProtoString`.
    public typealias ValueCodec = ProtoString
    /// `google.protobuf.StringValue`.
    public static var protoMessageName: String { "google.protobuf.StringValue" }
    /// The wrapped value (field 1).
    public var value: String = ""
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}

/// `google.protobuf.BytesValue`: a `bytes` with explicit presence.
public struct Google_Protobuf_BytesValue: WrapperMessage {
    /// `ProtoBytes`.
    public typealias ValueCodec = ProtoBytes
    /// `google.protobuf.BytesValue`.
    public static var protoMessageName: String { "google.protobuf.BytesValue" }
    /// The wrapped value (field 1).
    public var value: Data = Data()
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()
    /// A wrapper holding the default value.
    @inlinable public init() {}
}
