import CCurl
import Dispatch
import Foundation
import Synchronization

/// An HTTP(S) client for the push providers on libcurl: HTTP/2 or HTTP/1.1 as the server
/// offers, TLS verified against the system's CAs or a given CA file (tests use their own CA),
/// connections kept alive between requests.
///
/// Each request runs `curl_easy_perform` on a dispatch queue of the client's own (never on
/// the cooperative pool), with an easy handle taken from a small pool so that a later request
/// reuses the handle's open connection. A request's time is bounded by ``timeout``.
public final class HTTPSClient: Sendable {
    /// The CA certificates file that server certificates are checked against; `nil`: the system's.
    public let certificateAuthorityFile: String?
    /// The longest one request may take, connection included.
    public let timeout: Duration
    /// The largest response body read; a longer one fails the request.
    public static let maximumBodyBytes = 1 << 20

    private let queue = DispatchQueue(label: "pinit.https-client", attributes: .concurrent)
    private let idleHandles = Mutex<[EasyHandle]>([])
    private static let idleLimit = 8
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Creates a client.
    public init(certificateAuthorityFile: String? = nil, timeout: Duration = .seconds(10)) {
        _ = Self.initialized
        self.certificateAuthorityFile = certificateAuthorityFile
        self.timeout = timeout
    }

    /// POSTs `body` to `url` with `headers` (name, value) and returns the response, whatever
    /// its status.
    ///
    /// - Throws: ``HTTPClientError`` when no response came (connection, TLS, timeout, a body
    ///   over ``maximumBodyBytes``).
    public func post(_ url: URL, headers: [(String, String)], body: Data) async throws(HTTPClientError) -> HTTPResponse
    {
        let fields = headers.map { "\($0.0): \($0.1)" } + ["Expect:"]
        let timeoutMilliseconds = Int(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let result: Result<HTTPResponse, HTTPClientError> = await withCheckedContinuation { continuation in
            queue.async {
                let handle = self.idleHandles.withLock { $0.popLast() } ?? EasyHandle()
                let result = handle.post(
                    url, fields: fields, body: body, certificateAuthorityFile: self.certificateAuthorityFile,
                    timeoutMilliseconds: timeoutMilliseconds)
                self.idleHandles.withLock { if $0.count < Self.idleLimit { $0.append(handle) } }
                continuation.resume(returning: result)
            }
        }
        return try result.get()
    }
}

/// One libcurl easy handle, used by one request at a time.
private final class EasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer?

    init() { handle = curl_easy_init() }

    deinit { curl_easy_cleanup(handle) }

    func post(
        _ url: URL, fields: [String], body: Data, certificateAuthorityFile: String?, timeoutMilliseconds: Int
    ) -> Result<HTTPResponse, HTTPClientError> {
        guard let handle else { return .failure(HTTPClientError(url: url, reason: "curl_easy_init failed")) }
        curl_easy_reset(handle)
        var list: UnsafeMutablePointer<curl_slist>?
        for field in fields { list = curl_slist_append(list, field) }
        defer { curl_slist_free_all(list) }
        let received = ReceivedResponse()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let bodyBytes = [CChar](body.map { CChar(bitPattern: $0) }) + [0]
        let context = Unmanaged.passUnretained(received).toOpaque()
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            let prepared = ccurl_prepare_post(
                handle, url.absoluteString, list, bodyBytes, body.count, certificateAuthorityFile, timeoutMilliseconds,
                errors.baseAddress,
                { bytes, size, count, context in
                    Unmanaged<ReceivedResponse>.fromOpaque(context!).takeUnretainedValue().appendBody(
                        bytes!, size * count)
                },
                { bytes, size, count, context in
                    Unmanaged<ReceivedResponse>.fromOpaque(context!).takeUnretainedValue().appendHeader(
                        bytes!, size * count)
                }, context)
            return prepared == CURLE_OK ? curl_easy_perform(handle) : prepared
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return .failure(HTTPClientError(url: url, reason: reason))
        }
        return .success(
            HTTPResponse(status: ccurl_response_code(handle), headers: received.headers, body: received.body))
    }
}

/// What the callbacks of one transfer collect (used on the transfer's thread only).
private final class ReceivedResponse {
    var body = Data()
    var headers: [String: String] = [:]

    func appendBody(_ bytes: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        guard body.count + count <= HTTPSClient.maximumBodyBytes else { return 0 }
        body.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    /// One header line; a status line (a new response, after a 100 or a redirect) starts over.
    func appendHeader(_ bytes: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return count
    }
}
