"""Times Flask's own session serializer (itsdangerous) on the payloads the Node benchmark uses.

Reads {"secret", "payloads": {name: dict}, "ms"} as JSON on stdin and prints
{name: {"encode": ops_per_s, "decode": ops_per_s}} on stdout.
"""
import json
import sys
import time

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

config = json.load(sys.stdin)
app = Flask(__name__)
app.secret_key = config["secret"]
serializer = SecureCookieSessionInterface().get_signing_serializer(app)
max_age = int(app.permanent_session_lifetime.total_seconds())
seconds = config["ms"] / 1000


def ops_per_second(fn):
    """Calls per second of this process's CPU time (as the Node side counts), over ~`seconds`."""
    end = time.perf_counter() + seconds / 4
    while time.perf_counter() < end:
        fn()
    count = 0
    start = time.process_time()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for _ in range(64):
            fn()
        count += 64
    return count / (time.process_time() - start)


results = {}
with app.app_context():  # real cookies are written inside a context: sorted keys (spec 4.1)
    for name, payload in config["payloads"].items():
        cookie = serializer.dumps(payload)
        assert serializer.loads(cookie, max_age=max_age) == payload
        results[name] = {
            "encode": ops_per_second(lambda: serializer.dumps(payload)),
            "decode": ops_per_second(lambda: serializer.loads(cookie, max_age=max_age)),
        }
json.dump(results, sys.stdout)
