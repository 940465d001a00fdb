/// How a client with several addresses for one target picks where a call goes.
public enum LoadBalancingPolicy: String, Sendable, Hashable, CaseIterable {
    /// Every call goes to the first address that connects; the next one is tried only when it
    /// fails (gRPC's default).
    case pickFirst = "pick_first"
    /// Calls are spread in turn over every address with a ready connection.
    case roundRobin = "round_robin"
}
