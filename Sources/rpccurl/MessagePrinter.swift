import DynamicProto
import ProtoJSON

/// Turns wire bytes into the text rpccurl prints and JSON text into wire bytes.
struct MessagePrinter: Sendable {
    let pool: DescriptorPool
    let format: MessageFormat
    let printOptions: JSONPrintOptions
    let parseOptions: JSONParseOptions

    init(pool: DescriptorPool, flags: CallFlags) {
        self.pool = pool
        format = flags.format
        printOptions = JSONPrintOptions(
            pretty: true, emitDefaults: flags.emitDefaults, keepProtoNames: flags.keepProtoNames)
        parseOptions = JSONParseOptions(ignoreUnknownFields: flags.allowUnknownFields)
    }

    /// A message of type `typeName` in the chosen format.
    func text(of bytes: [UInt8], typeName: String) throws(Failure) -> String {
        switch format {
        case .json:
            do {
                return try JSONCodec(pool: pool).encode(
                    serializedBytes: bytes, typeName: typeName, options: printOptions)
            } catch {
                throw .other("failed to format response message: \(error)")
            }
        case .text:
            guard let descriptor = pool.message(named: typeName) else {
                throw .other("unknown message type \(typeName)")
            }
            do {
                return try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes).textFormatString()
            } catch {
                throw .other("failed to decode response message: \(error)")
            }
        }
    }

    /// The wire bytes of `text` (JSON, or the text format with `-format text`) read as `typeName`.
    func bytes(of text: String, typeName: String) throws(Failure) -> [UInt8] {
        if format == .text {
            guard let descriptor = pool.message(named: typeName) else {
                throw .other("unknown message type \(typeName)")
            }
            var reader = TextFormatReader(pool: pool)
            do {
                return try reader.read(text, as: descriptor).serializedBytes()
            } catch {
                throw .other("error getting request data: \(error)")
            }
        }
        do {
            return try JSONCodec(pool: pool).decode(text, typeName: typeName, options: parseOptions).serializedBytes()
        } catch {
            throw .other("error getting request data: \(error)")
        }
    }
}
