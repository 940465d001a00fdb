#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A protobuf message: a value type that knows its exact encoded size, writes itself in
/// field-number order, and merges fields read from the wire into itself.
///
/// Generated code conforms to this protocol; the extension methods give the public
/// encode and decode entry points.
public protocol Message: Sendable, Hashable {
    /// The fully qualified protobuf name, such as `google.protobuf.Timestamp`.
    static var protoMessageName: String { get }

    /// Creates a message with every field at its default.
    init()

    /// The exact number of bytes `encode(to:)` writes.
    func encodedSize() -> Int

    /// Writes every non-default field, in field-number order, then the unknown fields.
    func encode(to writer: inout WireWriter)

    /// Reads fields until the reader's end, merging them into `self` by the protobuf
    /// merge rules: last value wins for scalars, messages merge, repeated fields append.
    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError)

    /// Fields this message's schema does not know, kept for re-encoding.
    var unknownFields: UnknownFields { get set }
}

extension Message {
    /// Encodes the message into a new array of exactly the right size.
    @inlinable
    public func serializedBytes() -> [UInt8] {
        let size = encodedSize()
        // Zero-filling is cheaper than `init(unsafeUninitializedCapacity:)`, whose
        // out-of-line allocation looks the array's storage type up at run time on every call.
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { buffer in
            var writer = WireWriter(buffer: buffer)
            encode(to: &writer)
            precondition(writer.bytesWritten == size, "encodedSize() disagrees with encode(to:)")
        }
        return bytes
    }

    /// Encodes the message into new `Data`.
    @inlinable
    public func serializedData() -> Data {
        let size = encodedSize()
        var data = Data(count: size)
        data.withUnsafeMutableBytes { buffer in
            var writer = WireWriter(buffer: buffer)
            encode(to: &writer)
            precondition(writer.bytesWritten == size, "encodedSize() disagrees with encode(to:)")
        }
        return data
    }

    /// Decodes a message from a borrowed buffer.
    @inlinable
    public init(serializedBytes buffer: UnsafeRawBufferPointer) throws(ProtoDecodingError) {
        self.init()
        var reader = WireReader(buffer: buffer)
        try decode(from: &reader)
    }

    /// Decodes a message from bytes.
    @inlinable
    public init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        self.init()
        try merge(serializedBytes: bytes)
    }

    /// Decodes a message from `Data`.
    @inlinable
    public init(serializedData data: Data) throws(ProtoDecodingError) {
        self.init()
        let result: Result<Void, ProtoDecodingError> = data.withUnsafeBytes { buffer in
            var reader = WireReader(buffer: buffer)
            do throws(ProtoDecodingError) {
                try decode(from: &reader)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Merges the fields encoded in `bytes` into this message.
    @inlinable
    public mutating func merge(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        let result: Result<Void, ProtoDecodingError> = bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer: buffer)
            do throws(ProtoDecodingError) {
                try decode(from: &reader)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}
