import Foundation
import RPCCore

extension Grpc_Testing_Payload {
    /// A COMPRESSABLE payload of `size` zero bytes.
    static func zeros(_ size: Int) -> Grpc_Testing_Payload {
        Grpc_Testing_Payload(type: .compressable, body: Data(count: size))
    }

    /// Whether the body is exactly `size` zero bytes.
    func isZeros(_ size: Int) -> Bool {
        body.count == size && body.allSatisfy { $0 == 0 }
    }
}

extension Grpc_Testing_EchoStatus {
    /// The error a server ends a call with when asked to echo this status, carrying the
    /// trailers `trailing`; `nil` for code 0 (OK), which asks for nothing.
    func error(trailing: Metadata) -> RPCError? {
        guard code != 0 else { return nil }
        return RPCError(code: StatusCode(wireValue: Int(code)), message: message, metadata: trailing)
    }
}
