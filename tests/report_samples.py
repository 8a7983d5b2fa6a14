"""Hand-built ScanResults shared by the report renderer tests."""

from __future__ import annotations

from hfmigrate.findings import Diagnostic, Finding, ScanResult

# a token-shaped canary: hf_ and 34 letters and digits. No renderer may emit any of it.
CANARY_SECRET = "Q7vLm2Xp9RtK4wZs8NbY3cJd6HfA1eGu5T"
CANARY = "hf_" + CANARY_SECRET
assert len(CANARY_SECRET) == 34

ROUTER_URL = "https://router.huggingface.co/hf-inference/models/distilbert/sst2"

URL_FINDING = Finding(
    "app/client.py",
    12,
    11,
    "HFM101",
    "Legacy model URL on the retired host",
    12,
    80,
    replacement=f'"{ROUTER_URL}"',
    fixable=True,
)
OPTIONS_FINDING = Finding(
    "app/client.py",
    14,
    5,
    "HFM201",
    "Legacy `options` in the request body",
    14,
    47,
    fixable=True,
)
NOTEBOOK_FINDING = Finding(
    "app/notebook.ipynb",
    2,
    5,
    "HFM301",
    "`huggingface_hub.InferenceApi` was removed",
    2,
    17,
    cell=3,
    fixable=True,
)
ODD_PATH_FINDING = Finding(
    "app/my dir/100%,a:b.py",
    7,
    1,
    "HFM104",
    "Legacy endpoint with no router equivalent",
    7,
    30,
)


def sample_result() -> ScanResult:
    return ScanResult(
        findings=[ODD_PATH_FINDING, NOTEBOOK_FINDING, OPTIONS_FINDING, URL_FINDING],  # out of order on purpose
        diagnostics=[
            Diagnostic("data/blob.bin", "skipped", "binary file"),
            Diagnostic("vendor/", "skipped", "matched .gitignore"),
            Diagnostic("app/broken.py", "downgraded", "syntax error at line 3; text rules only"),
            Diagnostic("app/locked.py", "error", "permission denied"),
        ],
        files_scanned=10,
        files_skipped=2,
    )


def canary_result() -> ScanResult:
    """A result whose every free-text field carries the canary token, as a buggy scanner might build it."""
    finding = Finding(
        "app/secret.py",
        3,
        12,
        "HFM901",
        f'Hard-coded token "Bearer {CANARY}" in headers',
        3,
        60,
        replacement=f"f\"Bearer {{os.environ['HF_TOKEN']}}\" # was {CANARY}",
        fixable=True,
    )
    notebook = Finding(
        "app/nb.ipynb",
        1,
        1,
        "HFM901",
        f"token={CANARY}\nin a cell",
        1,
        40,
        cell=2,
        replacement=CANARY,
    )
    diagnostic = Diagnostic("app/odd.py", "downgraded", f"could not parse near {CANARY}")
    return ScanResult(findings=[finding, notebook], diagnostics=[diagnostic], files_scanned=3)


def assert_no_canary(text: str) -> None:
    """No 8-character run of the secret appears, so neither the token nor a wrapped piece of it leaked."""
    assert "hf_…" in text or "hf_\\u2026" in text, "the canary was expected to be shown redacted"
    for start in range(len(CANARY_SECRET) - 7):
        assert CANARY_SECRET[start : start + 8] not in text
