#if canImport(Glibc)
import Glibc
#endif
import CLibPQ
import Foundation

/// Opening a libpq connection without blocking: the host name resolved on a thread of its own
/// (libpq would call `getaddrinfo` inside `PQconnectStartParams`), then `PQconnectPoll` driven
/// by the socket's readiness.
enum ConnectionStart {
    /// Starts connecting (`PQconnectStartParams`); returns the new `PGconn *`.
    ///
    /// - Throws: ``PostgresError`` of kind ``PostgresError/Kind/connect`` when the name does
    ///   not resolve or libpq refuses the parameters.
    static func start(_ configuration: PostgresConfiguration) async throws -> OpaquePointer {
        var parameters = configuration.libpqParameters
        if !configuration.usesUnixSocket && !isNumericAddress(configuration.host) {
            // One host entry per address, so that libpq tries them in order (::1, then 127.0.0.1).
            let addresses = try await resolve(configuration)
            parameters.removeAll { $0.0 == "host" }
            parameters.append(
                ("host", Array(repeating: configuration.host, count: addresses.count).joined(separator: ",")))
            parameters.append(("hostaddr", addresses.joined(separator: ",")))
        }
        let keywords = CStringArray(parameters.map { Optional($0.0) } + [nil])
        let values = CStringArray(parameters.map { Optional($0.1) } + [nil])
        let handle = keywords.withPointers { keywords in
            values.withPointers { values in PQconnectStartParams(keywords, values, 0) }
        }
        guard let handle else {
            throw PostgresError(
                kind: .connect, message: "libpq could not allocate a connection",
                host: configuration.host, port: configuration.port)
        }
        if PQstatus(handle) == CONNECTION_BAD {
            let message = PostgresError.trimmed(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError.connectFailure(message, kind: .connect, configuration: configuration)
        }
        return handle
    }

    /// Drives `PQconnectPoll` until the connection is made, waiting for the socket in between
    /// (first for writability, as libpq asks). libpq may switch sockets between calls (TLS
    /// retries, several addresses), so the socket is asked for each time.
    static func poll(
        _ handle: OpaquePointer, configuration: PostgresConfiguration, deadline: ContinuousClock.Instant
    ) async throws {
        var interest = Readiness.writable
        while true {
            let fd = PQsocket(handle)
            guard fd >= 0 else {
                throw PostgresError.connectFailure(
                    PostgresError.trimmed(PQerrorMessage(handle)), kind: .connect, configuration: configuration)
            }
            do {
                _ = try await SocketReadiness.shared.wait(for: interest, on: fd, deadline: deadline, cancellable: true)
            } catch is ReadinessTimeout {
                throw PostgresError(
                    kind: .connectTimeout, message: "no answer within \(configuration.connectTimeout)",
                    host: configuration.host, port: configuration.port)
            }
            switch PQconnectPoll(handle) {
            case PGRES_POLLING_OK: return
            case PGRES_POLLING_READING: interest = .readable
            case PGRES_POLLING_WRITING: interest = .writable
            default:
                throw PostgresError.connectFailure(
                    PostgresError.trimmed(PQerrorMessage(handle)), kind: .connect, configuration: configuration)
            }
        }
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isNumericAddress(_ host: String) -> Bool {
        var buffer = in6_addr()
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    /// The addresses `getaddrinfo` gives for the configuration's host, in its order, looked up
    /// on a thread of its own so that a slow resolver never holds a thread of the cooperative pool.
    static func resolve(_ configuration: PostgresConfiguration) async throws -> [String] {
        let host = configuration.host
        let outcome: Result<[String], PostgresError> = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: lookUp(host).mapError { message in
                        PostgresError(
                            kind: .connect, message: "cannot resolve host name: \(message)",
                            host: configuration.host, port: configuration.port)
                    })
            }.start()
        }
        return try outcome.get()
    }

    private static func lookUp(_ host: String) -> Result<[String], ResolutionFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, nil, &hints, &list)
        guard rc == 0 else { return .failure(ResolutionFailure(String(cString: gai_strerror(rc)))) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var next = list
        while let entry = next {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(
                entry.pointee.ai_addr, entry.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0,
                NI_NUMERICHOST) == 0
            {
                let address = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                if !addresses.contains(address) { addresses.append(address) }
            }
            next = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(ResolutionFailure("no address for \(host)")) }
        return .success(addresses)
    }

    private struct ResolutionFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
