/// One field of a message, resolved against its pool: what a dynamic message needs to
/// encode, decode and print the field.
public struct FieldDescriptor: Sendable, Hashable {
    /// The name in the `.proto` file, such as `start_time`.
    public let name: String
    /// The JSON name: the `json_name` option, or the name in lowerCamelCase (`startTime`).
    public let jsonName: String
    /// The field number.
    public let number: Int
    /// The type of the field's values (for a map, `.message`: the entry type).
    public let type: FieldType
    /// True for `repeated` fields, maps included.
    public let isRepeated: Bool
    /// The fully qualified message or enum type, without a leading dot, for message, group
    /// and enum fields.
    public let typeName: String?
    /// The index of the field's real oneof in `MessageDescriptor.oneofs` (never the
    /// synthetic oneof of a proto3 `optional` field).
    public let oneofIndex: Int?
    /// True when the field tracks whether it is set: messages, oneof members, proto3
    /// `optional` and proto2/editions singular fields. Other fields are unset at their default.
    public let hasPresence: Bool
    /// True for a proto3 `optional` field.
    public let isProto3Optional: Bool
    /// True when a repeated scalar field is written packed.
    public let isPacked: Bool
    /// The key and value of a map field's entry; nil for other fields.
    public let mapEntry: MapEntryDescriptor?
    /// A proto2 `[default = ...]`, the value an unset field reads as; nil when there is none.
    public let explicitDefault: DynamicValue?

    /// True for `map<K, V>` fields.
    public var isMap: Bool { mapEntry != nil }
}

/// The key and value fields of a map's synthetic entry message.
public final class MapEntryDescriptor: Sendable, Hashable {
    /// The key field (number 1): an integer, bool or string type.
    public let key: FieldDescriptor
    /// The value field (number 2): any type but a map or a repeated field.
    public let value: FieldDescriptor

    init(key: FieldDescriptor, value: FieldDescriptor) {
        self.key = key
        self.value = value
    }

    /// Entries are equal when their key and value fields are.
    public static func == (lhs: MapEntryDescriptor, rhs: MapEntryDescriptor) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    /// Hashes the key and value fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }
}

/// A `oneof` declared in a message (synthetic oneofs of proto3 `optional` are not listed).
public struct OneofDescriptor: Sendable, Hashable {
    /// The oneof's name.
    public let name: String
    /// The numbers of its member fields, in declaration order.
    public let fieldNumbers: [Int]
}
