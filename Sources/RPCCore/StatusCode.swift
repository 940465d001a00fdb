/// The status code an RPC ends with, as defined by gRPC (`grpc-status` on the wire).
///
/// The raw value is the number sent in `grpc-status`; ``name`` is the canonical upper-case
/// name (`NOT_FOUND`) used for display and logs.
public enum StatusCode: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The call completed successfully.
    case ok = 0
    /// The call was cancelled, typically by the caller.
    case cancelled = 1
    /// An error with no more specific code, or an error thrown by a server handler that was
    /// not an ``RPCError``.
    case unknown = 2
    /// The client sent an argument the server considers invalid regardless of system state.
    case invalidArgument = 3
    /// The deadline expired before the call could complete.
    case deadlineExceeded = 4
    /// A requested entity was not found.
    case notFound = 5
    /// The entity the client tried to create already exists.
    case alreadyExists = 6
    /// The caller is not allowed to perform the operation.
    case permissionDenied = 7
    /// A resource (quota, message size, memory) ran out.
    case resourceExhausted = 8
    /// The system is not in a state required for the operation.
    case failedPrecondition = 9
    /// The operation was aborted, typically because of a concurrency conflict.
    case aborted = 10
    /// The operation went past the valid range.
    case outOfRange = 11
    /// The method is not implemented or not supported by the server.
    case unimplemented = 12
    /// An invariant the system relies on was broken (protocol violations, decode failures).
    case `internal` = 13
    /// The service is unavailable right now; retrying may succeed.
    case unavailable = 14
    /// Unrecoverable data loss or corruption.
    case dataLoss = 15
    /// The request has no valid authentication credentials.
    case unauthenticated = 16

    /// Maps a `grpc-status` number to a code; numbers outside 0...16 map to ``unknown``.
    public init(wireValue: Int) {
        self = StatusCode(rawValue: wireValue) ?? .unknown
    }

    /// The canonical name of the code, such as `NOT_FOUND`.
    public var name: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        }
    }

    /// The name and number, such as `NOT_FOUND (5)`.
    public var description: String { "\(name) (\(rawValue))" }
}
