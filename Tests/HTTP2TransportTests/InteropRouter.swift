import HTTP2Transport
import InteropTesting
import RPCCore

/// A router with the interop test service (`grpc.testing.TestService`): the service most
/// tests of whole calls over HTTP/2 run against.
func interopRouter() -> RPCRouter<HTTP2ServerTransport> {
    var router = RPCRouter<HTTP2ServerTransport>()
    InteropTestService().registerMethods(with: &router)
    return router
}
