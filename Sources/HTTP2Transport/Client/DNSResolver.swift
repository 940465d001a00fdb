#if canImport(Glibc)
import Glibc
#endif
import RPCCore
import Synchronization

/// Keeps a channel's subchannels in step with what a host name resolves to: one subchannel
/// per A or AAAA record.
///
/// Lookups run on ``LookupThreads``, at once, then every ``DNSResolution/interval`` and after
/// a connection fails (no sooner than ``DNSResolution/minimumInterval`` after the previous
/// one). A new answer keeps the subchannels of addresses still in it, adds one per new
/// address and drains those of addresses gone (GOAWAY: no new calls, open calls finish).
/// A name that stops resolving keeps the last good addresses, and the failure is reported
/// once until the name resolves again.
final class DNSResolver: Sendable {
    /// What calls can use now.
    enum Answer {
        /// The first lookup is under way.
        case pending
        /// The name has never resolved: why.
        case failed(RPCError)
        /// The subchannels of the last good answer.
        case addresses([Subchannel])
    }

    private let host: String
    private let port: Int
    private let resolution: DNSResolution
    private let lookup: HostLookup
    private let makeSubchannel:
        @Sendable (TransportAddress, _ onDisconnect: @escaping @Sendable () -> Void) -> Subchannel
    private let onChange: @Sendable () -> Void
    private let report: @Sendable (String) -> Void
    private let state = Mutex(State())

    private struct State {
        var answer = Answer.pending
        var reported = false
        var requested = false
        var sleeper: Task<Void, Never>?
        var task: Task<Void, Never>?
        var shutDown = false
    }

    /// Creates a resolver for `host:port`; nothing happens until ``start()``.
    ///
    /// - Parameters:
    ///   - makeSubchannel: makes the subchannel of one resolved address, which calls
    ///     `onDisconnect` when a connection fails.
    ///   - onChange: called after every change of the answer.
    ///   - report: told, once per run of failures, that the name stopped resolving.
    init(
        host: String, port: Int, resolution: DNSResolution, lookup: @escaping HostLookup,
        makeSubchannel:
            @escaping @Sendable (TransportAddress, _ onDisconnect: @escaping @Sendable () -> Void) -> Subchannel,
        onChange: @escaping @Sendable () -> Void,
        report: @escaping @Sendable (String) -> Void
    ) {
        self.host = host
        self.port = port
        self.resolution = resolution
        self.lookup = lookup
        self.makeSubchannel = makeSubchannel
        self.onChange = onChange
        self.report = report
    }

    /// What calls can use now.
    var answer: Answer { state.withLock { $0.answer } }

    /// `dns:///host:port`, for messages.
    var target: String { ResolverTarget.dns(host: host, port: port).description }

    /// Starts looking the name up, now and from then on.
    func start() {
        state.withLock { state in
            guard state.task == nil, !state.shutDown else { return }
            state.task = Task { await self.resolveRepeatedly() }
        }
    }

    /// Asks for a lookup soon (a connection failed): no sooner than the minimum interval
    /// after the previous one.
    func requestResolution() {
        let sleeper = state.withLock { state in
            state.requested = true
            return state.sleeper
        }
        sleeper?.cancel()
    }

    /// Stops looking up and drains every subchannel.
    func shutDown() {
        let (task, subchannels) = state.withLock { state -> (Task<Void, Never>?, [Subchannel]) in
            state.shutDown = true
            defer { state.task = nil }
            guard case .addresses(let list) = state.answer else { return (state.task, []) }
            return (state.task, list)
        }
        task?.cancel()
        for subchannel in subchannels { subchannel.shutDown() }
    }

    private func resolveRepeatedly() async {
        while !Task.isCancelled {
            let start = ContinuousClock.now
            let result: Result<[SocketAddress], SocketError>
            do throws(SocketError) {
                result = .success(
                    try await LookupThreads.shared.run { [host, port, lookup] () throws(SocketError) in
                        try lookup(host, port)
                    })
            } catch {
                result = .failure(error)
            }
            apply(result)
            guard await waitForNextLookup(after: start) else { return }
        }
    }

    /// Sleeps until the interval has passed, or a requested lookup is allowed; false when
    /// shut down meanwhile.
    private func waitForNextLookup(after start: ContinuousClock.Instant) async -> Bool {
        let deadline = start.advanced(by: resolution.interval)
        let sleeper = Task<Void, Never> { _ = try? await Task.sleep(until: deadline, clock: .continuous) }
        let requested = state.withLock { state -> Bool in
            state.sleeper = sleeper
            return state.requested
        }
        if requested { sleeper.cancel() }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        let wasRequested = state.withLock { state -> Bool in
            state.sleeper = nil
            defer { state.requested = false }
            return state.requested
        }
        if wasRequested {
            try? await Task.sleep(until: start.advanced(by: resolution.minimumInterval), clock: .continuous)
        }
        return !Task.isCancelled && !state.withLock(\.shutDown)
    }

    /// Takes a lookup's outcome: a new set of subchannels, or a failure kept quiet after
    /// the first report.
    private func apply(_ result: Result<[SocketAddress], SocketError>) {
        var resolved: [TransportAddress] = []
        if case .success(let addresses) = result {
            for address in addresses {
                guard let endpoint = Self.endpoint(address), !resolved.contains(endpoint) else { continue }
                resolved.append(endpoint)
            }
        }
        let failure: String? =
            switch result {
            case .failure(let error): "\(error)"
            case .success where resolved.isEmpty: "getaddrinfo on \(host) gave no address"
            case .success: nil
            }
        if let failure {
            let message = state.withLock { state -> String? in
                if case .pending = state.answer {
                    state.answer = .failed(
                        RPCError(code: .unavailable, message: "\(target) does not resolve: \(failure)"))
                }
                guard !state.reported, !state.shutDown else { return nil }
                state.reported = true
                guard case .addresses(let kept) = state.answer else { return "\(target) does not resolve: \(failure)" }
                return "\(target) no longer resolves (\(failure)); keeping its last \(kept.count) address(es)"
            }
            if let message { report(message) }
            onChange()
            return
        }
        let gone = state.withLock { state -> [Subchannel] in
            guard !state.shutDown else { return [] }
            state.reported = false
            var old: [Subchannel] = []
            if case .addresses(let list) = state.answer { old = list }
            let kept = resolved.map { address in
                old.first { $0.address == address }
                    ?? makeSubchannel(address) { [weak self] in self?.requestResolution() }
            }
            state.answer = .addresses(kept)
            return old.filter { subchannel in !resolved.contains(subchannel.address) }
        }
        for subchannel in gone { subchannel.shutDown() }
        onChange()
    }

    /// The `.tcp` address (numeric host) of an IPv4 or IPv6 socket address.
    private static func endpoint(_ address: SocketAddress) -> TransportAddress? {
        switch address.family {
        case AF_INET, AF_INET6:
            let text = address.description
            let host = text[..<text.lastIndex(of: ":")!]
            return .tcp(host: String(host.hasPrefix("[") ? host.dropFirst().dropLast() : host), port: address.port)
        default:
            return nil
        }
    }
}
