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
        case ":status": httpStatus = Int(value)
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

    /// The status the block carries: `grpc-status` (a value that is not a number is UNKNOWN)
    /// with the decoded `grpc-message`; UNKNOWN with `missing` when there is no `grpc-status`;
    /// INTERNAL when binary metadata in it was not base64.
    func status(missing: String) -> Status {
        if let metadataError { return metadataError.status }
        guard let grpcStatus else { return Status(code: .unknown, message: missing) }
        guard let number = Int(grpcStatus) else {
            return Status(code: .unknown, message: "malformed grpc-status '\(grpcStatus)'")
        }
        return Status(code: StatusCode(wireValue: number), message: grpcMessage.map { GRPCMessageEncoding.decode($0) } ?? "")
    }
}
