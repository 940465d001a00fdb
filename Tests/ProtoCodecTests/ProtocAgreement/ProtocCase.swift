import Testing

/// One message written twice: as protoc text format and as the Swift value that should
/// encode to the same bytes.
struct ProtocCase: Sendable, CustomTestStringConvertible {
    /// What the case checks.
    let name: String
    /// The message in protoc's text format.
    let text: String
    /// The Swift value equal to `text`.
    let message: TestAllTypes

    init(_ name: String, _ text: String, _ build: (inout TestAllTypes) -> Void) {
        self.name = name
        self.text = text
        var message = TestAllTypes()
        build(&message)
        self.message = message
    }

    var testDescription: String { name }
}

extension TestAllTypes {
    /// Equal as values, or (for NaN, which is unequal to itself) equal as encodings.
    func agrees(with other: TestAllTypes) -> Bool {
        self == other || serializedBytes() == other.serializedBytes()
    }
}
