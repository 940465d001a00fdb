"""What the tests' Python HTTPS peers share: serve a request handler over TLS on a free
loopback port and announce it as the first line of the log, "PORT n" (PeerLog.port reads it).

A peer elsewhere in Tests/ imports it after putting this directory on sys.path.
"""
import http.server, signal, ssl


def serve(handler, cert, key, log_path):
    """Serves `handler` (a BaseHTTPRequestHandler class) with the certificate chain `cert` and
    key `key` until terminated; writes "PORT n" to the file `log_path` first."""
    # A parent that blocks SIGTERM for its own signal handling (pinit does) passes the mask on.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(log_path, 'a') as log:
        print('PORT', server.server_address[1], file=log, flush=True)
    server.serve_forever()
