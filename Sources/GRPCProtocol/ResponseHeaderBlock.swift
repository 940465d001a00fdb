import RPCCore

/// The fields of one response header block a client cares about, collected field by field.
struct ResponseHeaderBlock: Sendable {
    var httpStatus: Int?
    var contentType: String?
    var grpcStatus: String?
    var grpcMessage: String?
    var encoding: String?
    var metadata = Metadata()
    var metadataError: RPCError?

    mutating func receive(name: String, value: String) {
        switch name {
        case ":status":
            var value = value
            httpStatus = value.withUTF8 { Self.httpStatus(UnsafeRawBufferPointer($0)) }
        case "content-type": contentType = value
        case "grpc-status": grpcStatus = value
        case "grpc-message": grpcMessage = value
        case "grpc-encoding": encoding = value
        default:
            do throws(RPCError) {
                try MetadataHeaders.receive(name: name, value: value, into: &metadata)
            } catch {
                metadataError = error
            }
        }
    }

    /// Takes one field as nghttp2 hands it over, borrowed bytes: the fields a client looks at
    /// are read from the bytes (no string for `:status`, the usual content-type or an OK
    /// `grpc-status`); other names become metadata, as ``receive(name:value:)`` does.
    mutating func receive(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        if name.spells(":status") {
            httpStatus = Self.httpStatus(value)
        } else if name.spells("content-type") {
            contentType = value.spells("application/grpc") ? "application/grpc" : HeaderBytes.string(value)
        } else if name.spells("grpc-status") {
            grpcStatus = value.spells("0") ? "0" : HeaderBytes.string(value)
        } else {
            receive(name: HeaderBytes.string(name), value: HeaderBytes.string(value))
        }
    }

    /// The `:status` value as a number: exactly three ASCII digits (RFC 9113, 8.3.2), nil
    /// for anything else.
    private static func httpStatus(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count == 3 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }

    /// The status the block carries: `grpc-status` (a value that is not a number is UNKNOWN)
    /// with the decoded `grpc-message`; UNKNOWN with `missing` when there is no `grpc-status`;
    /// INTERNAL when binary metadata in it was not base64.
    func status(missing: String) -> Status {
        if let metadataError { return metadataError.status }
        guard let grpcStatus else { return Status(code: .unknown, message: missing) }
        guard let number = Int(grpcStatus) else {
            return Status(code: .unknown, message: "malformed grpc-status '\(grpcStatus)'")
        }
        return Status(
            code: StatusCode(wireValue: number), message: grpcMessage.map { GRPCMessageEncoding.decode($0) } ?? "")
    }
}
