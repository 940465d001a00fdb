import DynamicProto
import ProtoCodec

/// Converts messages to and from proto3 JSON, for any message type in a descriptor pool.
///
/// Generated messages go through their wire bytes: `encode(_:)` decodes a generated message's
/// bytes as a `DynamicMessage` of the same type (found by `protoMessageName`) and prints it.
public struct JSONCodec: Sendable {
    /// The pool that resolves message types, enum names and the contents of `Any`.
    public let pool: DescriptorPool

    /// Creates a codec over `pool`.
    public init(pool: DescriptorPool) {
        self.pool = pool
    }

    /// Prints `message` as JSON.
    ///
    /// - Throws: `JSONCodecError` (with the JSON path, and position 0:0) when a value has no
    ///   JSON form: a Timestamp or Duration out of range, an `Any` whose type is not in the
    ///   pool, a `Value` holding NaN or an infinity.
    public func encode(_ message: DynamicMessage, options: JSONPrintOptions = JSONPrintOptions()) throws(JSONCodecError)
        -> String
    {
        let writer = JSONWriter(options: options, pool: pool)
        return try writer.output(for: message, path: "").printed(indent: options.pretty ? 2 : nil)
    }

    /// Prints a message of type `typeName` given as protobuf wire bytes.
    ///
    /// - Throws: `JSONCodecError` when the type is unknown, the bytes do not decode (the
    ///   message carries the field number and byte offset), or a value has no JSON form.
    public func encode(
        serializedBytes bytes: [UInt8], typeName: String, options: JSONPrintOptions = JSONPrintOptions()
    ) throws(JSONCodecError) -> String {
        let descriptor = try messageDescriptor(typeName)
        let message: DynamicMessage
        do throws(ProtoDecodingError) {
            message = try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        } catch {
            throw JSONCodecError(
                path: "", position: JSONPosition(offset: 0, line: 0, column: 0), message: error.description)
        }
        return try encode(message, options: options)
    }

    /// Prints a generated message, whose type must be in the pool.
    public func encode<M: Message>(_ message: M, options: JSONPrintOptions = JSONPrintOptions()) throws(JSONCodecError)
        -> String
    {
        try encode(serializedBytes: message.serializedBytes(), typeName: M.protoMessageName, options: options)
    }

    /// Reads JSON text as a message of type `typeName`.
    ///
    /// - Throws: `JSONCodecError` naming the JSON path and line:column of the first problem:
    ///   malformed JSON, an unknown field (unless ignored), a value of the wrong JSON type,
    ///   bad base64, an out-of-range number, an invalid timestamp or duration, an `Any` type
    ///   not in the pool.
    public func decode(
        _ json: String, typeName: String, options: JSONParseOptions = JSONParseOptions()
    ) throws(JSONCodecError) -> DynamicMessage {
        let descriptor = try messageDescriptor(typeName)
        let node = try JSONParser.parse(Array(json.utf8))
        return try JSONReader(options: options, pool: pool).message(node, descriptor: descriptor, path: "")
    }

    /// Reads a stream of messages of type `typeName` given as JSON values one after another,
    /// separated by optional whitespace (`{"a":1} {"a":2}`), as rpccurl takes streamed requests.
    ///
    /// - Throws: `JSONCodecError` as `decode(_:typeName:options:)` does; positions count from
    ///   the start of the whole text.
    public func decodeSequence(
        _ json: String, typeName: String, options: JSONParseOptions = JSONParseOptions()
    ) throws(JSONCodecError) -> [DynamicMessage] {
        let descriptor = try messageDescriptor(typeName)
        let reader = JSONReader(options: options, pool: pool)
        var messages: [DynamicMessage] = []
        for node in try JSONParser.parseSequence(Array(json.utf8)) {
            messages.append(try reader.message(node, descriptor: descriptor, path: ""))
        }
        return messages
    }

    /// Reads JSON text as a generated message, through its wire bytes.
    public func decode<M: Message>(
        _ json: String, as type: M.Type, options: JSONParseOptions = JSONParseOptions()
    ) throws(JSONCodecError) -> M {
        let message = try decode(json, typeName: M.protoMessageName, options: options)
        do {
            return try M(serializedBytes: message.serializedBytes())
        } catch {
            throw JSONCodecError(
                path: "", position: JSONPosition(offset: 0, line: 0, column: 0), message: error.description)
        }
    }

    func messageDescriptor(_ typeName: String) throws(JSONCodecError) -> MessageDescriptor {
        guard let descriptor = pool.message(named: typeName) else {
            throw JSONCodecError(
                path: "", position: JSONPosition(offset: 0, line: 0, column: 0),
                message: "message type \"\(typeName)\" is not in the descriptor pool")
        }
        return descriptor
    }
}
