import NotificationService
import Synchronization

/// A push provider that records every push it is handed, and reports `unregistered` tokens.
final class RecordingPushSender: PushSender {
    let pushes = Mutex<[Push]>([])
    let unregistered: Set<String>

    init(unregistered: Set<String> = []) {
        self.unregistered = unregistered
    }

    func send(_ push: Push) async throws -> PushReceipt {
        pushes.withLock { $0.append(push) }
        return PushReceipt(unregisteredTokens: push.deviceTokens.filter(unregistered.contains))
    }

    var keys: [String] { pushes.withLock { $0.map(\.idempotencyKey) } }
}
