import ArgumentParser
import FCM
import Foundation
import HTTPSClient
import Logging
import NotificationService
import PushCrypto
import WebPush

/// The notification service's push senders: which kinds (`--push`) and each one's settings.
struct PushOptions: ParsableArguments {
    /// One kind of sender `--push` names.
    enum Channel: String, CaseIterable, ExpressibleByArgument {
        case webpush, fcm, file, webhook
    }

    @Option(
        name: .customLong("push"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "The push senders, space- or comma-separated: webpush, fcm, and one of file or webhook for generic tokens (env PINIT_PUSH; default file, or webhook with --push-webhook).",
            discussion: "Each device goes to the sender of its kind.", valueName: "kinds"),
        transform: PushOptions.channels)
    var channels: [[Channel]] = []

    @Option(
        name: .customLong("push-file"),
        help: "Append pushes as JSON lines to this file (env PINIT_PUSH_FILE; default <data-dir>/pushes.jsonl).")
    var pushFile: String?

    @Option(
        name: .customLong("push-webhook"),
        help: "POST pushes as JSON to this http(s) URL instead of a file (env PINIT_PUSH_WEBHOOK).",
        transform: FlagValue.webURL)
    var pushWebhook: URL?

    @Option(
        name: .customLong("vapid-private-key"),
        help:
            "The VAPID private key (PEM, from `pinit vapid-keys`) Web Push requests are signed with (env PINIT_VAPID_PRIVATE_KEY).",
        transform: FlagValue.readableFile)
    var vapidPrivateKey: String?

    @Option(
        name: .customLong("vapid-subject"),
        help: "The contact push services may write to: a mailto: or https: URI (env PINIT_VAPID_SUBJECT).")
    var vapidSubject: String?

    @Option(
        name: .customLong("push-ttl"), parsing: .unconditional,
        help:
            "How long a push service keeps an undelivered Web Push (TTL); default until 15 minutes after the start time (env PINIT_PUSH_TTL).",
        transform: FlagValue.period)
    var pushTTL: Duration?

    @Option(
        name: .customLong("fcm-service-account"),
        help: "The Firebase service account's JSON key file (env PINIT_FCM_SERVICE_ACCOUNT).",
        transform: FlagValue.readableFile)
    var fcmServiceAccount: String?

    @Option(
        name: .customLong("fcm-api"),
        help: "FCM's API base URL (env PINIT_FCM_API; default https://fcm.googleapis.com).", transform: FlagValue.webURL
    )
    var fcmAPI: URL?

    @Option(
        name: .customLong("push-ca-file"),
        help:
            "Trust only the CA certificates in this PEM file for Web Push and FCM HTTPS, instead of the system's (env PINIT_PUSH_CA_FILE).",
        transform: FlagValue.readableFile)
    var pushCAFile: String?

    /// The kinds chosen, after the environment and the defaults.
    var kinds: Set<Channel> { Set(channels.joined()) }

    mutating func validate() throws {
        let environment = ProcessInfo.processInfo.environment
        pushWebhook = try FlagValue.resolve(pushWebhook, "PINIT_PUSH_WEBHOOK", FlagValue.webURL)
        pushFile = pushFile ?? environment["PINIT_PUSH_FILE"]
        if channels.isEmpty, let listed = environment["PINIT_PUSH"] { channels = [try Self.channels(listed)] }
        if channels.isEmpty { channels = [[pushWebhook != nil ? .webhook : .file]] }
        vapidPrivateKey = try FlagValue.resolve(vapidPrivateKey, "PINIT_VAPID_PRIVATE_KEY", FlagValue.readableFile)
        vapidSubject = vapidSubject ?? environment["PINIT_VAPID_SUBJECT"]
        pushTTL = try FlagValue.resolve(pushTTL, "PINIT_PUSH_TTL", FlagValue.period)
        fcmServiceAccount = try FlagValue.resolve(
            fcmServiceAccount, "PINIT_FCM_SERVICE_ACCOUNT", FlagValue.readableFile)
        fcmAPI = try FlagValue.resolve(fcmAPI, "PINIT_FCM_API", FlagValue.webURL)
        pushCAFile = try FlagValue.resolve(pushCAFile, "PINIT_PUSH_CA_FILE", FlagValue.readableFile)
        let kinds = self.kinds
        if kinds.contains(.file) && kinds.contains(.webhook) {
            throw ValidationError("--push file and webhook cannot be combined: both serve generic tokens")
        }
        if pushWebhook != nil && pushFile != nil {
            throw ValidationError("--push-webhook and --push-file cannot be combined")
        }
        if kinds.contains(.webhook) && pushWebhook == nil {
            throw ValidationError("--push webhook needs --push-webhook URL")
        }
        if kinds.contains(.webpush) && (vapidPrivateKey == nil || vapidSubject == nil) {
            throw ValidationError(
                "--push webpush needs --vapid-private-key FILE and --vapid-subject mailto:… or https:…")
        }
        if kinds.contains(.fcm) && fcmServiceAccount == nil {
            throw ValidationError("--push fcm needs --fcm-service-account FILE")
        }
    }

    /// Parses `webpush,fcm` or `file`.
    static func channels(_ text: String) throws -> [Channel] {
        try text.split(whereSeparator: { $0 == "," || $0 == " " }).map { name in
            guard let channel = Channel(rawValue: String(name)) else {
                throw FlagValue.Invalid("'\(name)' is not a push sender; use webpush, fcm, file or webhook")
            }
            return channel
        }
    }

    /// The senders, one per kind of device served, and the push file when there is one (its
    /// lines are pruned with the store).
    ///
    /// - Throws: ``StartupFailure`` naming the file and the cause when a key, a service-account
    ///   file or the push file cannot be used.
    func makeSender(dataDirectory: URL, logger: Logger) async throws(StartupFailure) -> (
        RoutingPushSender, FilePushSender?
    ) {
        var senders: [PushDevice.Kind: any PushSender] = [:]
        var pushFileSender: FilePushSender?
        let client = HTTPSClient(certificateAuthorityFile: pushCAFile)
        for channel in kinds {
            switch channel {
            case .file:
                let file =
                    pushFile.map { URL(fileURLWithPath: $0) } ?? dataDirectory.appendingPathComponent("pushes.jsonl")
                let fileSender = try await StartupFailure.during("cannot open the push file \(file.path)") {
                    try FilePushSender(url: file)
                }
                if fileSender.bytesCutAtOpen > 0 {
                    logger.notice(
                        "push file: cut a torn last line left by a crash",
                        metadata: [
                            "file": "\(file.path)", "bytes": "\(fileSender.bytesCutAtOpen)",
                        ])
                }
                senders[.token] = fileSender
                pushFileSender = fileSender
            case .webhook:
                senders[.token] = WebhookPushSender(url: pushWebhook!)
            case .webpush:
                let path = vapidPrivateKey!
                let authorizer = try await StartupFailure.during("cannot use the VAPID key \(path)") {
                    try VAPIDAuthorizer(
                        key: PrivateKey(pem: String(contentsOfFile: path, encoding: .utf8)), subject: vapidSubject!)
                }
                senders[.webPush] = WebPushSender(authorizer: authorizer, client: client, timeToLive: pushTTL)
            case .fcm:
                let path = fcmServiceAccount!
                let key = try await StartupFailure.during("cannot use the FCM service account") {
                    try ServiceAccountKey(contentsOf: path)
                }
                senders[.fcm] = FCMSender(key: key, client: client, api: fcmAPI ?? FCMSender.defaultAPI)
            }
        }
        return (RoutingPushSender(senders), pushFileSender)
    }
}
