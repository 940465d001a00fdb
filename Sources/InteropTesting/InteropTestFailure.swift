import RPCCore

/// An interop test case whose client assertion did not hold, or whose call failed
/// unexpectedly.
public struct InteropTestFailure: Error, Sendable, CustomStringConvertible {
    /// The test case that failed.
    public var testCase: InteropTestCase
    /// What was expected and what happened instead.
    public var message: String

    /// Creates a failure.
    public init(testCase: InteropTestCase, message: String) {
        self.testCase = testCase
        self.message = message
    }

    /// `test case NAME failed: MESSAGE`.
    public var description: String { "test case \(testCase.rawValue) failed: \(message)" }
}

/// A failed assertion inside a test case; ``InteropTestCase/run(using:)`` names the case.
struct AssertionFailure: Error {
    let message: String
}

/// Fails the running test case with `message` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(AssertionFailure) {
    if !condition { throw AssertionFailure(message: message()) }
}

/// Runs a call that must fail, and returns its error.
///
/// - Throws: ``AssertionFailure`` when the call succeeded or failed with an error that is
///   not an ``RPCError``.
func expectFailure(_ what: String, _ call: () async throws -> Void) async throws(AssertionFailure) -> RPCError {
    do {
        try await call()
    } catch let error as RPCError {
        return error
    } catch {
        throw AssertionFailure(message: "\(what) failed with \(error), not with a gRPC status")
    }
    throw AssertionFailure(message: "\(what) succeeded, but it had to fail")
}

/// Runs a call that must end with status `code`.
///
/// - Throws: ``AssertionFailure`` when it ended otherwise.
func expectStatus(_ code: StatusCode, _ what: String, _ call: () async throws -> Void) async throws(AssertionFailure)
    -> RPCError
{
    let error = try await expectFailure(what, call)
    try expect(error.code == code, "\(what) ended with \(error.status), expected \(code)")
    return error
}
