import RPCCore
import Testing

@Suite("Unary response assembly")
struct UnaryResponseAssemblerTests {
    @Test("the assembler's order rules: a message before the headers, a second header block, a status other than OK")
    func assemblerRules() throws {
        var early = UnaryResponseAssembler()
        #expect(throws: RPCError.self) { try early.take(.message([1])) }
        var twice = UnaryResponseAssembler()
        _ = try twice.take(.metadata(Metadata()))
        #expect(throws: RPCError.self) { try twice.take(.metadata(Metadata())) }
        var failed = UnaryResponseAssembler()
        _ = try failed.take(.metadata(Metadata()))
        let error = #expect(throws: RPCError.self) {
            try failed.take(.status(Status(code: .notFound, message: "gone"), Metadata()))
        }
        #expect(error?.code == .notFound)
        var trailersOnly = UnaryResponseAssembler()
        let okWithout = #expect(throws: RPCError.self) { try trailersOnly.take(.status(.ok, Metadata())) }
        #expect(okWithout?.message == "the server ended a unary call with OK but no message")
        var whole = UnaryResponseAssembler()
        _ = try whole.take(.metadata(Metadata()))
        _ = try whole.take(.message([7]))
        let response = try #require(try whole.take(.status(.ok, Metadata())))
        #expect(response.message == [7])
    }
}
