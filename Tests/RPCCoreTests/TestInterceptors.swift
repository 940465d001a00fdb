import RPCCore
import Synchronization

/// The order in which interceptors and handlers ran, shared by the tasks of a test.
final class CallLog: Sendable {
    private let storage = Mutex<[String]>([])

    func record(_ entry: String) {
        storage.withLock { $0.append(entry) }
    }

    var entries: [String] { storage.withLock { $0 } }
}

/// Appends its name to the request's `x-client-chain`, and logs entering and leaving.
struct TaggingClientInterceptor: ClientInterceptor {
    let name: String
    let log: CallLog

    func intercept<Value: Sendable>(
        call: ClientCallHead, next: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
    ) async throws(RPCError) -> ClientCallOutcome<Value> {
        var call = call
        call.metadata.append(name, forKey: "x-client-chain")
        log.record("client \(name) in")
        do {
            var outcome = try await next(call)
            log.record("client \(name) out: \(outcome.metadata.firstString(forKey: "x-server-header") ?? "-")")
            outcome.trailingMetadata.append(name, forKey: "x-seen-by")
            return outcome
        } catch {
            log.record("client \(name) failed: \(error.code)")
            throw error
        }
    }
}

/// Ends every call with its error without calling `next`.
struct RefusingClientInterceptor: ClientInterceptor {
    let error: RPCError

    func intercept<Value: Sendable>(
        call: ClientCallHead, next: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
    ) async throws(RPCError) -> ClientCallOutcome<Value> {
        throw error
    }
}

/// Appends its name to the request's `x-server-chain` and to the response headers, adds a
/// trailer when the producer ends, and logs entering and leaving.
struct TaggingServerInterceptor: ServerInterceptor {
    let name: String
    let log: CallLog

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        var request = request
        request.metadata.append(name, forKey: "x-server-chain")
        log.record("server \(name) in")
        var response = try await next(request, context)
        log.record("server \(name) out")
        response.metadata.append(name, forKey: "x-server-header")
        let producer = response.producer
        let name = name
        response.producer = { writer in
            var trailers = try await producer(writer)
            trailers.append(name, forKey: "x-server-trailer")
            return trailers
        }
        return response
    }
}

/// Refuses calls without `authorization: Bearer secret` (UNAUTHENTICATED) before the handler
/// runs, and turns a handler's NOT_FOUND into PERMISSION_DENIED.
struct BearerTokenInterceptor: ServerInterceptor {
    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard request.metadata.firstString(forKey: "authorization") == "Bearer secret" else {
            throw RPCError(code: .unauthenticated, message: "no valid token from \(context.remotePeer)")
        }
        do {
            return try await next(request, context)
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(code: .permissionDenied, message: "hidden: \(error.message)")
        }
    }
}

extension Metadata {
    /// The text values of `key` joined with commas, or `-` when there are none.
    func chain(_ key: String) -> String {
        let values = values(forKey: key).map(\.description)
        return values.isEmpty ? "-" : values.joined(separator: ",")
    }
}
