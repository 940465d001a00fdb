// `stdout` is a C global the compiler cannot prove safe to touch; it is only handed to setvbuf,
// before the command writes anything.
@preconcurrency import Glibc

/// The process's standard output.
enum StandardOutput {
    /// Writes standard output a line at a time even into a pipe or a file (stdio buffers whole
    /// blocks when it is not a terminal), so that a demo's lines appear as they happen.
    static func flushEachLine() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
