"""How fast is `hfmigrate scan`? Builds synthetic trees and prints wall times beside grep, in the same run.

    .venv/bin/python bench/scan_bench.py            # trees under bench/.tree/ (gitignored), rebuilt when missing
    .venv/bin/python bench/scan_bench.py --rebuild  # regenerate the trees first
    .venv/bin/python bench/scan_bench.py --runs 7   # median of 7 paired runs instead of 5
    .venv/bin/python bench/scan_bench.py --tree ~/src/gradio --tree ~/src/cookbook   # real checkouts as well

Each figure is the median of --runs after one warm-up (the page cache is hot for grep and scan alike). The runs
are paired: every round runs grep and scan on every tree back to back, so the machine's load (printed) hits both.

- the *legacy tree*: 5,000 Python files of 150-400 lines generated from templates that look like real ML and web
  code (plenty of ``huggingface_hub``, ``huggingface.co``, ``transformers``, ``use_cache=True``,
  ``hf_hub_download``, ``model.parameters()``, nvidia model ids), 10 of them with a legacy usage, plus 50
  notebooks and 200 text files;
- the *notebook tree* (a cookbook): 600 notebooks of 12-30 cells with outputs, markdown prose full of
  huggingface.co links and ``pip install`` cells, 10 of them calling the legacy host;
- the *library tree* (a client library): 1,500 modules that import and call ``InferenceClient`` everywhere
  (``chat_completion``, ``"messages"``, ``provider=``, FastAPI ``@app.post`` routes), 10 with ``client.post``;
- the *clean tree*: 2,000 Python files like the legacy tree's, with no legacy usage;
- pre-commit: ``hfmigrate scan`` on one file, clean and with one legacy URL, against ``pyupgrade`` on the same
  file (when pyupgrade is installed next to this interpreter: ``pip install pyupgrade``, for the bench only).
  The package's bytecode is written first (:func:`compile_package`), as an installed copy has it.

``hfmigrate`` is the console script installed next to the running interpreter, run as a subprocess with
``--format json -o /dev/null``. Goals (issue 13): scan within 5x of ``grep -rl api-inference`` on the legacy,
notebook and library trees; the clean tree under 0.5 s; one file within 1.5x of pyupgrade. Beside each tree the
*Python floor*: this interpreter walking the tree and reading every file, doing nothing else (:data:`FLOOR`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE / ".tree"
LEGACY_PYTHON, CLEAN_PYTHON, NOTEBOOKS, TEXT_FILES, LEGACY_USAGES = 5000, 2000, 50, 200, 10

ORGS = ["meta-llama", "mistralai", "google", "nvidia", "Qwen", "microsoft", "BAAI", "sentence-transformers"]
MODELS = [
    "meta-llama/Llama-3.1-8B-Instruct",
    "mistralai/Mistral-7B-Instruct-v0.3",
    "google/gemma-2-9b-it",
    "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF",
    "Qwen/Qwen2.5-7B-Instruct",
    "microsoft/phi-3-mini-4k-instruct",
    "BAAI/bge-small-en-v1.5",
    "sentence-transformers/all-MiniLM-L6-v2",
    "nvidia/NV-Embed-v2",
]

HEADER = '''"""{title}

Part of the {project} {area} package. See https://huggingface.co/docs/transformers/index and
https://huggingface.co/{model} for the model card. Runs on NVIDIA GPUs (CUDA 12) or CPU.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import torch
from huggingface_hub import HfApi, hf_hub_download, snapshot_download
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

logger = logging.getLogger(__name__)
MODEL_ID = os.environ.get("{env}", "{model}")
CACHE_DIR = Path(os.environ.get("HF_HOME", "~/.cache/huggingface")).expanduser()
'''

BLOCKS = [
    '''

