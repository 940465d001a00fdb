import CNGHTTP2
import Testing

/// Records what one nghttp2 session received, reached from C callbacks through `user_data`.
private final class FrameLog {
    var settingsSeen = 0
    var settingsAcksSeen = 0
}

/// One side of an in-memory HTTP/2 connection: an nghttp2 session and its frame log.
private final class Endpoint {
    let log = FrameLog()
    var session: OpaquePointer?

    init(server: Bool, maxConcurrentStreams: UInt32) throws {
        var callbacks: OpaquePointer?
        #expect(nghttp2_session_callbacks_new(&callbacks) == 0)
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            guard let frame, let userData else { return 0 }
            let log = Unmanaged<FrameLog>.fromOpaque(userData).takeUnretainedValue()
            if frame.pointee.hd.type == UInt8(NGHTTP2_SETTINGS.rawValue) {
                if frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0 {
                    log.settingsAcksSeen += 1
                } else {
                    log.settingsSeen += 1
                }
            }
            return 0
        }
        let userData = Unmanaged.passUnretained(log).toOpaque()
        let rc =
            server
            ? nghttp2_session_server_new(&session, callbacks, userData)
            : nghttp2_session_client_new(&session, callbacks, userData)
        #expect(rc == 0)
        var setting = nghttp2_settings_entry(
            settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
            value: maxConcurrentStreams)
        #expect(nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &setting, 1) == 0)
    }

    deinit { nghttp2_session_del(session) }

    /// Serialises everything this session wants to send and feeds it to `peer`.
    func send(to peer: Endpoint) {
        while true {
            var chunk: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(session, &chunk)
            #expect(length >= 0)
            guard length > 0, let chunk else { return }
            let consumed = nghttp2_session_mem_recv(peer.session, chunk, length)
            #expect(consumed == length)
        }
    }

    /// The value of a setting as the peer announced it to this session.
    func remoteSetting(_ id: nghttp2_settings_id) -> UInt32 {
        nghttp2_session_get_remote_settings(session, id)
    }
}

@Suite("libnghttp2 links and its headers import")
struct SettingsExchangeTests {
    @Test("a client and a server session exchange SETTINGS and SETTINGS ACK in memory")
    func settingsExchange() throws {
        let server = try Endpoint(server: true, maxConcurrentStreams: 17)
        let client = try Endpoint(server: false, maxConcurrentStreams: 5)
        client.send(to: server) // preface + SETTINGS
        server.send(to: client) // SETTINGS + ACK of the client's
        client.send(to: server) // ACK of the server's

        #expect(server.log.settingsSeen == 1)
        #expect(client.log.settingsSeen == 1)
        #expect(server.log.settingsAcksSeen == 1)
        #expect(client.log.settingsAcksSeen == 1)
        #expect(client.remoteSetting(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS) == 17)
        #expect(server.remoteSetting(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS) == 5)
        #expect(String(cString: nghttp2_version(0).pointee.version_str).hasPrefix("1."))
    }
}
