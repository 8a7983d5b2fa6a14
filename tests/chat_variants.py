"""Generated variants of the text-generation snippet most legacy code copies (issue 9), for tests and the bench.

    API_URL = "https://api-inference.huggingface.co/models/<llm>"
    headers = {"Authorization": f"Bearer {HF_TOKEN}"}
    def query(payload):
        return requests.post(API_URL, headers=headers, json=payload).json()
    output = query({"inputs": ..., "parameters": {...}})
    print(output[0]["generated_text"])

Each variant changes how the URL is written, how the wrapper posts and returns, how the body is built and how
the result is read; each is a complete program that prints the generated text. ``expect`` is what rewrite must
do: ``converted`` (runs on the router and prints the chat answer) or ``marked`` (something blocks a safe
conversion: a person must look; an HFM107 marker says what).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

LEGACY = "https://api-inference.huggingface.co"
MODEL = "mistralai/Mistral-7B-Instruct-v0.3"
PROMPT = "Can you please let us know more details about your "

HEAD = (
    'import json\nimport os\n\nimport requests\n\nheaders = {"Authorization": f"Bearer {os.environ[\'HF_TOKEN\']}"}\n'
)

URLS = {
    "literal": f'API_URL = "{LEGACY}/models/{MODEL}"\n',
    "f-string": f'MODEL_ID = "{MODEL}"\nAPI_URL = f"{LEGACY}/models/{{MODEL_ID}}"\n',
    "base": f'BASE = "{LEGACY}"\nMODEL_ID = "{MODEL}"\nAPI_URL = f"{{BASE}}/models/{{MODEL_ID}}"\n',
}

WRAPPERS = {
    "json": "def query(payload):\n    return requests.post(API_URL, headers=headers, json=payload).json()\n",
    "response-var": (
        "def query(payload):\n    response = requests.post(API_URL, headers=headers, json=payload)\n"
        "    return response.json()\n"
    ),
    "raise-for-status": (
        "def query(payload):\n    response = requests.post(API_URL, headers=headers, json=payload)\n"
        "    response.raise_for_status()\n    return response.json()\n"
    ),
    "data-dumps": (
        "def query(payload):\n    response = requests.post(API_URL, headers=headers, data=json.dumps(payload))\n"
        "    return response.json()\n"
    ),
    "returns-response": "def query(payload):\n    return requests.post(API_URL, headers=headers, json=payload)\n",
}

BODIES = {
    "inline": 'output = query({"inputs": PROMPT, "parameters": {"max_new_tokens": 50, "temperature": 0.5}})',
    "variable": 'payload = {"inputs": PROMPT, "parameters": {"max_new_tokens": 50}}\noutput = query(payload)',
    "two-statements": (
        'payload = {"inputs": PROMPT}\npayload["parameters"] = {"max_new_tokens": 50, "temperature": 0.5}\n'
        "output = query(payload)"
    ),
}

READS = {
    "index": 'print(output[0]["generated_text"])',
    "get": 'print(output[0].get("generated_text"))',
    "first-item": 'first = output[0]\nprint(first["generated_text"])',
    "loop": 'for item in output:\n    print(item["generated_text"])',
    "comprehension": 'texts = [o["generated_text"] for o in output]\nprint(texts[0])',
    "isinstance": (
        'if isinstance(output, list) and len(output) > 0:\n    print(output[0]["generated_text"])\n'
        'elif isinstance(output, dict) and "error" in output:\n    raise SystemExit(output["error"])'
    ),
}

BLOCKED = {
    "body-from-elsewhere": (
        WRAPPERS["json"],
        'def load():\n    return {"inputs": PROMPT}\n\n\noutput = query(load())\nprint(output[0]["generated_text"])',
    ),
    "body-changed-after-the-call": (
        "",
        'payload = {"inputs": PROMPT, "parameters": {"max_new_tokens": 50}}\n'
        "output = requests.post(API_URL, headers=headers, json=payload).json()\n"
        'payload["inputs"] = "again"\nprint(output[0]["generated_text"])',
    ),
    "result-used-as-text-and-list": (
        WRAPPERS["json"],
        'output = query({"inputs": PROMPT, "parameters": {"max_new_tokens": 50}})\n'
        'print(output if isinstance(output, str) else output[0]["generated_text"])',
    ),
    "wrapper-passed-as-a-value": (
        WRAPPERS["json"],
        'outputs = list(map(query, [{"inputs": PROMPT, "parameters": {"max_new_tokens": 50}}]))\n'
        'print(outputs[0][0]["generated_text"])',
    ),
    "result-stored-in-a-list": (
        WRAPPERS["json"],
        'answers = []\nanswers.append(query({"inputs": PROMPT, "parameters": {"max_new_tokens": 5}}))\n'
        'print(answers[0][0]["generated_text"])',
    ),
}


@dataclass(frozen=True)
class Variant:
    name: str
    source: str
    expect: str  # "converted" or "marked"


def classic_variants() -> list[Variant]:
    """30 convertible variants (every wrapper with every read; URL and body forms rotate) and 5 blocked ones."""
    variants = []
    url_forms, body_forms = itertools.cycle(URLS.items()), itertools.cycle(BODIES.items())
    for (wrapper, wrapper_code), (read, read_code) in itertools.product(WRAPPERS.items(), READS.items()):
        (url, url_code), (body, body_code) = next(url_forms), next(body_forms)
        if wrapper == "returns-response":
            body_code = body_code.replace("output = query(payload)", "output = query(payload).json()")
            body_code = body_code.replace("}})", "}}).json()", 1) if body == "inline" else body_code
        source = f"{HEAD}{url_code}PROMPT = {PROMPT!r}\n\n\n{wrapper_code}\n\n{body_code}\n{read_code}\n"
        variants.append(Variant(f"{url}/{wrapper}/{body}/{read}", source, "converted"))
    for name, (wrapper_code, rest) in BLOCKED.items():
        source = f"{HEAD}{URLS['literal']}PROMPT = {PROMPT!r}\n\n\n{wrapper_code}\n\n{rest}\n"
        variants.append(Variant(f"blocked/{name}", source, "marked"))
    return variants
