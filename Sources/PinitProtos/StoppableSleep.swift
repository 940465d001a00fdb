/// Sleeps for `duration` in slices of at most `slice`, returning early once `stopped()` is true
/// or the calling task is cancelled: how the relay and the scheduler wait between passes and
/// retries without delaying their shutdown.
public func sleep(for duration: Duration, checkingEvery slice: Duration, unless stopped: () -> Bool) async {
    let end = ContinuousClock.now + duration
    while !stopped() && !Task.isCancelled && ContinuousClock.now < end {
        try? await Task.sleep(for: min(slice, ContinuousClock.now.duration(to: end)))
    }
}
