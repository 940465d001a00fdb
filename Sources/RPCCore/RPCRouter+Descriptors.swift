extension RPCRouter {
    /// Records the `.proto` files that declare `service`, for server reflection: serialized
    /// `google.protobuf.FileDescriptorProto`s, the declaring file first, then every file it
    /// imports, directly or not. Recording a service again replaces its files.
    ///
    /// Generated `registerMethods(with:)` records its service's files once, at registration,
    /// so a reflection service registered on the router (`registerReflection()` in
    /// GRPCReflection) describes every generated service the router serves. A service
    /// registered by hand can record its files the same way. The router only keeps the
    /// bytes; it never decodes them.
    public mutating func registerDescriptorFiles(_ files: [[UInt8]], forService service: String) {
        descriptorFiles[service] = files
    }

    /// Adds a step that runs once on the complete router when an ``RPCServer`` is created with
    /// it, after every registration, whatever their order: a method can be built from what
    /// the router holds in the end (reflection describes the services registered after it).
    package mutating func addCompletionStep(_ step: @escaping @Sendable (inout RPCRouter) -> Void) {
        completionSteps.append(step)
    }

    /// The router with its completion steps run (and removed, so a copy is not completed twice).
    func completed() -> RPCRouter {
        var router = self
        let steps = router.completionSteps
        router.completionSteps = []
        for step in steps { step(&router) }
        return router
    }
}
