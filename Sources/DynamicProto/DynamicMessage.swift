import ProtoCodec

/// A message whose type is known only at run time, from a `MessageDescriptor` in a
/// `DescriptorPool`: reads and writes the same bytes as a generated message of that type.
public struct DynamicMessage: Sendable, Hashable {
    /// The message's type.
    public let descriptor: MessageDescriptor
    /// The pool that resolves the types of the message's fields.
    public let pool: DescriptorPool
    /// Fields the descriptor does not know (and groups), kept byte for byte.
    public var unknownFields = UnknownFields()

    var singular: [Int: DynamicValue] = [:]
    var lists: [Int: [DynamicValue]] = [:]
    var maps: [Int: [DynamicValue: DynamicValue]] = [:]

    /// Creates an empty message of `descriptor`'s type.
    public init(descriptor: MessageDescriptor, pool: DescriptorPool) {
        self.descriptor = descriptor
        self.pool = pool
    }

    /// Creates an empty message of the type called `typeName` in `pool`.
    ///
    /// - Throws: `DynamicMessageError.unknownType` when the pool has no such message.
    public init(typeName: String, pool: DescriptorPool) throws(DynamicMessageError) {
        guard let descriptor = pool.message(named: typeName) else { throw .unknownType(typeName) }
        self.init(descriptor: descriptor, pool: pool)
    }

    /// Messages are equal when they have the same type, fields and unknown fields.
    public static func == (lhs: DynamicMessage, rhs: DynamicMessage) -> Bool {
        lhs.descriptor.fullName == rhs.descriptor.fullName && lhs.singular == rhs.singular
            && lhs.lists == rhs.lists && lhs.maps == rhs.maps && lhs.unknownFields == rhs.unknownFields
    }

    /// Hashes the type name and the fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(descriptor.fullName)
        hasher.combine(singular)
        hasher.combine(lists)
        hasher.combine(maps)
        hasher.combine(unknownFields)
    }

    /// True when the singular field `field` is set: for fields with presence, when it was
    /// assigned or decoded; for proto3 implicit-presence fields, when it is not the default.
    /// For repeated fields and maps, when they are not empty.
    public func has(_ field: FieldDescriptor) -> Bool {
        if field.isMap { return !(maps[field.number]?.isEmpty ?? true) }
        if field.isRepeated { return !(lists[field.number]?.isEmpty ?? true) }
        guard let value = singular[field.number] else { return false }
        return field.hasPresence || !Self.isDefault(value, field.type)
    }

    /// The value of a singular field: the set value, else its proto2 `[default = ...]`,
    /// else the type's default (nil for an unset message field).
    public func value(of field: FieldDescriptor) -> DynamicValue? {
        singular[field.number] ?? field.explicitDefault ?? field.type.defaultValue
    }

    /// The elements of a repeated (non-map) field.
    public func list(of field: FieldDescriptor) -> [DynamicValue] {
        lists[field.number] ?? []
    }

    /// The entries of a map field.
    public func map(of field: FieldDescriptor) -> [DynamicValue: DynamicValue] {
        maps[field.number] ?? [:]
    }

    /// Sets a singular field; setting a oneof member clears the other members.
    ///
    /// The value must be the case `DynamicValue` documents for the field's type (`.int32` for
    /// `sint32` and enums, `.message` of the field's message type, ...); a value of another
    /// case is not written when the message is encoded.
    public mutating func set(_ field: FieldDescriptor, to value: DynamicValue) {
        clearOneof(of: field)
        singular[field.number] = value
    }

    /// Replaces the elements of a repeated field.
    public mutating func setList(_ field: FieldDescriptor, to values: [DynamicValue]) {
        lists[field.number] = values.isEmpty ? nil : values
    }

    /// Replaces the entries of a map field.
    public mutating func setMap(_ field: FieldDescriptor, to entries: [DynamicValue: DynamicValue]) {
        maps[field.number] = entries.isEmpty ? nil : entries
    }

    /// Clears a field of any kind.
    public mutating func clear(_ field: FieldDescriptor) {
        singular[field.number] = nil
        lists[field.number] = nil
        maps[field.number] = nil
    }

    /// The member of oneof number `index` that is set, if any.
    public func setOneofField(_ index: Int) -> FieldDescriptor? {
        descriptor.oneofs[index].fieldNumbers.lazy
            .first { singular[$0] != nil }
            .flatMap { descriptor.field(number: $0) }
    }

    mutating func clearOneof(of field: FieldDescriptor) {
        guard let index = field.oneofIndex else { return }
        for number in descriptor.oneofs[index].fieldNumbers where number != field.number {
            singular[number] = nil
        }
    }

    /// True when `value` is the proto3 default of `type` (zero, empty, false).
    static func isDefault(_ value: DynamicValue, _ type: FieldType) -> Bool {
        guard let codec = type.codec else { return false }
        return codec.isDynamicDefault(value)
    }
}

/// A dynamic message could not be created or filled.
public enum DynamicMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pool has no message type of this name.
    case unknownType(String)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case let .unknownType(name): "unknown message type \"\(name)\""
        }
    }
}