@dataclass
class {Name}Config:
    """Hyper-parameters for {name}; mirrors the fields of the model's config.json on huggingface.co."""

    model_id: str = MODEL_ID
    revision: str = "main"
    max_new_tokens: int = {n}
    temperature: float = 0.{n2}
    top_p: float = 0.95
    use_cache: bool = True
    torch_dtype: str = "bfloat16"
    device_map: str = "auto"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {{"model_id": self.model_id, "revision": self.revision, "options": dict(self.extra)}}

    @classmethod
    def from_file(cls, path: Path) -> "{Name}Config":
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(**{{k: v for k, v in data.items() if k in cls.__dataclass_fields__}})
''',
    '''

def load_{name}_model(config, device: str | None = None):
    """Download (hf_hub_download / snapshot_download) and load the model with use_cache=True."""
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    local = snapshot_download(repo_id=config.model_id, revision=config.revision, cache_dir=CACHE_DIR)
    tokenizer = AutoTokenizer.from_pretrained(local)
    model = AutoModelForCausalLM.from_pretrained(local, torch_dtype=torch.bfloat16, use_cache=True)
    model.to(device)
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    logger.info("loaded %s: %d parameters (%d trainable) on %s", config.model_id, total, trainable, device)
    if device == "cuda":
        logger.info("nvidia device: %s", torch.cuda.get_device_name(0))
    return model, tokenizer
''',
    '''

