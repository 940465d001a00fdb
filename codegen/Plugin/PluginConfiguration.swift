import Foundation

/// The contents of a target's `proto-swift.json`.
struct PluginConfiguration: Decodable {
    /// The configuration file's name, in the target's directory.
    static let fileName = "proto-swift.json"

    /// A configuration problem, reported by SwiftPM as the plugin's error.
    struct Failure: Error, CustomStringConvertible {
        /// What is wrong and where.
        let description: String

        init(_ description: String) { self.description = description }
    }

    /// The .proto files to generate, relative to the package's `Protos/` directory.
    let protos: [String]
    /// More import directories, relative to the package root or absolute.
    let importPaths: [String]

    private enum CodingKeys: String, CodingKey {
        case protos, importPaths
    }

    /// Reads and checks the configuration at `url`.
    init(contentsOf url: URL) throws {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(contentsOf: url))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("\(url.path): not a valid proto-swift configuration: \(error)")
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        protos = try container.decode([String].self, forKey: .protos)
        importPaths = try container.decodeIfPresent([String].self, forKey: .importPaths) ?? []
        guard !protos.isEmpty else { throw Failure("\"protos\" lists no files") }
    }
}
