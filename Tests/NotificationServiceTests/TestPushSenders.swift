import NotificationService
import Synchronization

/// A provider whose sends wait until ``open()``; ``waitUntilSending()`` returns once a send began.
final class GatedPushSender: PushSender {
    private let state = Mutex<(sending: Bool, open: Bool)>((false, false))

    func send(_ push: Push) async throws -> PushReceipt {
        state.withLock { $0.sending = true }
        while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(5)) }
        return PushReceipt()
    }

    func waitUntilSending() async {
        while !state.withLock({ $0.sending }) { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func open() { state.withLock { $0.open = true } }
}

/// A provider that takes `delay` for owners in `slowOwners` (ending early when cancelled) and
/// answers at once for the others; it records how many sends ran at the same time.
final class SlowPushSender: PushSender {
    let delay: Duration
    let slowOwners: Set<String>
    private let state = Mutex<(active: Int, mostActive: Int, delivered: [String])>((0, 0, []))

    init(delay: Duration, slowOwners: Set<String>) {
        self.delay = delay
        self.slowOwners = slowOwners
    }

    func send(_ push: Push) async throws -> PushReceipt {
        state.withLock { state in
            state.active += 1
            state.mostActive = max(state.mostActive, state.active)
        }
        defer { state.withLock { $0.active -= 1 } }
        if slowOwners.contains(push.ownerID) { try await Task.sleep(for: delay) }
        state.withLock { $0.delivered.append(push.idempotencyKey) }
        return PushReceipt()
    }

    /// Most sends in progress at once.
    var mostActive: Int { state.withLock { $0.mostActive } }
    /// Keys of the sends that completed, in order.
    var delivered: [String] { state.withLock { $0.delivered } }
}
