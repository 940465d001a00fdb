/// grpcurl spells long flags with one dash (`-plaintext`, `-max-time 5`); rpccurl accepts
/// those spellings by rewriting them to the double-dash form ArgumentParser reads.
enum GrpcurlArguments {
    /// Long flags that take a value, so the word after them is left alone.
    static let valued: Set<String> = [
        "rpc-header", "reflect-header", "proto", "import-path", "protoset", "max-time", "connect-timeout", "keepalive-time",
        "max-msg-sz", "format", "protoset-out", "concurrency", "duration", "authority", "cacert", "cert", "key",
        "servername", "compress",
    ]
    /// One-letter flags that take a value.
    static let shortValued: Set<String> = ["d", "H", "n"]

    /// `arguments` (without the program name) with `-name` and `-name=value` rewritten to
    /// `--name`; values of valued flags, single letters and `--`-prefixed words are kept.
    static func normalized(_ arguments: [String]) -> [String] {
        var result: [String] = []
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
                if word.count == 2, shortValued.contains(String(word.dropFirst())), index < arguments.count {
                    result.append(arguments[index])
                    index += 1
                }
                continue
            }
            let name = word.dropFirst().split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            result.append("-" + word)
            if !word.contains("="), valued.contains(name), index < arguments.count {
                result.append(arguments[index])
                index += 1
            }
        }
        return result
    }
}
