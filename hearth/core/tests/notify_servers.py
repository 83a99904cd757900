"""Real local servers for notification tests: an SMTP server (aiosmtpd) that records what it
receives, and a stand-in for GOV.UK Notify's HTTP API that checks the client's signed token
the way Notify does and records each request."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer


def free_port() -> int:
    """A localhost port nothing is listening on (so connecting to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SmtpServer:
    port: int
    received: list[Any] = field(default_factory=list)

    def emails(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)  # type: ignore[misc]
            for envelope in self.received
        ]


class _Recorder:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.server.received.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[SmtpServer]:
    server = SmtpServer(port=port or free_port())
    controller = Controller(_Recorder(server), hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@dataclass
class FakeNotify:
    service_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    secret: str = field(default_factory=lambda: str(uuid.uuid4()))
    requests: list[dict[str, Any]] = field(default_factory=list)
    # (status, body) to answer with instead of accepting the notification.
    reply_with: tuple[int, Any] | None = None
    base_url: str = ""
    # Notifications accepted, as Notify keeps them (id and reference), and the searches made.
    accepted: list[dict[str, Any]] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    # Accept each notification but answer 500, as when the reply is lost on the way back.
    lose_replies: bool = False

    @property
    def api_key(self) -> str:
        return f"hearth_test-{self.service_id}-{self.secret}"


def _handler(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                issuer = get_token_issuer(token)
                decode_jwt_token(token, fake.secret)
            except Exception:
                self._answer(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
                return False
            if issuer != fake.service_id:
                self._answer(
                    403, {"errors": [{"error": "AuthError", "message": "Unknown service"}]}
                )
                return False
            return True

        def do_GET(self) -> None:
            """GET /v2/notifications?reference=…: the notifications with that reference."""
            if not self._authorised():
                return
            url = urlsplit(self.path)
            if url.path != "/v2/notifications":
                self._answer(404, {"errors": [{"error": "NotFound", "message": "Not found"}]})
                return
            reference = parse_qs(url.query).get("reference", [""])[0]
            fake.lookups.append(reference)
            found = [n for n in fake.accepted if not reference or n["reference"] == reference]
            self._answer(
                200,
                {
                    "notifications": found,
                    "links": {"current": f"{fake.base_url}/v2/notifications", "next": ""},
                },
            )

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if not self._authorised():
                return
            fake.requests.append({"path": self.path, "body": body})
            if fake.reply_with is not None:
                self._answer(*fake.reply_with)
                return
            if self.path not in ("/v2/notifications/sms", "/v2/notifications/letter"):
                self._answer(404, {"errors": [{"error": "NotFound", "message": "Not found"}]})
                return
            notification_id = str(uuid.uuid4())
            fake.accepted.append(
                {"id": notification_id, "reference": body.get("reference"), "status": "created"}
            )
            if fake.lose_replies:
                self._answer(500, {"errors": [{"error": "Exception", "message": "Internal"}]})
                return
            self._answer(
                201,
                {
                    "id": notification_id,
                    "reference": body.get("reference"),
                    "content": {"body": body.get("personalisation", {}).get("body", "")},
                    "template": {"id": body["template_id"], "version": 1, "uri": ""},
                    "uri": "",
                },
            )

    return Handler


@contextmanager
def notify_server() -> Iterator[FakeNotify]:
    fake = FakeNotify()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()
