import ProtoCodec

/// The invariant the fuzzer and the corpus replay test check on arbitrary bytes: if they
/// decode as `TestAllTypes`, the message re-encodes to exactly `encodedSize()` bytes, which
/// decode again to an equal message.
enum RoundTripCheck {
    /// Returns nil when `input` is rejected with an error or passes; otherwise what broke.
    static func failure(for input: UnsafeRawBufferPointer) -> String? {
        guard let message = try? TestAllTypes(serializedBytes: input) else { return nil }
        let bytes = message.serializedBytes()
        guard bytes.count == message.encodedSize() else {
            return "encodedSize() \(message.encodedSize()) but \(bytes.count) bytes written"
        }
        let again: TestAllTypes
        do {
            again = try TestAllTypes(serializedBytes: bytes)
        } catch {
            return "our own encoding does not decode: \(error)"
        }
        guard again == message || (again.containsNaN && again.encodedSize() == bytes.count) else {
            return "decoding our encoding gives a different message"
        }
        return nil
    }
}

extension TestAllTypes {
    /// True when some float or double field holds NaN, which is unequal to itself, so that
    /// such messages can only be compared by their encodings.
    var containsNaN: Bool {
        singularFloat.isNaN || singularDouble.isNaN || (optionalFloat?.isNaN ?? false)
            || (optionalDouble?.isNaN ?? false) || repeatedFloat.contains { $0.isNaN }
            || repeatedDouble.contains { $0.isNaN } || mapBoolDouble.values.contains { $0.isNaN }
            || mapFixed32Double.values.contains { $0.isNaN } || (recursive?.containsNaN ?? false)
    }
}
