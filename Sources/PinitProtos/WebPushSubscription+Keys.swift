extension Pinit_V1_WebPushSubscription {
    /// A subscription to `endpoint` with its keys (base64url), as a browser's
    /// `PushSubscription.toJSON()` gives them.
    public init(endpoint: String, p256dh: String, auth: String) {
        self.init()
        self.endpoint = endpoint
        var keys = Pinit_V1_WebPushKeys()
        keys.p256dh = p256dh
        keys.auth = auth
        self.keys = keys
    }
}
