"""The token never leaks: not in any output format, log line or error, and never to a host the user did not set."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from hfmigrate.cli import app
from tests.probe_fixtures import CANARY, CHAT_MODEL, EMBED_MODEL, QuickLocalHF, hf_hosts, redirect, unauthorized
from tests.server import Reply, chat_completion

# A token that does not look like hf_...: only the exact-value redaction can catch this one.
ODD_CANARY = "canary-token-not-hf-shaped-8c1f0e5d2b"


def all_requests(*servers):
    return [request for server in servers for request in server.requests]


def raw(request) -> str:
    return json.dumps([request.path, request.query, request.headers]) + request.body.decode("utf-8", "replace")


def careless(h, secret: str) -> None:
    """Hosts that echo the credentials they receive, in bodies, headers and redirect targets."""
    h.router.route(
        "POST", r"/v1/chat/completions", lambda r: unauthorized(echo=f"got {r.headers.get('authorization')}")
    )
    h.router.route(
        "POST",
        r"/hf-inference/models/.+",
        lambda r: Reply(
            404,
            text=f"Not Found for {r.headers.get('authorization')}",
            headers={"x-inference-provider": "hf-inference", "x-request-id": secret},
        ),
    )
    h.legacy.route("*", r"/.*", Reply(410, text=f"<p>no longer supported {secret}</p>", content_type="text/html"))
    h.hub.route("GET", r"/api/whoami-v2", lambda r: Reply(401, json={"error": r.headers.get("authorization")}))


@pytest.mark.parametrize("output", [[], ["--json"], ["--stream"]])
@pytest.mark.parametrize(("secret", "how"), [(CANARY, "HF_TOKEN"), (ODD_CANARY, "--token-env"), (CANARY, "--token")])
def test_no_byte_of_the_token_in_any_output_or_log(output, secret, how, caplog):
    caplog.set_level(logging.DEBUG)
    args, env = [], {"HF_TOKEN": ""}
    if how == "HF_TOKEN":
        env["HF_TOKEN"] = secret
    elif how == "--token-env":
        args, env["MY_TOKEN"] = ["--token-env", "MY_TOKEN"], secret
    else:
        args = ["--token", secret]
    with hf_hosts() as h:
        careless(h, secret)
        result = CliRunner().invoke(app, ["probe", *h.cli_args(), *args, *output], env=env)
        echoed = [r for r in all_requests(h.router, h.hub) if r.headers.get("authorization") == f"Bearer {secret}"]
    assert echoed, "the careless hosts must have received the token, or this test proves nothing"
    assert result.exit_code == 1, result.output
    for text in (result.stdout, result.stderr, caplog.text, str(result.exception or "")):
        assert secret not in text
        assert secret[-12:] not in text  # not even a tail of it


def test_token_does_not_follow_a_redirect_to_another_host():
    with hf_hosts() as h, QuickLocalHF() as elsewhere:
        elsewhere.route("*", r"/.*", chat_completion())
        other_port = elsewhere.url.rsplit(":", 1)[1]
        h.router.route("POST", r"/v1/chat/completions", redirect(f"{elsewhere.url}/v1/chat/completions"))
        h.router.route("GET", r"/v1/models", redirect(f"http://localhost:{other_port}/v1/models"))
        h.hub.route("GET", r"/api/whoami-v2", redirect(f"{elsewhere.url}/api/whoami-v2?{CANARY}", status=302))
        result = CliRunner().invoke(app, ["probe", *h.cli_args(), "--json", "-m", CHAT_MODEL], env={"HF_TOKEN": CANARY})
        configured = all_requests(h.router, h.hub, h.legacy)
        redirected = list(elsewhere.requests)
    paths = {r.path for r in redirected}
    assert {"/v1/chat/completions", "/v1/models", "/api/whoami-v2"} <= paths  # the redirects were followed
    assert all("authorization" not in r.headers for r in redirected)
    assert all(CANARY not in raw(r).replace(f"?{CANARY}", "") for r in redirected)
    assert all(r.headers.get("authorization") == f"Bearer {CANARY}" for r in configured)
    assert CANARY not in result.stdout + result.stderr


def test_token_goes_only_to_the_hosts_it_should():
    """Default hosts are Hugging Face's; the local stand-ins count as configured because they were set by hand."""
    with hf_hosts() as h:
        CliRunner().invoke(app, ["probe", *h.cli_args(), "-m", EMBED_MODEL], env={"HF_TOKEN": CANARY})
        sent = {r.headers.get("authorization") for r in all_requests(h.router, h.hub, h.legacy)}
    assert sent == {f"Bearer {CANARY}"}
