import Foundation

/// A Swift type a column's text-format value decodes into.
public protocol PostgresDecodable: Sendable {
    /// Decodes `text` (`nil` for SQL NULL) of a value of `column`.
    ///
    /// - Throws: ``PostgresDecodingError`` when the value is NULL or not of this type.
    init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError)
}

/// A column value that could not be decoded as the type asked for.
public struct PostgresDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why it could not be decoded.
    public enum Reason: Sendable, Hashable {
        /// The result has no column of that name; the names it has.
        case noSuchColumn(available: [String])
        /// The value is NULL but the type asked for is not optional.
        case unexpectedNull
        /// The text is not a value of the type; the text and the type's name.
        case notConvertible(text: String, type: String)
    }

    /// The column's name.
    public let column: String
    /// Why it could not be decoded.
    public let reason: Reason

    /// The column and the reason.
    public var description: String {
        switch reason {
        case .noSuchColumn(let available): "no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case .unexpectedNull: "column '\(column)' is NULL; decode it as an Optional"
        case .notConvertible(let text, let type): "column '\(column)': '\(text.prefix(64))' is not a \(type)"
        }
    }
}

extension PostgresDecodable {
    /// `text` when it is not NULL, converted by `convert`; the error names the column and type.
    static func nonNull(
        _ text: String?, _ column: PostgresColumn, _ convert: (String) -> Self?
    ) throws(PostgresDecodingError) -> Self {
        guard let text else { throw PostgresDecodingError(column: column.name, reason: .unexpectedNull) }
        guard let value = convert(text) else {
            throw PostgresDecodingError(column: column.name, reason: .notConvertible(text: text, type: "\(Self.self)"))
        }
        return value
    }
}

extension String: PostgresDecodable {
    /// The text as it is, whatever the column's type.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { $0 }
    }
}

extension Int64: PostgresDecodable {
    /// An integer column's value.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { Int64($0) }
    }
}

extension Int: PostgresDecodable {
    /// An integer column's value.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { Int($0) }
    }
}

extension Int32: PostgresDecodable {
    /// An `int4` (or smaller) column's value.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { Int32($0) }
    }
}

extension Bool: PostgresDecodable {
    /// A `bool` column's value (`t` or `f`).
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { $0 == "t" ? true : $0 == "f" ? false : nil }
    }
}

extension Double: PostgresDecodable {
    /// A floating-point or numeric column's value.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { text in
            switch text {
            case "NaN": .nan
            case "Infinity": .infinity
            case "-Infinity": -.infinity
            default: Double(text)
            }
        }
    }
}

extension Data: PostgresDecodable {
    /// A `bytea` column's value (hex format, the server's default since 9.0).
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try Self.nonNull(text, column) { ByteaHex.decode($0) }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// `nil` for NULL, otherwise the wrapped type's value.
    public init(postgresText text: String?, column: PostgresColumn) throws(PostgresDecodingError) {
        self = try text.map { (text) throws(PostgresDecodingError) in try Wrapped(postgresText: text, column: column) }
    }
}
