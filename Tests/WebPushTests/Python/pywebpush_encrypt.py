"""Encrypts a message with pywebpush as an application server would, for the reverse test.

    pywebpush_encrypt.py P256DH AUTH MESSAGE

prints the aes128gcm body in base64url.
"""
import base64, sys

import pywebpush

p256dh, auth, message = sys.argv[1:4]
pusher = pywebpush.WebPusher({'endpoint': 'https://push.example/x', 'keys': {'p256dh': p256dh, 'auth': auth}})
encoded = pusher.encode(message.encode(), content_encoding='aes128gcm')
print(base64.urlsafe_b64encode(encoded['body']).decode().rstrip('='))
