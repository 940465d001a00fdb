/// A reply that breaks the benchmark service's contract: the run stops, nothing is reported.
public struct BenchMismatch: Error, CustomStringConvertible {
    /// What differed.
    public let description: String

    /// Creates the error for `description`.
    public init(_ description: String) { self.description = description }
}