def generate_{name}(model, tokenizer, prompts: list[str], max_new_tokens: int = {n}) -> list[str]:
    """Batch generation with the KV cache on (use_cache=True) and left padding."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    batch = tokenizer(prompts, return_tensors="pt", padding=True).to(model.device)
    generation = GenerationConfig(max_new_tokens=max_new_tokens, do_sample=False, use_cache=True)
    with torch.inference_mode():
        output = model.generate(**batch, generation_config=generation)
    texts = tokenizer.batch_decode(output[:, batch["input_ids"].shape[1]:], skip_special_tokens=True)
    for prompt, text in zip(prompts, texts):
        logger.debug("prompt=%r -> %r", prompt[:40], text[:40])
    return [text.strip() for text in texts]
''',
    '''

class {Name}Trainer:
    """A small training loop: AdamW over model.parameters(), cosine schedule, gradient clipping."""

    def __init__(self, model, lr: float = 2e-5, warmup: int = {n}, total_steps: int = 10_000):
        self.model = model
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        self.warmup, self.total_steps, self.step = warmup, total_steps, 0
        self.history: list[float] = []

    def learning_rate(self) -> float:
        if self.step < self.warmup:
            return (self.step + 1) / self.warmup
        progress = (self.step - self.warmup) / max(1, self.total_steps - self.warmup)
        return 0.5 * (1 + math.cos(math.pi * progress))

    def train_step(self, batch: dict[str, torch.Tensor]) -> float:
        self.model.train()
        outputs = self.model(**batch, use_cache=False)
        loss = outputs.loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        for group in self.optimizer.param_groups:
            group["lr"] = group.get("initial_lr", 2e-5) * self.learning_rate()
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.step += 1
        self.history.append(loss.item())
        return loss.item()

    def save(self, folder: Path, push: bool = False) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(folder)
        if push:
            HfApi().upload_folder(folder_path=str(folder), repo_id=f"my-org/{name}-ft", repo_type="model")
''',
    '''

def fetch_{name}_assets(repo_id: str = MODEL_ID) -> dict[str, Path]:
    """Files the service needs from the Hub (huggingface_hub.hf_hub_download), cached under HF_HOME."""
    wanted = ["config.json", "tokenizer.json", "generation_config.json"]
    found: dict[str, Path] = {{}}
    for filename in wanted:
        try:
            found[filename] = Path(hf_hub_download(repo_id=repo_id, filename=filename, cache_dir=CACHE_DIR))
        except Exception as error:  # noqa: BLE001
            logger.warning("could not fetch %s from https://huggingface.co/%s: %s", filename, repo_id, error)
    info = HfApi().model_info(repo_id)
    logger.info("%s: pipeline_tag=%s, downloads=%s", repo_id, info.pipeline_tag, info.downloads)
    return found
''',
    '''

def embed_{name}(texts: Iterable[str], model_name: str = "{embed}", batch_size: int = {n}) -> np.ndarray:
    """Sentence embeddings with mean pooling; normalised so that a dot product is a cosine similarity."""
    from transformers import AutoModel

    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModel.from_pretrained(model_name).eval()
    chunks = []
    texts = list(texts)
    for start in range(0, len(texts), batch_size):
        batch = tokenizer(texts[start:start + batch_size], padding=True, truncation=True, return_tensors="pt")
        with torch.no_grad():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        chunks.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
    return np.concatenate(chunks) if chunks else np.zeros((0, 384))
''',
    '''

def create_{name}_app(model_id: str = MODEL_ID):
    """A FastAPI service in front of the model. Health checks report the NVIDIA driver when there is one."""
    from fastapi import FastAPI, HTTPException
    from pydantic import BaseModel

    app = FastAPI(title="{project}-{name}")

    class Request(BaseModel):
        inputs: str
        parameters: dict[str, Any] = {{}}

    @app.get("/health")
    def health() -> dict[str, Any]:
        gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
        return {{"status": "ok", "model": model_id, "gpu": gpu, "vendor": "nvidia" if gpu else None}}

    @app.post("/generate")
    def generate(request: Request) -> dict[str, Any]:
        if not request.inputs.strip():
            raise HTTPException(status_code=422, detail="empty input")
        max_new = int(request.parameters.get("max_new_tokens", {n}))
        return {{"generated_text": request.inputs[:max_new], "model": model_id}}

    return app
''',
    '''

def evaluate_{name}(predictions: list[str], references: list[str]) -> dict[str, float]:
    """Exact match and token F1, the SQuAD way."""

    def tokens(text: str) -> list[str]:
        return [t for t in "".join(c.lower() if c.isalnum() else " " for c in text).split() if t]

    exact, f1_total = 0, 0.0
    for prediction, reference in zip(predictions, references):
        p, r = tokens(prediction), tokens(reference)
        exact += int(p == r)
        common = sum(min(p.count(t), r.count(t)) for t in set(p))
        if common:
            precision, recall = common / len(p), common / len(r)
            f1_total += 2 * precision * recall / (precision + recall)
    count = max(1, len(predictions))
    return {{"exact_match": exact / count, "f1": f1_total / count, "n": float(len(predictions))}}
''',
]

LEGACY_SNIPPETS = [
    '\n\nAPI_URL = "https://api-inference.huggingface.co/models/{model}"\n',
    '\n\ndef legacy_embed(texts):\n    url = f"https://api-inference.huggingface.co/pipeline/feature-extraction/{{MODEL_ID}}"\n'
    '    return url, {{"inputs": texts, "options": {{"wait_for_model": True}}}}\n',
    '\n\nfrom huggingface_hub import InferenceApi\n\napi = InferenceApi(repo_id="{model}", task="text-generation")\n',
    '\n\nLEGACY_BASE = os.environ.get("HF_API_BASE", "https://api-inference.huggingface.co")\n',
    '\n\nHEADERS = {{"Authorization": "Bearer " + os.environ["HF_TOKEN"], "x-wait-for-model": "true"}}\n',
]

NOTEBOOK_CELLS = [
    ("markdown", "# Exploring {model}\n\nModel card: https://huggingface.co/{model}. Runs on an NVIDIA T4."),
    ("code", "%pip install -q transformers huggingface_hub\n!nvidia-smi"),
    (
        "code",
        "from huggingface_hub import hf_hub_download\nfrom transformers import pipeline\n\n"
        "pipe = pipeline('text-generation', model='{model}', model_kwargs={{'use_cache': True}})\n"
        "print(sum(p.numel() for p in pipe.model.parameters()))",
    ),
    ("code", "outputs = pipe(['Hello', 'How are you?'], max_new_tokens=32)\nfor o in outputs:\n    print(o)"),
]

TEXT_TEMPLATES = {
    ".md": "# {Name}\n\nFine-tuned from [{model}](https://huggingface.co/{model}) with `transformers` and "
    "`huggingface_hub`.\n\n```bash\npip install transformers huggingface_hub\n"
    "huggingface-cli download {model}\n```\n\nTrained on 8x NVIDIA A100. `use_cache=True` at inference.\n",
    ".yaml": "model:\n  id: {model}\n  revision: main\n  use_cache: true\n  dtype: bfloat16\n"
    "training:\n  lr: 2.0e-5\n  epochs: 3\n  gpus: 8  # nvidia a100\nhub:\n  push: true\n"
    "  url: https://huggingface.co/my-org/{name}\n",
    ".json": '{{\n  "model_id": "{model}",\n  "hub": "https://huggingface.co",\n  "use_cache": true,\n'
    '  "parameters": {{"max_new_tokens": {n}}}\n}}\n',
    ".sh": "#!/usr/bin/env bash\nset -euo pipefail\nnvidia-smi\n"
    "huggingface-cli download {model} --local-dir models/{name}\n"
    "python -m {name}.train --model {model} --use-cache\n",
    ".txt": "transformers>=4.44\nhuggingface_hub>=0.{n2}\ntorch>=2.3\naccelerate\n",
}


def _fill(template: str, rng: random.Random, index: int) -> str:
    model = rng.choice(MODELS)
    name = f"{rng.choice(['chat', 'embed', 'rank', 'tag', 'summ', 'qa', 'vision', 'audio'])}{index}"
    return template.format(
        title=f"{name} utilities",
        project=rng.choice(["atlas", "orbit", "helix", "quartz"]),
        area=rng.choice(["training", "serving", "evaluation", "data"]),
        model=model,
        name=name,
        Name=name.capitalize(),
        env=f"{name.upper()}_MODEL",
        n=rng.randint(16, 512),
        n2=rng.randint(1, 9),
        embed=rng.choice(MODELS[-3:]),
    )


def python_file(rng: random.Random, index: int) -> str:
    parts = [_fill(HEADER, rng, index)]
    target = rng.randint(150, 400)
    while sum(part.count("\n") for part in parts) < target:
        parts.append(_fill(rng.choice(BLOCKS), rng, index * 100 + len(parts)))
    return "".join(parts)


def notebook(rng: random.Random, index: int) -> str:
    cells = []
    for cell_type, source in NOTEBOOK_CELLS:
        text = _fill(source, rng, index)
        cell = {"cell_type": cell_type, "metadata": {}, "source": text.splitlines(keepends=True)}
        if cell_type == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def build_tree(root: Path, python_files: int, legacy: int, notebooks: int, text_files: int, seed: int) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    legacy_indexes = set(rng.sample(range(python_files), legacy)) if legacy else set()
    for index in range(python_files):
        package = root / f"pkg{index // 250:02d}" / f"sub{(index // 25) % 10}"
        package.mkdir(parents=True, exist_ok=True)
        text = python_file(rng, index)
        if index in legacy_indexes:
            text += _fill(LEGACY_SNIPPETS[len(legacy_indexes & set(range(index))) % len(LEGACY_SNIPPETS)], rng, index)
        (package / f"module_{index}.py").write_text(text, encoding="utf-8")
    for index in range(notebooks):
        folder = root / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"explore_{index}.ipynb").write_text(notebook(rng, index), encoding="utf-8")
    suffixes = list(TEXT_TEMPLATES)
    for index in range(text_files):
        suffix = suffixes[index % len(suffixes)]
        folder = root / "docs" / suffix.lstrip(".")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file_{index}{suffix}").write_text(_fill(TEXT_TEMPLATES[suffix], rng, index), encoding="utf-8")


NOTEBOOK_PROSE = [
    "## {Name}: fine-tuning {model}\n\nWe follow the [model card](https://huggingface.co/{model}) and the "
    "[transformers docs](https://huggingface.co/docs/transformers/index). Training ran on an NVIDIA A100; the "
    "`use_cache` flag is off while training and on for generation. Inputs are `messages` lists with `parameters`.",
    "### Evaluation\n\nWe report exact match and F1 on the validation split; see "
    "https://huggingface.co/datasets/squad for the data set and https://huggingface.co/spaces/evaluate-metric.",
]
NOTEBOOK_CODE = [
    "%pip install -q transformers datasets huggingface_hub accelerate",
    "from huggingface_hub import notebook_login, hf_hub_download\nnotebook_login()",
    "from datasets import load_dataset\n\nds = load_dataset('squad', split='validation[:1%]')\nds",
    "from transformers import AutoTokenizer, AutoModelForCausalLM\n\ntok = AutoTokenizer.from_pretrained('{model}')\n"
    "model = AutoModelForCausalLM.from_pretrained('{model}', device_map='auto', use_cache=True)",
    "messages = [{{'role': 'user', 'content': 'Hello {name}'}}]\ninputs = tok.apply_chat_template(messages, "
    "return_tensors='pt')\nout = model.generate(inputs, max_new_tokens=32)\nprint(tok.decode(out[0]))",
    "import matplotlib.pyplot as plt\nplt.plot([p.numel() for p in model.parameters()][:50])\nplt.show()",
]
NOTEBOOK_LEGACY = (
    "import requests\n\nAPI_URL = 'https://api-inference.huggingface.co/models/{model}'\n"
    "headers = {{'Authorization': f'Bearer {{HF_TOKEN}}'}}\n"
    "requests.post(API_URL, headers=headers, json={{'inputs': 'hi'}})"
)


def cookbook_notebook(rng: random.Random, index: int, legacy: bool) -> str:
    cells = []
    for number in range(rng.randint(12, 30)):
        if number % 3 == 0:
            cells.append(
                {"cell_type": "markdown", "metadata": {}, "source": _fill(rng.choice(NOTEBOOK_PROSE), rng, index)}
            )
            continue
        source = _fill(rng.choice(NOTEBOOK_CODE), rng, index * 100 + number)
        output = {
            "output_type": "stream",
            "name": "stdout",
            "text": [f"step {n}: loss {rng.random():.4f} (use_cache=False, nvidia A100)\n" for n in range(40)],
        }
        cells.append(
            {
                "cell_type": "code",
                "execution_count": number,
                "metadata": {},
                "outputs": [output],
                "source": source.splitlines(keepends=True),
            }
        )
    if legacy:
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": _fill(NOTEBOOK_LEGACY, rng, index).splitlines(keepends=True),
            }
        )
    return json.dumps(
        {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


LIBRARY_BLOCKS = [
    '''

def chat_{name}(prompt: str, model: str = "{model}", provider: str = "auto") -> str:
    """One chat turn through the Inference Providers router (InferenceClient.chat_completion)."""
    client = InferenceClient(model=model, provider=provider, token=os.environ.get("HF_TOKEN"))
    messages = [{{"role": "system", "content": "You are {name}."}}, {{"role": "user", "content": prompt}}]
    response = client.chat_completion(messages=messages, max_tokens={n}, temperature=0.{n2})
    return response.choices[0].message.content
''',
    '''

class {Name}Client:
    """A thin wrapper around InferenceClient / AsyncInferenceClient with retries and a default model."""

    def __init__(self, model: str = "{model}", timeout: float = 30.0):
        self.client = InferenceClient(model=model, timeout=timeout)
        self.async_client = AsyncInferenceClient(model=model, timeout=timeout)

    def generate(self, prompt: str, **parameters: Any) -> str:
        return self.client.text_generation(prompt, max_new_tokens=parameters.get("max_new_tokens", {n}))

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [self.client.feature_extraction(text).tolist() for text in texts]

    async def agenerate(self, prompt: str) -> str:
        return await self.async_client.text_generation(prompt, max_new_tokens={n})
''',
    '''

def create_{name}_routes(app, client: InferenceClient):
    """FastAPI routes in front of an InferenceClient."""

    @app.post("/v1/{name}/chat")
    def chat(body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages", [])
        out = client.chat_completion(messages=messages, model=body.get("model", "{model}"))
        return {{"content": out.choices[0].message.content, "usage": dict(out.usage or {{}})}}

    @app.get("/v1/{name}/models")
    def models() -> list[str]:
        return ["{model}"]
''',
]
LIBRARY_HEADER = '''"""{title}: helpers around huggingface_hub.InferenceClient (https://huggingface.co/docs/huggingface_hub)."""

from __future__ import annotations

import os
from typing import Any

from huggingface_hub import AsyncInferenceClient, InferenceClient
'''
LIBRARY_LEGACY = """

def raw_{name}(payload: dict[str, Any]) -> bytes:
    client = InferenceClient(model="{model}")
    return client.post(json=payload, task="text-generation")
"""


def library_module(rng: random.Random, index: int, legacy: bool) -> str:
    parts = [_fill(LIBRARY_HEADER, rng, index)]
    for number in range(rng.randint(4, 12)):
        parts.append(_fill(rng.choice(LIBRARY_BLOCKS), rng, index * 100 + number))
    if legacy:
        parts.append(_fill(LIBRARY_LEGACY, rng, index))
    return "".join(parts)


def build_shaped_tree(root: Path, count: int, legacy: int, make, suffix: str, seed: int) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    legacy_indexes = set(rng.sample(range(count), legacy))
    for index in range(count):
        folder = root / f"part{index // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"item_{index}{suffix}").write_text(make(rng, index, index in legacy_indexes), encoding="utf-8")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def paired_medians(commands: dict[str, tuple[list[str], tuple[int, ...]]], runs: int) -> dict[str, float]:
    """Each command once to warm up, then ``runs`` rounds of every command back to back; the median of each."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for attempt in range(runs + 1):
        for label, (command, ok) in commands.items():
            start = time.perf_counter()
            completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - start
            if completed.returncode not in ok:
                sys.exit(f"{' '.join(command)} exited {completed.returncode}: {completed.stderr.decode()[:500]}")
            if attempt:
                times[label].append(elapsed)
    return {label: statistics.median(values) for label, values in times.items()}


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does for an installed copy. An editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 (set on the development machine) would recompile every module on every run, about
    as long as pyupgrade's whole run, which its installed copy never does."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "hfmigrate"), quiet=1)


def hfmigrate_command() -> str:
    script = Path(sys.executable).parent / "hfmigrate"
    found = str(script) if script.exists() else shutil.which("hfmigrate")
    if not found:
        sys.exit("the hfmigrate console script is not installed next to this interpreter (pip install -e .)")
    return found


# The floor for any scan written in Python: start the interpreter, walk the tree with os.scandir and read every file
# (one substring test per file). No Python scanner can be faster than this; it shows how much of grep's 5x is left.
FLOOR = """
import os, sys
def files(folder):
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from files(entry.path)
            elif entry.is_file(follow_symlinks=False):
                yield entry.path
found = 0
for path in files(sys.argv[1]):
    with open(path, "rb") as handle:
        found += b"api-inference" in handle.read()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="where to build the trees")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the trees even if they exist")
    parser.add_argument("--runs", type=int, default=5, help="paired timed runs per measurement (median shown)")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="also a checkout of yours (repeatable)")
    args = parser.parse_args()

    trees = {name: args.root / name for name in ("legacy", "clean", "notebooks", "library")}
    if args.rebuild or not all(tree.exists() for tree in trees.values()):
        print(f"building trees under {args.root} ...", flush=True)
        build_tree(trees["legacy"], LEGACY_PYTHON, LEGACY_USAGES, NOTEBOOKS, TEXT_FILES, seed=1)
        build_tree(trees["clean"], CLEAN_PYTHON, 0, 0, 0, seed=2)
        build_shaped_tree(trees["notebooks"], 600, LEGACY_USAGES, cookbook_notebook, ".ipynb", seed=3)
        build_shaped_tree(trees["library"], 1500, LEGACY_USAGES, library_module, ".py", seed=4)
    one_clean = trees["clean"] / "pkg00" / "sub0" / "module_0.py"
    one_legacy = args.root / "one_legacy.py"
    one_legacy.write_text(
        one_clean.read_text(encoding="utf-8") + 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n',
        encoding="utf-8",
    )

    hfmigrate = hfmigrate_command()
    compile_package()
    scan = [hfmigrate, "scan", "--format", "json", "-o", os.devnull]
    commands: dict[str, tuple[list[str], tuple[int, ...]]] = {}
    checkouts = {f"{tree.name} checkout": tree.resolve() for tree in args.tree}
    for name in ("legacy", "notebooks", "library", *checkouts):
        tree, scan_ok = (trees[name], (1,)) if name in trees else (checkouts[name], (0, 1))
        commands[f"grep {name}"] = (["grep", "-rl", "api-inference", str(tree)], (0, 1))
        commands[f"scan {name}"] = ([*scan, str(tree)], scan_ok)
        commands[f"floor {name}"] = ([sys.executable, "-c", FLOOR, str(tree)], (0,))
    commands["scan clean"] = ([*scan, str(trees["clean"])], (0,))
    commands["python -c pass"] = ([sys.executable, "-c", "pass"], (0,))
    commands["scan one clean file"] = ([*scan, str(one_clean)], (0,))
    commands["scan one legacy file"] = ([*scan, str(one_legacy)], (1,))
    pyupgrade = Path(sys.executable).parent / "pyupgrade"
    if pyupgrade.exists():
        commands["pyupgrade one clean file"] = ([str(pyupgrade), str(one_clean)], (0, 1))
        commands["pyupgrade one legacy file"] = ([str(pyupgrade), str(one_legacy)], (0, 1))
    before = load_average()
    times = paired_medians(commands, args.runs)
    print(
        f"\nmedian of {args.runs} paired runs, wall time; load average {before} before, {load_average()} after "
        f"({os.cpu_count()} CPUs)"
    )
    for name in ("legacy", "notebooks", "library", *checkouts):
        files = sum(1 for p in (trees.get(name) or checkouts[name]).rglob("*") if p.is_file())
        grep, scanned, floor = times[f"grep {name}"], times[f"scan {name}"], times[f"floor {name}"]
        ratio = scanned / grep
        label = f"{name}{'' if name in checkouts else ' tree'} ({files} files)"
        print(
            f"  {label:<34} grep {grep * 1000:6.0f} ms  scan {scanned * 1000:6.0f} ms  "
            f"{ratio:5.1f}x  (goal <= 5x) {'met' if ratio <= 5 else 'NOT MET'}; "
            f"Python floor {floor * 1000:4.0f} ms = {floor / grep:4.1f}x grep"
        )
    start_up = times["scan one clean file"]
    print(
        f"  (hfmigrate's own start-up, a scan of one clean file, is {start_up * 1000:.0f} ms: 5x grep is below it "
        f"wherever grep takes under {start_up * 200:.0f} ms)"
    )
    clean = times["scan clean"]
    met = "met" if clean < 0.5 else "NOT MET"
    print(f"  {'clean tree (2000 .py)':<34} scan {clean * 1000:6.0f} ms  (goal < 500 ms) {met}")
    print(f"  {'python -c pass':<34} {times['python -c pass'] * 1000:6.0f} ms")
    for kind in ("clean", "legacy"):
        ours = times[f"scan one {kind} file"]
        line = f"  {'scan one ' + kind + ' file':<34} {ours * 1000:6.0f} ms"
        theirs = times.get(f"pyupgrade one {kind} file")
        if theirs:
            ratio = ours / theirs
            met = "met" if ratio <= 1.5 else "NOT MET"
            line += f"  pyupgrade {theirs * 1000:6.0f} ms  {ratio:4.2f}x  (goal <= 1.5x) {met}"
        print(line)


if __name__ == "__main__":
    main()
