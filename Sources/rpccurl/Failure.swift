import RPCCore

/// Why rpccurl stops, and the exit status grpcurl uses for it.
enum Failure: Error {
    /// Bad input or a failed connection: exit status 1, the message on stderr.
    case other(String)
    /// A command line that does not say what to do: exit status 2, with a pointer to `--help`.
    case usage(String)
    /// The RPC ended with a non-OK status: exit status 64 + the code.
    case rpc(RPCError)
    /// An RPC failure whose status was already printed (in the `-format-error` format): exit status 64 + the code.
    case reported(StatusCode)

    /// The exit status.
    var exitStatus: Int32 {
        switch self {
        case .other: 1
        case .usage: 2
        case .rpc(let error): 64 + Int32(error.code.rawValue)
        case .reported(let code): 64 + Int32(code.rawValue)
        }
    }
}

/// grpcurl's name for a status code: `NotFound`, `DeadlineExceeded`.
func grpcurlName(_ code: StatusCode) -> String {
    switch code {
    case .ok: return "OK"
    case .cancelled: return "Canceled"
    default: break
    }
    return code.name.lowercased().split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
}
