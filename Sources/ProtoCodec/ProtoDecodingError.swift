/// Why a buffer could not be decoded, and where.
///
/// Every decoding failure names the field being read (when one was) and the byte offset,
/// counted from the start of the outermost buffer, at which the problem was found.
public struct ProtoDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule of the wire format that the input broke.
    public enum Kind: Sendable, Hashable {
        /// The input ended inside a varint.
        case truncatedVarint
        /// A varint ran past 10 bytes.
        case varintTooLong
        /// The input ended inside a fixed-width value.
        case truncatedFixed
        /// A length prefix points past the end of the enclosing buffer.
        case lengthPastEnd(length: UInt64, available: Int)
        /// A tag carried wire type 6 or 7, which do not exist.
        case invalidWireType(UInt8)
        /// A tag carried field number 0 or one above 2^29 - 1.
        case invalidFieldNumber(UInt64)
        /// A `string` field held bytes that are not valid UTF-8.
        case invalidUTF8
        /// Messages or groups were nested deeper than the limit.
        case nestingTooDeep(limit: Int)
        /// An end-group tag arrived with no matching start-group tag.
        case unexpectedEndGroup
        /// A group was still open when its enclosing buffer ended.
        case unterminatedGroup
        /// A packed field's length is not a multiple of its element size.
        case malformedPackedField
    }

    /// The rule that was broken.
    public let kind: Kind
    /// The field number being decoded, if the error happened inside a field.
    public let fieldNumber: Int?
    /// Byte offset from the start of the outermost buffer: the first byte of a bad key, of a
    /// truncated or over-long varint, or of a truncated fixed-width value; the first content
    /// byte of a bad string or packed run; the byte after a length prefix that runs past the
    /// end; the byte after the key of a message or group nested too deep; the end of the
    /// buffer for an unterminated group.
    public let offset: Int

    /// Creates an error.
    public init(_ kind: Kind, fieldNumber: Int?, offset: Int) {
        self.kind = kind
        self.fieldNumber = fieldNumber
        self.offset = offset
    }

    /// A one-line explanation, naming the field number and byte offset.
    public var description: String {
        let what: String
        switch kind {
        case .truncatedVarint: what = "input ends inside a varint"
        case .varintTooLong: what = "varint longer than 10 bytes"
        case .truncatedFixed: what = "input ends inside a fixed-width value"
        case let .lengthPastEnd(length, available):
            what = "length \(length) runs past the end of the buffer (\(available) bytes left)"
        case let .invalidWireType(type): what = "invalid wire type \(type)"
        case let .invalidFieldNumber(number): what = "invalid field number \(number)"
        case .invalidUTF8: what = "string field is not valid UTF-8"
        case let .nestingTooDeep(limit): what = "messages nested deeper than \(limit)"
        case .unexpectedEndGroup: what = "end-group tag without a matching start-group"
        case .unterminatedGroup: what = "group not terminated before the end of its buffer"
        case .malformedPackedField: what = "packed field length is not a multiple of the element size"
        }
        if let fieldNumber {
            return "protobuf decoding error: \(what) (field \(fieldNumber), byte offset \(offset))"
        }
        return "protobuf decoding error: \(what) (byte offset \(offset))"
    }
}
