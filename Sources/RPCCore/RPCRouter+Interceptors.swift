extension RPCRouter {
    /// The handlers keyed by path, each method's run through the interceptors whose scope
    /// contains it; methods no interceptor applies to keep their direct handler, so they
    /// cost nothing more.
    func handlers(interceptedBy interceptors: [ScopedInterceptor<any ServerInterceptor>]) -> [String: MethodHandler] {
        guard !interceptors.isEmpty else { return handlers }
        var table = handlers
        for (path, intercepted) in interceptedHandlers {
            guard let descriptor = MethodDescriptor(path: path) else { continue }
            let chain = interceptors.interceptors(for: descriptor)
            guard !chain.isEmpty else { continue }
            table[path] = { stream, context, logger in await intercepted(stream, context, logger, chain) }
        }
        return table
    }
}
