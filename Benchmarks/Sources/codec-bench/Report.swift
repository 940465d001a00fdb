import Foundation

/// The result table: one row per measure and library.
enum Report {
    static let header = [
        pad("measure", 22), pad("library", 15), pad("messages/s", 11, right: true),
        pad("MB/s", 9, right: true), pad("spread", 7, right: true),
    ].joined(separator: "  ")

    static func row(_ measure: Measure, _ library: Library, _ throughput: Throughput) -> String {
        let perSecond = throughput.median
        let megabytes = perSecond * Double(measure.bytesPerMessage) / 1e6
        return [
            pad(measure.label, 22), pad(library.rawValue, 15),
            pad(String(format: "%.2fM", perSecond / 1e6), 11, right: true),
            pad(String(format: "%.1f", megabytes), 9, right: true),
            pad(String(format: "%.1f%%", throughput.spread * 100), 7, right: true),
        ].joined(separator: "  ")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
