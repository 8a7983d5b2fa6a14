"""Redirect HTTP traffic for chosen hosts to local stand-in servers, from outside the program.

Active only when ``HFMIGRATE_TEST_HOSTS`` holds a JSON object mapping host names to base URLs, e.g.
``{"api-inference.huggingface.co": "http://127.0.0.1:40001", "router.huggingface.co": "http://127.0.0.1:40002"}``.
The e2e harness puts this directory on ``PYTHONPATH`` so Python imports it at start-up; the program under test
is never edited.

A request whose host matches a key exactly (case-insensitive; ``internal.api-inference.huggingface.co`` does
not match ``api-inference.huggingface.co``) is sent to the mapped scheme, host and port; path, query and
headers are kept, and the ``Host`` header names the real host. Patched, at class level, as soon as
the module is imported (post-import hook, so nothing is imported eagerly):

- ``requests``: ``requests.adapters.HTTPAdapter.send`` (proxies are disabled for redirected requests, and the
  response and request report the original URL afterwards, so error messages look like the real ones);
- ``httpx`` and ``httpx2``: ``HTTPTransport.handle_request`` and ``AsyncHTTPTransport.handle_async_request`` (the request
  URL is restored after the call);
- ``urllib.request``: ``OpenerDirector.open`` (``urlopen`` and ``build_opener`` openers).

Not covered: aiohttp, raw sockets, subprocesses that are not Python (curl).
"""

from __future__ import annotations

import json
import os
import sys

_ENV = "HFMIGRATE_TEST_HOSTS"


def _parse_hosts(raw: str) -> dict[str, tuple[str, str]]:
    from urllib.parse import urlsplit

    table: dict[str, tuple[str, str]] = {}
    for host, target in json.loads(raw).items():
        parts = urlsplit(target if "://" in target else "http://" + target)
        table[host.lower().rstrip(".")] = (parts.scheme or "http", parts.netloc)
    return table


HOSTS: dict[str, tuple[str, str]] = {}


def redirect(url: str) -> str | None:
    """The local URL for ``url``, or None when its host is not mapped."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    target = HOSTS.get(host)
    if target is None:
        return None
    scheme, netloc = target
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def _netloc(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.rpartition("@")[2]


# --- requests --------------------------------------------------------------------------------------------------


def _patch_requests_adapters(module) -> None:
    adapter = module.HTTPAdapter
    original = adapter.send
    if getattr(original, "_hfmigrate_redirect", False):
        return

    def send(self, request, *args, **kwargs):
        new_url = redirect(request.url)
        if new_url is None:
            return original(self, request, *args, **kwargs)
        old_url = request.url
        request.url = new_url
        added_host = "Host" not in request.headers
        if added_host:  # keep naming the real host, as httpx does
            request.headers["Host"] = _netloc(old_url)
        if len(args) >= 5:  # send(request, stream, timeout, verify, cert, proxies)
            args = args[:4] + ({},) + args[5:]
        else:
            kwargs["proxies"] = {}
        try:
            response = original(self, request, *args, **kwargs)
        finally:
            request.url = old_url
            if added_host:
                request.headers.pop("Host", None)
        if response is not None and getattr(response, "url", None) == new_url:
            response.url = old_url
        return response

    send._hfmigrate_redirect = True  # type: ignore[attr-defined]
    adapter.send = send


# --- httpx -----------------------------------------------------------------------------------------------------


def _httpx_target(url):
    new_url = redirect(str(url))
    if new_url is None:
        return None
    return type(url)(new_url)


def _patch_httpx(module) -> None:
    sync_transport = module.HTTPTransport
    async_transport = module.AsyncHTTPTransport
    original_sync = sync_transport.handle_request
    original_async = async_transport.handle_async_request
    if getattr(original_sync, "_hfmigrate_redirect", False):
        return

    def handle_request(self, request):
        new_url = _httpx_target(request.url)
        if new_url is None:
            return original_sync(self, request)
        old_url = request.url
        request.url = new_url
        try:
            return original_sync(self, request)
        finally:
            request.url = old_url

    async def handle_async_request(self, request):
        new_url = _httpx_target(request.url)
        if new_url is None:
            return await original_async(self, request)
        old_url = request.url
        request.url = new_url
        try:
            return await original_async(self, request)
        finally:
            request.url = old_url

    handle_request._hfmigrate_redirect = True  # type: ignore[attr-defined]
    handle_async_request._hfmigrate_redirect = True  # type: ignore[attr-defined]
    sync_transport.handle_request = handle_request
    async_transport.handle_async_request = handle_async_request


# --- urllib.request --------------------------------------------------------------------------------------------


def _patch_urllib_request(module) -> None:
    director = module.OpenerDirector
    original = director.open
    if getattr(original, "_hfmigrate_redirect", False):
        return

    def open(self, fullurl, *args, **kwargs):
        request = module.Request(fullurl) if isinstance(fullurl, str) else fullurl
        new_url = redirect(request.full_url)
        if new_url is not None:
            if not request.has_header("Host"):  # keep naming the real host, as httpx does
                request.add_unredirected_header("Host", _netloc(request.full_url))
            request.full_url = new_url
            fullurl = request
        return original(self, fullurl, *args, **kwargs)

    open._hfmigrate_redirect = True  # type: ignore[attr-defined]
    director.open = open


_PATCHERS = {
    "requests.adapters": _patch_requests_adapters,
    "httpx": _patch_httpx,
    "httpx2": _patch_httpx,  # pydantic's httpx successor (openai 3.x uses it): same transport API
    "urllib.request": _patch_urllib_request,
}


def _install() -> None:
    import importlib.abc

    class _PostImportPatcher(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            patcher = _PATCHERS.get(fullname)
            if patcher is None:
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
            else:
                return None
            loader = spec.loader
            if loader is None or not hasattr(loader, "exec_module"):
                return spec
            original_exec = loader.exec_module

            def exec_module(module):
                original_exec(module)
                patcher(module)

            try:
                loader.exec_module = exec_module
            except (AttributeError, TypeError):
                pass
            return spec

    sys.meta_path.insert(0, _PostImportPatcher())
    for name, patcher in _PATCHERS.items():  # already imported (unusual at start-up)
        if name in sys.modules:
            patcher(sys.modules[name])


def _chain_next_sitecustomize() -> None:
    """Run the sitecustomize this one shadows, if any (e.g. a distribution's)."""
    import importlib.machinery

    here = os.path.dirname(os.path.abspath(__file__))
    others = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", others)
    if spec is not None and spec.origin and os.path.abspath(spec.origin) != os.path.abspath(__file__):
        with open(spec.origin, "rb") as f:
            code = compile(f.read(), spec.origin, "exec")
        exec(code, {"__name__": "_shadowed_sitecustomize", "__file__": spec.origin})


if os.environ.get(_ENV):
    HOSTS.update(_parse_hosts(os.environ[_ENV]))
    _install()

if __name__ == "sitecustomize":  # imported by site at start-up, not loaded by a test
    try:
        _chain_next_sitecustomize()
    except Exception:  # a broken shadowed sitecustomize must not break the program under test
        pass
