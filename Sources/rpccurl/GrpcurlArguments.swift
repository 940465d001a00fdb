/// grpcurl spells long flags with one dash (`-plaintext`, `-max-time 5`); rpccurl accepts
/// those spellings by rewriting them to the double-dash form ArgumentParser reads, and
/// reports flags back in the spelling the user typed.
struct GrpcurlArguments {
    /// Long flags that take a value, so the word after them is left alone.
    static let valued: Set<String> = [
        "rpc-header", "reflect-header", "proto", "import-path", "protoset", "max-time", "connect-timeout",
        "keepalive-time",
        "max-msg-sz", "format", "protoset-out", "concurrency", "duration", "authority", "cacert", "cert", "key",
        "servername", "compress",
    ]
    /// One-letter flags that take a value.
    static let shortValued: Set<String> = ["d", "H", "n"]

    /// The arguments with `-name` and `-name=value` rewritten to `--name`; values of valued
    /// flags, single letters and `--`-prefixed words are kept.
    let normalized: [String]
    /// Each rewritten flag name (`--foo`) and the spelling typed (`-foo`).
    private let typedSpellings: [String: String]

    /// Rewrites `arguments` (without the program name).
    init(_ arguments: [String]) {
        var result: [String] = []
        var spellings: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                result += arguments[(index - 1)...]
                break
            }
            guard word.hasPrefix("-"), !word.hasPrefix("--"), word.count > 2 else {
                result.append(word)
                if word.count == 2, Self.shortValued.contains(String(word.dropFirst())), index < arguments.count {
                    result.append(arguments[index])
                    index += 1
                }
                continue
            }
            let name = word.dropFirst().split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            spellings["--" + name] = "-" + name
            result.append("-" + word)
            if !word.contains("="), Self.valued.contains(name), index < arguments.count {
                result.append(arguments[index])
                index += 1
            }
        }
        normalized = result
        typedSpellings = spellings
    }

    /// `message` (an ArgumentParser error) with every rewritten flag in its first line back in
    /// the spelling typed: `Unknown option '--foo'` for a typed `-foo` becomes `Unknown option
    /// '-foo'`. The usage lines after it keep their spelling.
    func inTypedSpelling(_ message: String) -> String {
        let firstLine = message.prefix { $0 != "\n" }
        var text = String(firstLine)
        for (rewritten, typed) in typedSpellings {
            var output = ""
            var rest = text[...]
            while let range = rest.range(of: rewritten) {
                let next = rest[range.upperBound...].first
                let isWholeName = next.map { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ?? true
                output += rest[..<range.lowerBound] + (isWholeName ? typed : rewritten)
                rest = rest[range.upperBound...]
            }
            text = output + rest
        }
        return text + message[firstLine.endIndex...]
    }
}
