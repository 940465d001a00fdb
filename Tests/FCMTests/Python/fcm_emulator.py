"""An FCM HTTP v1 emulator for the tests, over HTTPS.

    fcm_emulator.py CERT KEY SERVICE_ACCOUNT_KEY_PEM CONFIG LOG

POST /token checks an OAuth JWT bearer grant as Google's token endpoint would: the RS256
signature against the service account's key, iss, scope, aud (this URL) and a lifetime of at
most an hour; it answers a new access token. POST /v1/projects/P/messages:send checks the
bearer token was issued here and answers per message.token with the next of CONFIG's
scripted answers ({"project": P, "email": E, "answers": {token: [[status, errorCode|null],
...]}}; the last repeats). Every request is logged to LOG as a JSON line; its first line is
"PORT n".
"""
import base64, http.server, json, os, sys, threading, time, urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'ProtocSupport', 'Python'))
from https_peer import serve

cert, key, account_key_path, config_path, log_path = sys.argv[1:6]
account_key = serialization.load_pem_private_key(open(account_key_path, 'rb').read(), None).public_key()
config = json.load(open(config_path))
lock = threading.Lock()
issued, served = set(), {}


def b64decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def check_assertion(assertion, audience):
    header, claims, signature = assertion.split('.')
    assert json.loads(b64decode(header))['alg'] == 'RS256', 'not RS256'
    account_key.verify(b64decode(signature), ('%s.%s' % (header, claims)).encode(), padding.PKCS1v15(), hashes.SHA256())
    claims = json.loads(b64decode(claims))
    assert claims['iss'] == config['email'], 'iss %r' % claims['iss']
    assert claims['scope'] == 'https://www.googleapis.com/auth/firebase.messaging', 'scope %r' % claims['scope']
    assert claims['aud'] == audience, 'aud %r is not %r' % (claims['aud'], audience)
    assert claims['iat'] - 60 <= time.time() < claims['exp'] <= claims['iat'] + 3600, 'bad iat/exp'


class Emulator(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def answer(self, status, body, entry):
        entry['status'] = status
        with lock:
            with open(log_path, 'a') as log:
                print(json.dumps(entry, sort_keys=True), file=log)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        if self.path == '/token':
            form = urllib.parse.parse_qs(body.decode())
            entry = {'kind': 'token'}
            try:
                assert form['grant_type'] == ['urn:ietf:params:oauth:grant-type:jwt-bearer'], 'grant_type'
                check_assertion(form['assertion'][0], 'https://127.0.0.1:%d/token' % self.server.server_address[1])
            except Exception as error:
                entry['error'] = '%s: %s' % (type(error).__name__, error)
                return self.answer(400, {'error': 'invalid_grant'}, entry)
            with lock:
                token = 'access-%d' % (len(issued) + 1)
                issued.add(token)
            return self.answer(200, {'access_token': token, 'expires_in': 3600, 'token_type': 'Bearer'}, entry)
        message = json.loads(body)['message']
        entry = {'kind': 'send', 'token': message['token'], 'message': message}
        if self.path != '/v1/projects/%s/messages:send' % config['project']:
            entry['error'] = 'path ' + self.path
            return self.answer(404, {'error': {'code': 404, 'status': 'NOT_FOUND', 'message': 'no such path'}}, entry)
        if self.headers['Authorization'].removeprefix('Bearer ') not in issued:
            entry['error'] = 'unknown access token'
            return self.answer(401, {'error': {'code': 401, 'status': 'UNAUTHENTICATED', 'message': 'bad token'}}, entry)
        with lock:
            count = served.get(message['token'], 0)
            served[message['token']] = count + 1
        answers = config['answers'][message['token']]
        status, code = answers[min(count, len(answers) - 1)]
        if status == 200:
            return self.answer(200, {'name': 'projects/%s/messages/%d' % (config['project'], count)}, entry)
        details = [{'@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', 'errorCode': code}]
        return self.answer(status, {'error': {'code': status, 'message': 'scripted ' + code, 'status': code, 'details': details}}, entry)

    def log_message(self, *args):
        pass


serve(Emulator, cert, key, log_path)
