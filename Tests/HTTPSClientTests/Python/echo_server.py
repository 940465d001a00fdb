"""An HTTPS server for the client's tests: answers each POST with status 202, a header
`X-Echo-Length` (the request body's length), `X-Content-Type` (the request's Content-Type)
and the body reversed; a POST to /big answers 2 MiB.

    echo_server.py CERT KEY LOG      (LOG's first line is "PORT n")
"""
import http.server, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'ProtocSupport', 'Python'))
from https_peer import serve

cert, key, log_path = sys.argv[1:4]


class Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        reply = b'x' * (2 << 20) if self.path == '/big' else body[::-1]
        self.send_response(202)
        self.send_header('X-Echo-Length', str(len(body)))
        self.send_header('X-Content-Type', self.headers['Content-Type'])
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


serve(Echo, cert, key, log_path)
