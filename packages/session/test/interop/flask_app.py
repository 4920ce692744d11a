"""A tiny Flask 3.1 app, the real peer of Canvass' flask-mode interop tests (flask.test.ts).

Configuration comes from the environment: SECRET_KEY, SECRET_KEY_FALLBACKS (comma-separated,
oldest first) and PERMANENT_SESSION_LIFETIME (seconds). The port is argv[1], or a free one;
either way the app prints "Listening on http://127.0.0.1:PORT" once it accepts connections.

Three apps share the server, so one process covers key rotation:
  /       SECRET_KEY with its fallbacks (the app after a rotation)
  /old    the first fallback as SECRET_KEY (the app before the rotation)
  /solo   SECRET_KEY without fallbacks (the old key removed)

Sessions are Flask's own SecureCookieSessionInterface. The only change: an `X-Now: <seconds>`
request header pins itsdangerous' clock, for both signing and the max-age check, and the
`Expires` of a permanent cookie, so expiry boundaries and whole Set-Cookie lines can be
compared to the second. Without the header the real clock runs.
"""

import logging
import math
import os
import sys
import threading
from datetime import datetime, timezone

from flask import Blueprint, Flask, current_app, flash, get_flashed_messages, jsonify, request, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import TimestampSigner
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import make_server

from flask_kinds import KINDS


class PinnedClockSessions(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        serializer = super().get_signing_serializer(app)
        now = request.headers.get("X-Now")
        if serializer is not None and now is not None:
            clock = {"get_timestamp": lambda _self: int(now)}
            serializer.signer = type("PinnedSigner", (TimestampSigner,), clock)
        return serializer

    def get_expiration_time(self, app, session):
        # A permanent cookie's Expires is "now + lifetime": the same pinned now.
        now = request.headers.get("X-Now")
        if now is None or not session.permanent:
            return super().get_expiration_time(app, session)
        return datetime.fromtimestamp(int(now), timezone.utc) + app.permanent_session_lifetime


def same(a, b):
    """Strict equality: same types all the way down (1 is not 1.0, a tuple is not a list),
    NaN equals NaN and -0.0 is not 0.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def dumps(value):
    """Flask's own session serialisation (sorted keys: it runs in the app context)."""
    return current_app.session_interface.serializer.dumps(value)


def loads(text):
    return current_app.session_interface.serializer.loads(text)


routes = Blueprint("interop", __name__)


@routes.get("/kinds")
def kinds():
    return jsonify(sorted(KINDS))


@routes.get("/set/<kind>")
def set_kind(kind):
    session.update(KINDS[kind])
    return jsonify(repr=repr(KINDS[kind]))


@routes.get("/check/<kind>")
def check_kind(kind):
    """Does the session Flask read from the cookie equal the kind, as Flask itself reads it back?"""
    got = dict(session)
    # Canvass keeps its session times under this reserved key; Flask apps just carry it along.
    times = got.pop("_canvass_t", None)
    want = loads(dumps(KINDS[kind]))
    ok = same(got, want) and dumps(got) == dumps(want)
    return jsonify(ok=ok, got=dumps(got), want=dumps(want), canvass_times=times)


@routes.get("/dump")
def dump():
    return jsonify(empty=not session, session=dumps(dict(session)))


@routes.get("/resave")
def resave():
    session.modified = True
    return jsonify(empty=not session, session=dumps(dict(session)))


@routes.get("/flash")
def flash_messages():
    flash("Saved!")
    flash("Oops", "error")
    return jsonify(ok=True)


@routes.get("/flashes")
def read_flashes():
    return jsonify(get_flashed_messages(with_categories=True))


@routes.get("/clear")
def clear():
    session.clear()
    return jsonify(ok=True)


def create_app(secret, fallbacks, lifetime):
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secret, SECRET_KEY_FALLBACKS=fallbacks, PERMANENT_SESSION_LIFETIME=lifetime)
    app.session_interface = PinnedClockSessions()
    app.register_blueprint(routes)
    return app


def main():
    secret = os.environ["SECRET_KEY"]
    fallbacks = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key]
    lifetime = int(os.environ.get("PERMANENT_SESSION_LIFETIME", 31 * 86400))
    mounts = {"/solo": create_app(secret, [], lifetime)}
    if fallbacks:
        mounts["/old"] = create_app(fallbacks[0], [], lifetime)
    app = DispatcherMiddleware(create_app(secret, fallbacks, lifetime), mounts)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0, app, threaded=True)
    # The test holds our stdin open: when it exits, however abruptly, we stop too.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    print(f"Listening on http://127.0.0.1:{server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
