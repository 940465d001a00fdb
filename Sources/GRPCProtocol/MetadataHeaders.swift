import ProtoCodec
import RPCCore

/// Converting user metadata to and from header fields: `-bin` values base64-encoded
/// unpadded on send; on receive, split at `,` (joined duplicates) and each part decoded,
/// padded or not. Reserved keys are dropped in both directions, except the two of gRFC A6's
/// retries, which the client puts in (`grpc-previous-rpc-attempts`) and reads from the
/// server's trailers (`grpc-retry-pushback-ms`) as metadata.
public enum MetadataHeaders {
    /// Whether a reserved key passes as metadata: one of the two retry keys.
    static func isRetryKey(_ key: String) -> Bool {
        key == "grpc-previous-rpc-attempts" || key == "grpc-retry-pushback-ms"
    }

    /// Appends the header fields for `metadata`, skipping reserved keys.
    public static func append(_ metadata: Metadata, to fields: inout [HeaderField]) {
        for entry in metadata where !Metadata.isReservedKey(entry.key) || isRetryKey(entry.key) {
            switch entry.value {
            case .string(let text): fields.append(HeaderField(entry.key, text))
            case .binary(let bytes): fields.append(HeaderField(entry.key, Base64.encode(bytes, padded: false)))
            }
        }
    }

    /// Adds one received header to `metadata` unless its name is reserved.
    ///
    /// - Throws: ``RPCError`` with ``StatusCode/internal`` when a `-bin` value is not base64.
    public static func receive(name: String, value: String, into metadata: inout Metadata) throws(RPCError) {
        guard !Metadata.isReservedKey(name) || isRetryKey(name) else { return }
        guard Metadata.isBinaryKey(name) else {
            metadata.append(.string(value), forKey: name)
            return
        }
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.drop { $0 == " " }
            guard let bytes = Base64.decode(trimmed) else {
                throw RPCError(code: .internal, message: "metadata '\(name)' is not valid base64")
            }
            metadata.append(.binary(bytes), forKey: name)
        }
    }
}
