import Foundation
import Testing
@testable import NotificationService

@Suite("Push-file line rules and key index")
struct PushLineScannerTests {
    typealias F = PushFileFixtures

    /// Scans `bytes` fed in chunks of `chunk` bytes: the keys of the good lines, and the scanner.
    private func scan(_ bytes: Data, chunk: Int) throws -> (keys: [String], scanner: PushLineScanner) {
        var scanner = PushLineScanner(path: "p")
        var keys: [String] = []
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try Data(bytes[start..<min(start + chunk, bytes.count)]).withUnsafeBytes { raw in
                try scanner.feed(raw) { keys.append($0.push.idempotencyKey) }
            }
        }
        return (keys, scanner)
    }

    @Test("lines split across any chunk boundary give the same lines, torn-tail length and good end")
    func chunkBoundariesDoNotMatter() throws {
        let good = try F.line(F.push("a")) + F.line(F.push("b"))
        let bytes = good + Data("{\"idempotencyKey\":\"c\"".utf8)
        for chunk in [1, 2, 7, 64, bytes.count] {
            let (keys, scanner) = try scan(bytes, chunk: chunk)
            #expect(keys == ["a", "b"])
            #expect(scanner.goodEnd == Int64(good.count) && scanner.tailLength == Int64(bytes.count - good.count))
        }
    }

    @Test("only the first bad line of a run is reported, when a good line follows; with none after, the run is tail")
    func firstBadLineIsReported() throws {
        let first = try F.line(F.push("a"))
        let bad = Data("x\n\n".utf8)
        #expect(try scan(first + bad, chunk: 5).scanner.tailLength == Int64(bad.count))
        let error = try #require(throws: PushFileCorruption.self) {
            try scan(first + bad + F.line(F.push("b")), chunk: 5)
        }
        #expect(error.lineNumber == 2 && error.byteOffset == Int64(first.count) && error.reason.hasPrefix("not JSON"))
    }

    @Test("a line longer than the limit is bad without being held in memory")
    func overlongLineIsBad() throws {
        let long = Data(repeating: UInt8(ascii: "a"), count: PushLineScanner.maximumLineLength + 1) + Data("\n".utf8)
        let error = try #require(throws: PushFileCorruption.self) {
            try scan(long + F.line(F.push("b")), chunk: 65_536)
        }
        #expect(error.lineNumber == 1 && error.reason == "longer than \(PushLineScanner.maximumLineLength) bytes")
    }

    @Test("the key index keeps keys within the retention only, and sweeps out keys as they age")
    func keyIndexIsBoundedByRetention() {
        var index = PushKeyIndex(retentionMilliseconds: 1000)
        let now: Int64 = 1_000_000
        index.record(F.push("old", startTime: now - 1001), lineNumber: 1, end: 10, now: now)
        index.record(F.push("recent", startTime: now - 1000), lineNumber: 2, end: 20, now: now)
        #expect(
            !index.contains("old") && index.contains("recent") && index.scannedOffset == 20 && index.scannedLines == 2)
        #expect(!index.covers(startTime: now - 1001, now: now))
        for number in 0..<5000 {
            let time = now + Int64(number)
            index.record(
                F.push("k\(number)", startTime: time), lineNumber: 3 + number, end: Int64(30 + number), now: time)
        }
        #expect(index.count <= 2048)
        #expect(index.contains("k4999") && !index.contains("k0") && !index.contains("recent"))
    }
}
