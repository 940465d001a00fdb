import CLibPQ

/// A column of a result: its name and type.
public struct PostgresColumn: Sendable, Hashable {
    /// The column's name (its alias when the query gives one).
    public let name: String
    /// The OID of the column's type (see ``TypeOID``).
    public let typeOID: UInt32

    /// OIDs of the built-in types this client encodes and decodes.
    public enum TypeOID {
        /// `bool`.
        public static let bool: UInt32 = 16
        /// `bytea`.
        public static let bytea: UInt32 = 17
        /// `int8` (bigint).
        public static let int8: UInt32 = 20
        /// `int2` (smallint).
        public static let int2: UInt32 = 21
        /// `int4` (integer).
        public static let int4: UInt32 = 23
        /// `text`.
        public static let text: UInt32 = 25
        /// `float4` (real).
        public static let float4: UInt32 = 700
        /// `float8` (double precision).
        public static let float8: UInt32 = 701
    }
}

/// The outcome of one statement: its rows (none for most commands), columns and command tag.
///
/// Values are copied out of libpq's result when it arrives, in text format; typed access
/// decodes them (``PostgresRow/decode(_:as:)``).
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The columns, in order.
    public let columns: [PostgresColumn]
    /// The command tag, such as `SELECT 2`, `INSERT 0 1` or `UPDATE 3`.
    public let commandTag: String
    /// The rows the command inserted, updated, deleted, selected, moved or copied (0 when the
    /// command reports none).
    public let affectedRows: Int
    private let columnIndex: [String: Int]
    private let values: [String?]

    /// The first row index (0).
    public var startIndex: Int { 0 }
    /// One past the last row index.
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }

    /// The row at `index`.
    public subscript(index: Int) -> PostgresRow { PostgresRow(rows: self, index: index) }

    /// No rows and no columns (a statement that returned no result).
    init() {
        columns = []
        columnIndex = [:]
        values = []
        commandTag = ""
        affectedRows = 0
    }

    /// Copies everything out of a `PGRES_TUPLES_OK` or `PGRES_COMMAND_OK` result.
    init(result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [PostgresColumn] = []
        var index: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = String(cString: PQfname(result, Int32(column)))
            columns.append(PostgresColumn(name: name, typeOID: PQftype(result, Int32(column))))
            if index[name] == nil { index[name] = column }
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
        }
        self.columns = columns
        self.columnIndex = index
        self.values = values
        self.commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        self.affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// The position of the column called `name` (the first, if several have that name).
    public func columnIndex(named name: String) -> Int? { columnIndex[name] }

    /// The text of the value at `row`, `column`, or `nil` for NULL.
    func text(row: Int, column: Int) -> String? { values[row * columns.count + column] }
}

/// One row of a ``PostgresRows``; values are looked up by column name or position.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    /// The raw text of the column called `column` (`nil` for NULL or when there is no such column).
    public subscript(column: String) -> String? {
        rows.columnIndex(named: column).flatMap { rows.text(row: index, column: $0) }
    }

    /// The raw text of the column at `position`, or `nil` for NULL.
    public subscript(position: Int) -> String? { rows.text(row: index, column: position) }

    /// Decodes the column called `column` as `type`: `String`, `Int64`, `Int`, `Int32`, `Bool`,
    /// `Double`, `Data` (bytea), or an `Optional` of one of them for a column that may be NULL.
    ///
    /// - Throws: ``PostgresDecodingError`` when there is no such column, the value is NULL and
    ///   `type` is not optional, or the text is not a value of `type`.
    public func decode<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self)
        throws(PostgresDecodingError) -> Value
    {
        guard let position = rows.columnIndex(named: column) else {
            throw PostgresDecodingError(column: column, reason: .noSuchColumn(available: rows.columns.map(\.name)))
        }
        return try Value(postgresText: rows.text(row: index, column: position), column: rows.columns[position])
    }
}
