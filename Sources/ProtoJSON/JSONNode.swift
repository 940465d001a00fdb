/// A parsed JSON value that keeps what the proto3 JSON mapping needs: numbers as their
/// exact text (64-bit integers survive), object members in order, and every value's position.
struct JSONNode: Sendable {
    /// One `"key": value` member of an object.
    struct Member: Sendable {
        let key: String
        let keyPosition: JSONPosition
        let value: JSONNode
    }

    enum Kind: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// A number exactly as written, such as `-12`, `1.5e3`.
        case number(String)
        case bool(Bool)
        case null
    }

    let kind: Kind
    let position: JSONPosition

    /// A short name of the kind, for errors: `object`, `array`, `string`, `number`, ...
    var kindName: String {
        switch kind {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
