"""A real HTTP server on 127.0.0.1 that stands in for the Hugging Face hosts in tests.

Each :class:`LocalHF` is one host (legacy, router or Hub). Tests register routes; a route answers with a
:class:`Reply`, a list of replies (served in order, the last one repeating), or a function of the request.
Replies can be slow (``delay``), streamed as SSE (``sse``), or cut off (``drop``). Every request is recorded,
headers included, so tests can check where a token went.

    with LocalHF() as hub:
        hub.route("GET", r"/api/models/(?P<org>[^/]+)/(?P<name>[^/]+)", Reply(json={...}))
        ... hub.url ...
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Reply:
    status: int = 200
    json: Any = None
    text: str | None = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0
    sse: list[str] | None = None  # raw event lines, e.g. 'data: {...}'; each is followed by a blank line
    chunk_delay: float = 0.0
    drop: bool = False  # close the connection without answering

    def payload(self) -> tuple[bytes, str]:
        if self.body is not None:
            return self.body, self.content_type or "application/octet-stream"
        if self.text is not None:
            return self.text.encode(), self.content_type or "text/plain; charset=utf-8"
        if self.json is not None:
            return json.dumps(self.json).encode(), self.content_type or "application/json"
        return b"", self.content_type or "text/plain"


Responder = Reply | list[Reply] | Callable[[Request], Reply]


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    responder: Responder
    served: int = 0

    def answer(self, request: Request) -> Reply:
        self.served += 1
        if isinstance(self.responder, Reply):
            return self.responder
        if isinstance(self.responder, list):
            return self.responder[min(self.served, len(self.responder)) - 1]
        return self.responder(request)


NOT_FOUND = Reply(404, text="Not Found")


class LocalHF:
    """One stand-in host. ``latency`` delays every answer (for benchmarks)."""

    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.routes: list[_Route] = []
        self.requests: list[Request] = []
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    def route(self, method: str, path_regex: str, responder: Responder) -> LocalHF:
        """Register a route; later registrations win over earlier ones for the same request."""
        self.routes.insert(0, _Route(method.upper(), re.compile(path_regex + r"\Z"), responder))
        return self

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LocalHF:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalHF:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _dispatch(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            for route in self.routes:
                match = route.pattern.match(request.path)
                if match and route.method in (request.method, "*"):
                    request.params = match.groupdict()
                    return route.answer(request)
        return NOT_FOUND


def _handler_for(app: LocalHF) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle on, a keep-alive client waits ~40 ms for the
        # delayed ACK on every request, which swamps the latency figures of the benchmarks.
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            request = Request(
                self.command, parts.path, parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()}, body
            )
            reply = app._dispatch(request)
            time.sleep(app.latency + reply.delay)
            if reply.drop:
                self._drop()
            elif reply.sse is not None:
                self._stream(reply)
            else:
                self._send(reply)

        def _drop(self) -> None:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def _send(self, reply: Reply) -> None:
            data, content_type = reply.payload()
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _stream(self, reply: Reply) -> None:
            self.close_connection = True
            self.send_response(reply.status)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            for line in reply.sse or []:
                self.wfile.write(line.encode() + b"\n\n")
                self.wfile.flush()
                time.sleep(reply.chunk_delay)

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = _handle

    return Handler


# --- canned answers from hf-api.md -----------------------------------------------------------------------------

LEGACY_GONE_WORDINGS = (
    "https://api-inference.huggingface.co is no longer supported. Please use https://router.huggingface.co instead.",
    "https://api-inference.huggingface.co/ is no longer supported. Please use https://router.huggingface.co/ instead.",
    "https://api-inference.huggingface.co is no longer supported. Please use https://router.huggingface.co/hf-inference instead.",
)


def legacy_gone(wording: int = 0) -> Reply:
    return Reply(410, json={"error": LEGACY_GONE_WORDINGS[wording]})


def legacy_gone_html() -> Reply:
    html = (
        "<!doctype html><html><head><title>410 Gone</title></head><body><h1>Gone</h1>"
        f"<p>{LEGACY_GONE_WORDINGS[2]}</p></body></html>"
    )
    return Reply(410, text=html, content_type="text/html; charset=utf-8")


def legacy_host(wording: int = 0) -> LocalHF:
    """The retired host: 410 Gone on every path and method."""
    return LocalHF().route("*", r"/.*", legacy_gone(wording))


def chat_completion(
    content: str = "Hello", model: str = "meta-llama/Llama-3.1-8B-Instruct", provider: str = "novita"
) -> Reply:
    body = {
        "id": "chatcmpl-local",
        "object": "chat.completion",
        "created": 1760000000,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
    }
    return Reply(200, json=body, headers={"x-inference-provider": provider, "x-request-id": "req-local-1"})


def chat_stream(pieces: tuple[str, ...] = ("Hel", "lo"), space_after_colon: bool = True) -> Reply:
    sep = "data: " if space_after_colon else "data:"
    lines = [
        sep + json.dumps({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": piece}}]})
        for piece in pieces
    ]
    return Reply(200, sse=lines + [sep + "[DONE]"], headers={"x-inference-provider": "novita"})


def hf_inference_not_found(json_body: bool = False, model: str = "x") -> Reply:
    if json_body:
        return Reply(
            404, json={"error": f"Model {model} does not exist"}, headers={"x-inference-provider": "hf-inference"}
        )
    return Reply(404, text="Not Found", headers={"x-inference-provider": "hf-inference"})
