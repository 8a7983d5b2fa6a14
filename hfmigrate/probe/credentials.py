"""What the token and the Hub's refusals say: 401 bodies, 403s, gated models, and the whoami-v2 token check.

Pure functions of an exchange and the probe :class:`~hfmigrate.probe.diagnose.Context`; each returns (reason,
diagnosis, fix). The two 401 bodies of hf-api.md §0 are told apart: ``Invalid username or password.`` means no
usable credentials reached the router, ``Invalid credentials in Authorization header`` a bad token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate import urls

if TYPE_CHECKING:
    from hfmigrate.probe.diagnose import Context
    from hfmigrate.probe.results import Exchange

#: Token roles other than fineGrained seen in whoami-v2 (hf-api.md §0): none of them lists its permissions.
CLASSIC_ROLES = ("read", "write", "admin", "contributor")


def gated(ex: Exchange, ctx: Context, status: int) -> tuple[str, str, str]:
    model = ex.request.model or "the model"
    who = f"the token from {ctx.token_source}" if ctx.token_source else "a request without a token"
    return (
        "gated-or-private",
        f"{status}: the Hub will not describe {model} to {who}: it is gated or private",
        (f"accept its conditions on {ctx.hosts.hub}/{model} with the token's account, or use a token that can read it"),
    )


def unauthorized(ctx: Context, message: str) -> tuple[str, str, str]:
    """The body tells the two 401s apart: no usable credentials arrived, or the token itself is bad."""
    lowered = message.lower()
    if ctx.token_source is None:
        return "unauthorized", "401: no token was sent (none found)", new_token_fix(ctx)
    if "username or password" in lowered:
        return (
            "unauthorized",
            f"401: no usable credentials reached the router ({message}), though a token from {ctx.token_source} "
            "was sent",
            "check that it is not empty or quoted, and that no proxy strips the Authorization header; "
            + new_token_fix(ctx),
        )
    return (
        "unauthorized",
        f"401: the token from {ctx.token_source} was rejected ({message or 'invalid credentials'})",
        f"it is invalid or revoked: replace it, {new_token_fix(ctx)}",
    )


def forbidden(ex: Exchange, ctx: Context, message: str) -> tuple[str, str, str]:
    if ex.headers.get("x-error-code") == "GatedRepo":
        return "forbidden", f"403: {ex.request.model} is gated", "accept its conditions on the model page"
    source = ctx.token_source or "no token"
    where = urls.fine_grained_token_url(ctx.hosts.hub)
    return (
        "forbidden",
        f"403: the token from {source} lacks {urls.INFERENCE_PERMISSION} ({message or 'forbidden'})",
        f"create a fine-grained token with 'Make calls to Inference Providers': {where}",
    )


def new_token_fix(ctx: Context) -> str:
    link = urls.fine_grained_token_url(ctx.hosts.hub)
    return f"set HF_TOKEN to a fine-grained token with Inference Providers permission: {link}"


def check_whoami(data: object, ctx: Context) -> tuple[str, str, str]:
    """Does the token carry ``inference.serverless.write``? Looked for in ``fineGrained.global`` and ``.scoped``."""
    access = data.get("auth", {}).get("accessToken", {}) if isinstance(data, dict) else {}
    access = access if isinstance(access, dict) else {}
    role, source = access.get("role"), ctx.token_source
    if role == "fineGrained":
        if urls.INFERENCE_PERMISSION in _permissions(access.get("fineGrained")):
            return "ok", f"the token from {source} carries {urls.INFERENCE_PERMISSION}", ""
        return (
            "forbidden",
            f"the fine-grained token from {source} lacks {urls.INFERENCE_PERMISSION}",
            (f"create one that has it: {urls.fine_grained_token_url(ctx.hosts.hub)}"),
        )
    kind = f"a classic {role} token" if role in CLASSIC_ROLES else "a token of unknown kind"
    return (
        "permission-unconfirmed",
        f"{kind} from {source}: Inference Providers access is undocumented",
        (f"if inference answers 403, use a fine-grained token: {urls.fine_grained_token_url(ctx.hosts.hub)}"),
    )


def _permissions(fine: object) -> set[str]:
    if not isinstance(fine, dict):
        return set()
    found = {perm for perm in fine.get("global") or [] if isinstance(perm, str)}
    for scope in fine.get("scoped") or []:
        if isinstance(scope, dict):
            found.update(perm for perm in scope.get("permissions") or [] if isinstance(perm, str))
    return found
