/// One part of a request stream, client to server.
///
/// A request is exactly one ``metadata(_:)`` followed by zero or more ``message(_:)`` parts,
/// then the end of the stream.
public enum RequestPart: Sendable, Hashable {
    /// The request metadata (custom headers, reserved keys removed), always first.
    case metadata(Metadata)
    /// One serialized request message (without the 5-byte gRPC prefix).
    case message([UInt8])
}

/// One part of a response stream, server to client.
///
/// A response is either ``metadata(_:)``, zero or more ``message(_:)`` parts, then one
/// ``status(_:_:)``; or just one ``status(_:_:)`` (Trailers-Only, when the server fails
/// before answering). Nothing follows the status.
public enum ResponsePart: Sendable, Hashable {
    /// The response headers' custom metadata.
    case metadata(Metadata)
    /// One serialized response message (without the 5-byte gRPC prefix).
    case message([UInt8])
    /// The final status and the trailers' custom metadata; always the last part.
    case status(Status, Metadata)
}
