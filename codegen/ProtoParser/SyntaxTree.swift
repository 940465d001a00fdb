/// The parsed, not yet linked, form of one `.proto` file. Names are kept as written; the
/// linker resolves them. Every node keeps the positions diagnostics and source info need.
struct FileNode {
    var name: String
    var isProto3 = false
    var package: String?
    var packageStart = SourcePosition(line: 0, column: 0)
    var imports: [ImportNode] = []
    var options: [OptionNode] = []
    var messages: [MessageNode] = []
    var enums: [EnumNode] = []
    var services: [ServiceNode] = []
    var extensions: [FieldNode] = []
    var span = Span()
}

/// Where a declaration starts and ends, and its comments as protoc attaches them.
struct Span {
    var start = SourcePosition(line: 0, column: 0)
    var end = SourcePosition(line: 0, column: 0)
    var leadingComment: String?
    var detachedComments: [String] = []
    /// The comment after the declaration's `;` or opening `{`.
    var trailingComment: String?
}

/// `import "path";` with its kind.
struct ImportNode {
    enum Kind { case plain, `public`, weak }
    var path: String
    var kind: Kind
    var start: SourcePosition
}

/// One part of an option name: `java_package`, or `(my.ext)` when `isExtension`.
struct OptionNamePart: Hashable {
    var name: String
    var isExtension: Bool
    var start: SourcePosition
}

/// An option value as written.
indirect enum OptionValue {
    /// An identifier such as an enum value, `true`, `inf`; `negative` for `-inf`.
    case identifier(String, negative: Bool)
    /// An integer literal with its sign kept apart from its magnitude.
    case integer(UInt64, negative: Bool)
    /// A floating point literal (sign applied).
    case float(Double)
    /// A string literal, adjacent literals concatenated.
    case string([UInt8])
    /// A text-format message `{ ... }`.
    case aggregate([AggregateEntry])
    /// A text-format list `[a, b]` (only inside aggregates).
    case list([OptionValue])
}

/// One `name: value` entry in an aggregate option value.
struct AggregateEntry {
    var name: String
    var isExtension: Bool
    var value: OptionValue
    var start: SourcePosition
}

/// `option name = value;` or `[name = value]`.
struct OptionNode {
    var name: [OptionNamePart]
    var value: OptionValue
    var start: SourcePosition
    var valueStart: SourcePosition
}

/// The label written before a field.
enum FieldLabel { case none, optional, required, repeated }

/// A field, a map field, a group, or an extension (a field inside `extend`).
struct FieldNode {
    var label: FieldLabel = .none
    var typeName: String = ""
    var typeStart = SourcePosition(line: 0, column: 0)
    var mapTypes: (key: String, value: String)?
    var name: String = ""
    var nameStart = SourcePosition(line: 0, column: 0)
    var number: Int64 = 0
    var numberStart = SourcePosition(line: 0, column: 0)
    var options: [OptionNode] = []
    var defaultValue: (value: OptionValue, start: SourcePosition)?
    var jsonName: String?
    var oneofIndex: Int?
    /// The nested type a group declares.
    var group: MessageNode?
    /// For extensions: the extendee as written.
    var extendee: String?
    var extendeeStart = SourcePosition(line: 0, column: 0)
    var span = Span()
}

/// `oneof name { ... }`; its fields live in the message's field list with `oneofIndex` set.
struct OneofNode {
    var name: String
    var options: [OptionNode] = []
    var span = Span()
}

extension [OptionNode] {
    /// The value of the built-in option `name` written plainly (`name = value`), if set.
    func plainValue(of name: String) -> OptionValue? {
        first { $0.name.count == 1 && $0.name[0].name == name && !$0.name[0].isExtension }?.value
    }

    /// Whether the built-in boolean option `name` is set to `true`.
    func isTrue(_ name: String) -> Bool {
        guard case .identifier("true", negative: false) = plainValue(of: name) else { return false }
        return true
    }
}

/// An inclusive range `start to end` as written in `reserved` or `extensions`.
struct RangeNode {
    var start: Int64
    var end: Int64
    var isMax: Bool
    var position: SourcePosition

    /// The last number in the range, `max` standing for `maximum`.
    func inclusiveEnd(max maximum: Int64) -> Int64 {
        isMax ? maximum : end
    }

    func contains(_ number: Int64) -> Bool {
        number >= start && (isMax || number <= end)
    }
}

/// `extensions a to b [options];`, one node per statement.
struct ExtensionRangesNode {
    var ranges: [RangeNode]
    var options: [OptionNode]
}

/// A message, or the body of a group.
struct MessageNode {
    var name: String
    var nameStart = SourcePosition(line: 0, column: 0)
    var fields: [FieldNode] = []
    var oneofs: [OneofNode] = []
    /// Nested messages, map entries and groups, in declaration order.
    var nested: [MessageNode] = []
    var enums: [EnumNode] = []
    var extensions: [FieldNode] = []
    var extensionRanges: [ExtensionRangesNode] = []
    var reservedRanges: [RangeNode] = []
    var reservedNames: [(String, SourcePosition)] = []
    var options: [OptionNode] = []
    /// Set for a synthesised map entry: its options get `map_entry = true`.
    var isMapEntry = false
    var span = Span()
}

/// `enum Name { ... }`.
struct EnumNode {
    var name: String
    var nameStart = SourcePosition(line: 0, column: 0)
    var values: [EnumValueNode] = []
    var options: [OptionNode] = []
    var reservedRanges: [RangeNode] = []
    var reservedNames: [(String, SourcePosition)] = []
    var span = Span()
}

/// `NAME = number [options];` in an enum.
struct EnumValueNode {
    var name: String
    var number: Int64
    var numberStart: SourcePosition
    var options: [OptionNode] = []
    var span = Span()
}

/// `service Name { rpc ... }`.
struct ServiceNode {
    var name: String
    var methods: [MethodNode] = []
    var options: [OptionNode] = []
    var span = Span()
}

/// `rpc Name (stream In) returns (stream Out) { options }`.
struct MethodNode {
    var name: String
    var inputType: String
    var inputStart: SourcePosition
    var outputType: String
    var outputStart: SourcePosition
    var clientStreaming = false
    var serverStreaming = false
    /// A `{ ... }` body, even an empty one, gives the method an (empty) options message.
    var hasBody = false
    var options: [OptionNode] = []
    var span = Span()
}
