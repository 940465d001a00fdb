"""A Web Push service for the tests, over HTTPS: checks each push as a browser's push
service and user agent would, then answers as scripted.

    push_service.py CERT KEY CONFIG LOG

CONFIG is JSON: {"vapid_key": base64url public key, "subscriptions": {name: {"private_key":
PEM, "auth": base64url, "answers": [[status, {header: value}], ...]}}}. A push to
/push/NAME is checked (the VAPID JWT verified with py-vapid against the configured key, its
aud the service's origin, exp at most 24 h ahead, sub mailto: or https:; the body decrypted
with http-ece as aes128gcm), logged to LOG as one JSON line, and answered with the next of
NAME's answers (the last one repeats). LOG's first line is "PORT n".
"""
import base64, http.server, json, sys, threading, time

import http_ece
import py_vapid
from cryptography.hazmat.primitives import serialization

from https_peer import serve

cert, key, config_path, log_path = sys.argv[1:5]
config = json.load(open(config_path))
lock = threading.Lock()
served = {}


def b64decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def check_vapid(header, origin):
    scheme, _, rest = header.partition(' ')
    assert scheme == 'vapid', 'scheme %r is not vapid' % scheme
    parts = dict(part.strip().split('=', 1) for part in rest.split(','))
    assert parts['k'] == config['vapid_key'], 'k is not the configured VAPID key'
    signed, _, signature = parts['t'].rpartition('.')
    verifier = py_vapid.Vapid02.from_raw_public(parts['k'].encode())
    assert verifier.verify_token(validation_token=signed.encode(), verification_token=signature), 'bad JWT signature'
    claims = json.loads(b64decode(signed.split('.')[1]))
    assert claims['aud'] == origin, 'aud %r is not %r' % (claims['aud'], origin)
    assert time.time() < claims['exp'] <= time.time() + 24 * 3600, 'exp out of range'
    assert claims['sub'].startswith(('mailto:', 'https:')), 'bad sub'
    return claims


class PushService(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        name = self.path.rsplit('/', 1)[-1]
        subscription = config['subscriptions'][name]
        entry = {'name': name, 'time': int(time.time() * 1000), 'ttl': self.headers['TTL'], 'urgency': self.headers['Urgency'],
                 'topic': self.headers['Topic'], 'encoding': self.headers['Content-Encoding'], 'bytes': len(body)}
        try:
            entry['claims'] = check_vapid(self.headers['Authorization'], 'https://127.0.0.1:%d' % self.server.server_address[1])
            private_key = serialization.load_pem_private_key(subscription['private_key'].encode(), None)
            entry['payload'] = http_ece.decrypt(
                body, private_key=private_key, auth_secret=b64decode(subscription['auth']), version='aes128gcm').decode()
        except Exception as error:
            entry['error'] = '%s: %s' % (type(error).__name__, error)
        with lock:
            count = served.get(name, 0)
            served[name] = count + 1
        answers = subscription['answers']
        status, headers = answers[min(count, len(answers) - 1)]
        if 'error' in entry:
            status, headers = 400, {}
        entry['status'] = status
        with lock:
            with open(log_path, 'a') as log:
                print(json.dumps(entry, sort_keys=True), file=log)
        self.send_response(status)
        for field, value in headers.items():
            self.send_header(field, value)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args):
        pass


serve(PushService, cert, key, log_path)
