import Foundation
import PushCrypto

/// A Google service account's JSON key file, as the Firebase console downloads it: the
/// fields FCM's HTTP v1 API needs.
public struct ServiceAccountKey: Sendable {
    /// The Firebase project the messages are sent for (`project_id`).
    public let projectID: String
    /// The account's e-mail, the token request's issuer (`client_email`).
    public let clientEmail: String
    /// Where access tokens are requested (`token_uri`).
    public let tokenURI: URL
    /// The account's RSA key (`private_key`).
    public let privateKey: PrivateKey

    /// Reads the key file at `path`.
    ///
    /// - Throws: ``FCMConfigurationError`` naming the file and what is wrong: unreadable, not
    ///   JSON, a field missing, a token URI that is not http(s), a key that is not RSA PEM.
    public init(contentsOf path: String) throws(FCMConfigurationError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FCMConfigurationError(
                "cannot read the service-account file \(path): \((error as NSError).localizedDescription)")
        }
        let fields: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw FCMConfigurationError("the service-account file \(path) is not a JSON object")
            }
            fields = object
        } catch let error as FCMConfigurationError {
            throw error
        } catch {
            throw FCMConfigurationError("the service-account file \(path) is not JSON")
        }
        func field(_ name: String) throws(FCMConfigurationError) -> String {
            guard let value = fields[name] as? String, !value.isEmpty else {
                throw FCMConfigurationError("the service-account file \(path) has no \(name)")
            }
            return value
        }
        projectID = try field("project_id")
        clientEmail = try field("client_email")
        let uri = try field("token_uri")
        guard let tokenURI = URL(string: uri), ["https", "http"].contains(tokenURI.scheme?.lowercased()),
            tokenURI.host != nil
        else {
            throw FCMConfigurationError(
                "the service-account file \(path) has a token_uri that is not an http(s) URL: \(uri)")
        }
        self.tokenURI = tokenURI
        do {
            privateKey = try PrivateKey(pem: field("private_key"))
        } catch let error as FCMConfigurationError {
            throw error
        } catch {
            throw FCMConfigurationError("the service-account file \(path) has an unreadable private_key: \(error)")
        }
        guard privateKey.kind == .rsa else {
            throw FCMConfigurationError("the service-account file \(path) has a private_key that is not RSA")
        }
    }
}

/// An FCM setting the service cannot work with.
public struct FCMConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
