/// Hands each device of a push to the sender of its kind (generic tokens to the push file or a
/// webhook, FCM tokens to FCM, Web Push subscriptions to their push services), all at once,
/// and combines their answers with ``PushAnswers/combine(_:)``.
///
/// A device of a kind no sender serves is a rejected part naming the missing `--push` kind,
/// never a silent drop.
public struct RoutingPushSender: PushSender {
    private let senders: [PushDevice.Kind: any PushSender]

    /// Creates a router over one sender per kind served.
    public init(_ senders: [PushDevice.Kind: any PushSender]) {
        self.senders = senders
    }

    /// The kinds served.
    public var kinds: Set<PushDevice.Kind> { Set(senders.keys) }

    /// Sends each kind's part of `push` to its sender.
    ///
    /// - Throws: ``PushFailure`` as ``PushAnswers/combine(_:)`` decides over the parts.
    public func send(_ push: Push) async throws -> PushReceipt {
        let kinds = Set(push.devices.map(\.kind))
        let answers = await withTaskGroup(of: Result<PushReceipt, PushFailure>.self) { group in
            for kind in kinds {
                let part = push.filter { $0.kind == kind }
                guard let sender = senders[kind] else {
                    group.addTask {
                        .failure(PushFailure(.rejected, "no sender for \(kind.rawValue) devices (see --push)"))
                    }
                    continue
                }
                group.addTask {
                    do {
                        return .success(try await sender.send(part))
                    } catch let failure as PushFailure {
                        return .failure(failure)
                    } catch {
                        return .failure(PushFailure(.retryable(after: nil), "\(error)"))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        return try PushAnswers.combine(answers)
    }
}
