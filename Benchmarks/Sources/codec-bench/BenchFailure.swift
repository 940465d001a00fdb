/// Why the benchmark refused to report numbers: a failed cross-check or a wrong result.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
