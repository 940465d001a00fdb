/// The methods an interceptor applies to.
public enum InterceptorScope: Sendable, Hashable {
    /// Every method.
    case allMethods
    /// Every method of these services (fully qualified names, such as `pinit.v1.TaskService`).
    case services(Set<String>)
    /// Exactly these methods.
    case methods(Set<MethodDescriptor>)

    /// Whether the scope includes `descriptor`.
    public func contains(_ descriptor: MethodDescriptor) -> Bool {
        switch self {
        case .allMethods: return true
        case .services(let services): return services.contains(descriptor.service)
        case .methods(let methods): return methods.contains(descriptor)
        }
    }
}

/// An interceptor together with the methods it applies to: one entry of a client's or a
/// server's interceptor list.
public struct ScopedInterceptor<Interceptor: Sendable>: Sendable {
    /// The interceptor.
    public var interceptor: Interceptor
    /// The methods it runs for; calls of other methods skip it.
    public var scope: InterceptorScope

    /// Creates an entry applying `interceptor` to the methods in `scope`.
    public init(_ interceptor: Interceptor, scope: InterceptorScope = .allMethods) {
        self.interceptor = interceptor
        self.scope = scope
    }
}

extension Array {
    /// The interceptors, in order, whose scope contains `descriptor`.
    func interceptors<Interceptor>(for descriptor: MethodDescriptor) -> [Interceptor]
    where Element == ScopedInterceptor<Interceptor> {
        compactMap { $0.scope.contains(descriptor) ? $0.interceptor : nil }
    }
}
