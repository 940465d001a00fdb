import CNGHTTP2
import GRPCProtocol

/// The nghttp2 callbacks and options, created once and shared by every session.
///
/// Each callback finds its ``HTTP2Connection`` through the session's user data and its
/// ``HTTP2Stream`` through the stream's user data; both are unretained pointers whose objects
/// outlive the session (the connection owns the session and its open streams). Inbound events
/// go to the stream's role (``HTTP2ServerStream`` or ``HTTP2ClientStream``), which overrides
/// the core's inbound methods; a request's head goes to the server stream's state machine.
enum HTTP2Callbacks {
    // Safe because: it is created once, never mutated, and nghttp2 only reads it (copies it)
    // when a session is created.
    nonisolated(unsafe) static let callbacks: OpaquePointer = makeCallbacks()

    /// A data provider whose reads come from the stream's outbound buffer.
    static var dataProvider: nghttp2_data_provider {
        nghttp2_data_provider(source: nghttp2_data_source(ptr: nil)) { session, streamID, buffer, length, flags, _, _ in
            guard let stream = HTTP2Callbacks.stream(session, streamID), let buffer, let flags else {
                return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
            }
            return stream.readOutbound(into: buffer, length: length, flags: &flags.pointee)
        }
    }

    private static func connection(_ userData: UnsafeMutableRawPointer?) -> HTTP2Connection {
        Unmanaged<HTTP2Connection>.fromOpaque(userData!).takeUnretainedValue()
    }

