import Foundation

/// Waits for the driver's next line on standard input without blocking the cooperative pool:
/// a dedicated thread does the blocking read.
public func nextInputLine() async -> String? {
    await withCheckedContinuation { continuation in
        let reader = Thread { continuation.resume(returning: readLine()) }
        reader.start()
    }
}
