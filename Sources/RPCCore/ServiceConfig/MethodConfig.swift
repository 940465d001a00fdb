/// How the calls of some methods behave: the methods it applies to, and each setting it makes
/// (a setting left `nil` leaves the call's own option, or the client's default, in place).
public struct MethodConfig: Sendable, Hashable {
    /// Which methods a config applies to: one method of a service, every method of a service
    /// (`method` empty), or every method of every service (both empty).
    public struct Name: Sendable, Hashable, CustomStringConvertible {
        /// The fully qualified service name, such as `pinit.v1.TaskService`; empty for all.
        public let service: String
        /// The method name, such as `CreateSchedule`; empty for all of the service's.
        public let method: String

        /// Names `method` of `service`, every method of `service` (`method` empty), or every
        /// method (both empty).
        ///
        /// - Throws: ``ServiceConfigError`` when a method is named without a service.
        public init(service: String = "", method: String = "", path: String = "name") throws(ServiceConfigError) {
            guard service.isEmpty == false || method.isEmpty else {
                throw ServiceConfigError(path: path, "a method (\(method)) needs its service")
            }
            self.service = service
            self.method = method
        }

        /// A name as a lookup key, unchecked.
        init(key service: String, _ method: String) {
            self.service = service
            self.method = method
        }

        /// `service/method`, `service/*` or `*`.
        public var description: String {
            service.isEmpty ? "*" : "\(service)/\(method.isEmpty ? "*" : method)"
        }
    }

    /// The methods it applies to.
    public var names: [Name]
    /// The longest a call may take; a shorter timeout or earlier deadline on the call wins.
    public var timeout: Duration?
    /// Whether calls wait for a ready connection instead of failing while none is ready.
    public var waitForReady: Bool?
    /// The largest request message sent; a larger one fails the call with RESOURCE_EXHAUSTED.
    public var maxRequestMessageBytes: Int?
    /// The largest response message accepted; the call's own limit wins when smaller.
    public var maxResponseMessageBytes: Int?
    /// When failed calls are tried again.
    public var retryPolicy: RetryPolicy?

    /// Creates a method config.
    public init(
        names: [Name], timeout: Duration? = nil, waitForReady: Bool? = nil, maxRequestMessageBytes: Int? = nil,
        maxResponseMessageBytes: Int? = nil, retryPolicy: RetryPolicy? = nil
    ) {
        self.names = names
        self.timeout = timeout
        self.waitForReady = waitForReady
        self.maxRequestMessageBytes = maxRequestMessageBytes
        self.maxResponseMessageBytes = maxResponseMessageBytes
        self.retryPolicy = retryPolicy
    }
}
