import Testing
import RPCCore

@Suite("Status, codes and descriptors")
struct StatusTests {
    @Test("the 17 status codes have their gRPC numbers and names")
    func codeNumbersAndNames() {
        #expect(StatusCode.allCases.count == 17)
        #expect(StatusCode.allCases.map(\.rawValue) == Array(0...16))
        #expect(StatusCode.notFound.name == "NOT_FOUND")
        #expect(StatusCode.deadlineExceeded.description == "DEADLINE_EXCEEDED (4)")
    }

    @Test("unknown wire status numbers map to UNKNOWN")
    func unknownWireValue() {
        #expect(StatusCode(wireValue: 17) == .unknown)
        #expect(StatusCode(wireValue: -1) == .unknown)
        #expect(StatusCode(wireValue: 14) == .unavailable)
    }

    @Test("an OK status is not an error")
    func okIsNotAnError() {
        #expect(RPCError(status: .ok) == nil)
        #expect(RPCError(code: .ok, message: "x").code == .unknown)
        #expect(
            RPCError(status: Status(code: .notFound, message: "gone"))?.status
                == Status(code: .notFound, message: "gone"))
    }

    @Test("method paths are /service/method and parse back")
    func methodPaths() {
        let method = MethodDescriptor(service: "pkg.Service", method: "Call")
        #expect(method.fullPath == "/pkg.Service/Call")
        #expect(MethodDescriptor(path: "/pkg.Service/Call") == method)
        #expect(MethodDescriptor(path: "/pkg.Service/Call")?.service == "pkg.Service")
        #expect(MethodDescriptor(path: "/pkg.Service/Call")?.method == "Call")
        for bad in ["", "/", "pkg.Service/Call", "//Call", "/pkg.Service/", "/a/b/c", "/pkg.Service"] {
            #expect(MethodDescriptor(path: bad) == nil, "\(bad)")
        }
    }

    @Test("the deadline is the earlier of the deadline and start plus timeout")
    func resolvedDeadline() {
        let start = ContinuousClock.now
        let fromTimeout = CallOptions(timeout: .seconds(5)).resolvingDeadline(from: start)
        #expect(fromTimeout.deadline == start.advanced(by: .seconds(5)))
        let earlier = CallOptions(timeout: .seconds(5), deadline: start.advanced(by: .seconds(1)))
        #expect(earlier.resolvingDeadline(from: start).deadline == start.advanced(by: .seconds(1)))
        #expect(CallOptions().resolvingDeadline(from: start).deadline == nil)
    }
}