    private static func stream(_ session: OpaquePointer?, _ streamID: Int32) -> HTTP2Stream? {
        guard let raw = nghttp2_session_get_stream_user_data(session, streamID) else { return nil }
        return Unmanaged<HTTP2Stream>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The stream of a request's head: a server stream (only a server session receives one).
    private static func requestStream(_ stream: HTTP2Stream) -> HTTP2ServerStream {
        unsafeDowncast(stream, to: HTTP2ServerStream.self)
    }

    /// Session options for `limits`; the caller deletes them (`nghttp2_option_del`) once the
    /// session is created.
    static func makeOptions(_ limits: PeerLimits) -> OpaquePointer {
        var options: OpaquePointer?
        nghttp2_option_new(&options)
        // Windows return only when the application takes data (HTTP2Stream.consume).
        nghttp2_option_set_no_auto_window_update(options, 1)
        nghttp2_option_set_max_continuations(options, limits.maxContinuations)
        nghttp2_option_set_max_settings(options, limits.maxSettingsEntries)
        nghttp2_option_set_max_outbound_ack(options, limits.maxQueuedAcks)
        // Resets are counted by IngressLimits, which answers ENHANCE_YOUR_CALM and closes;
        // nghttp2's own limiter (GOAWAY INTERNAL_ERROR, connection left open) never runs out.
        nghttp2_option_set_stream_reset_rate_limit(options, UInt64.max, 0)
        return options!
    }

    /// One header field (on_header), as bytes: a request head's goes to the server stream's
    /// request state machine, any other block's to the stream's role
    /// (``HTTP2Stream/receivedHeader(name:value:)``). A field over the ingress limits drops the
    /// request's block (answered when the block ends) or resets the stream.
    private static func receiveHeader(
        _ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer, of frame: nghttp2_frame,
        stream: HTTP2Stream, connection: HTTP2Connection
    ) -> Int32 {
        let isRequest = frame.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) && frame.headers.cat == NGHTTP2_HCAT_REQUEST
        guard connection.ingress.admitHeaderField(nameLength: name.count, valueLength: value.count) else {
            if isRequest {
                requestStream(stream).request.dropHeaderBlock()
                return 0
            }
            nghttp2_submit_rst_stream(
                connection.session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream.id,
                HTTP2ErrorCode.enhanceYourCalm.rawValue)
            return Int32(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
        }
        // Parsed from nghttp2's bytes: no strings for the standard fields.
        if isRequest {
            requestStream(stream).request.receiveHeader(name: name, value: value)
        } else {
            stream.receivedHeader(name: name, value: value)
        }
        return 0
    }

    private static func makeCallbacks() -> OpaquePointer {
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)

        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { session, frame, userData in
            let connection = HTTP2Callbacks.connection(userData)
            connection.ingress.beginHeaderBlock()
            guard let frame, frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue),
                frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
            else { return 0 }
            connection.beginRequest(streamID: frame.pointee.hd.stream_id)
            return 0
        }

        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            session, frame, name, nameLength, value, valueLength, _, userData in
            guard let frame, let streamData = nghttp2_session_get_stream_user_data(session, frame.pointee.hd.stream_id)
            else {
                return 0
            }
            // Borrowed without retain/release: this runs once per field. Both objects outlive
            // the callback (see above).
            return Unmanaged<HTTP2Stream>.fromOpaque(streamData)._withUnsafeGuaranteedRef { stream in
                Unmanaged<HTTP2Connection>.fromOpaque(userData!)._withUnsafeGuaranteedRef { connection in
                    HTTP2Callbacks.receiveHeader(
                        UnsafeRawBufferPointer(start: name, count: nameLength),
                        UnsafeRawBufferPointer(start: value, count: valueLength),
                        of: frame.pointee, stream: stream, connection: connection)
                }
            }
        }

        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { session, frame, userData in
            guard let frame else { return 0 }
            let header = frame.pointee.hd
            let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
            switch header.type {
            case UInt8(NGHTTP2_HEADERS.rawValue):
                guard let stream = HTTP2Callbacks.stream(session, header.stream_id) else { return 0 }
                if frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST {
                    let stream = HTTP2Callbacks.requestStream(stream)
                    if endStream { stream.receivedEnd() }
                    let connection = HTTP2Callbacks.connection(userData)
                    if connection.ingress.headerBlockTooLarge {
                        connection.refuseOversizedRequest(stream)
                    } else {
                        connection.startRequest(stream)
                    }
                } else {
                    stream.receivedHeaderBlockEnd(endStream: endStream)
                }
            case UInt8(NGHTTP2_DATA.rawValue):
                if endStream { HTTP2Callbacks.stream(session, header.stream_id)?.receivedEnd() }
            case UInt8(NGHTTP2_PING.rawValue):
                HTTP2Callbacks.connection(userData).receivedPing(
                    ack: header.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0)
            case UInt8(NGHTTP2_RST_STREAM.rawValue):
                // Past the rate, stop reading at once: the GOAWAY is queued (IngressLimits).
                guard HTTP2Callbacks.connection(userData).ingress.receivedReset() else {
                    return Int32(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
                }
            case UInt8(NGHTTP2_SETTINGS.rawValue) where header.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) == 0:
                guard HTTP2Callbacks.connection(userData).ingress.receivedSettings() else {
                    return Int32(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
                }
            case UInt8(NGHTTP2_GOAWAY.rawValue):
                HTTP2Callbacks.connection(userData).receivedGoAway(
                    lastStreamID: frame.pointee.goaway.last_stream_id, errorCode: frame.pointee.goaway.error_code)
            default:
                break
            }
            return 0
        }

        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) { session, _, streamID, data, length, _ in
            guard let stream = HTTP2Callbacks.stream(session, streamID) else {
                // Data for a stream already gone: return its connection window at once.
                nghttp2_session_consume_connection(session, length)
                return 0
            }
            stream.receivedData(UnsafeBufferPointer(start: data, count: length))
            return 0
        }

        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { session, frame, userData in
            guard let frame else { return 0 }
            // Borrowed without retain/release: this runs for every frame sent.
            return Unmanaged<HTTP2Connection>.fromOpaque(userData!)._withUnsafeGuaranteedRef { connection in
                if frame.pointee.hd.type <= UInt8(NGHTTP2_HEADERS.rawValue) { connection.sentHeadersOrData() }
                guard frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0,
                    let stream = HTTP2Callbacks.stream(session, frame.pointee.hd.stream_id)
                else { return 0 }
                connection.sentEndOfStream(stream)
                return 0
            }
        }

        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { session, streamID, errorCode, userData in
            guard let stream = HTTP2Callbacks.stream(session, streamID) else { return 0 }
            nghttp2_session_set_stream_user_data(session, streamID, nil)
            HTTP2Callbacks.connection(userData).streamClosed(stream, errorCode: errorCode)
            return 0
        }
        return callbacks!
    }
}
