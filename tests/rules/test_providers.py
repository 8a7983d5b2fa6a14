"""HFM501 (hfmigrate/rules/providers.py): a provider removed from the router gets a marker, never a silent change.
HFM502/HFM503 live in the same module; the catalogue decides them (tests/test_catalog_availability.py)."""

from hfmigrate.rules import REGISTRY
from hfmigrate.rules.providers import DECIDED_BY_THE_CATALOGUE, removed_provider_message
from tests.rules.spec import codes, noop, reported, transformed


def _marker(provider: str, indent: str = "") -> str:
    return f"{indent}# hfmigrate: TODO(HFM501): {removed_provider_message(provider)}\n"


TEXT_MARKER = "hfmigrate: TODO(HFM501): Provider removed from the router; see `hfmigrate rules HFM501`"
HF = "from huggingface_hub import InferenceClient\n"


def test_transformed_keyword_suffix_and_router_path_are_marked_not_changed():
    transformed(
        HF + 'client = InferenceClient(provider="sambanova")\n'
        'model = "meta-llama/Llama-3.3-70B-Instruct:nebius"\n'
        'base = "https://router.huggingface.co/hyperbolic/v1"\n',
        HF
        + _marker("sambanova")
        + 'client = InferenceClient(provider="sambanova")\n'
        + _marker("nebius")
        + 'model = "meta-llama/Llama-3.3-70B-Instruct:nebius"\n'
        + _marker("hyperbolic")
        + 'base = "https://router.huggingface.co/hyperbolic/v1"\n',
    )


def test_transformed_provider_key_of_a_request_body_and_an_indented_call():
    transformed(
        'import requests\n\ndef ask(m):\n    body = {"model": m, "provider": "clarifai"}\n    return requests.post(u, json=body)\n',
        "import requests\n\ndef ask(m):\n"
        + _marker("clarifai", "    ")
        + '    body = {"model": m, "provider": "clarifai"}\n    return requests.post(u, json=body)\n',
    )


def test_transformed_a_router_path_built_by_concatenation_is_judged_whole_and_marked_once():
    found = [f for f in _scan('URL = "https://router.huggingface.co/" "nvidia/v1"\n') if f.code == "HFM501"]
    assert len(found) == 1 and found[0].column == 7
    transformed(
        'URL = "https://router.huggingface.co/" "nvidia/v1"\n',
        _marker("nvidia") + 'URL = "https://router.huggingface.co/" "nvidia/v1"\n',
    )


def test_noop_live_providers_policies_and_model_organisations():
    noop(
        HF + 'c = InferenceClient(provider="together")\nm = "openai/gpt-oss-120b:fastest"\nn = "nvidia/Nemotron-Mini"\n'
    )
    noop('FLUX = "black-forest-labs/FLUX.1-dev"\nROUTE = "https://router.huggingface.co/together/v1"\n')


def test_noop_gpu_and_cloud_vocabulary_outside_hf_inference_code():
    """Behaviour change: rewrite used to mark ``provider="nvidia"`` in any module, while scan reported it only in
    modules that talk to HF inference (then scan reported rewrite's marker). Both now follow scan's gate."""
    source = 'gpus = GpuPool(provider="nvidia", count=8)\ncloud = Cluster(provider="nebius", region="eu")\n'
    noop(source)
    assert "HFM501" not in codes(source)
    assert "HFM501" in codes(HF + source)


def test_reported_in_text_files_with_the_summary_marker():
    js = 'await client.chatCompletion({ model: "meta-llama/Llama-3.3-70B-Instruct:nebius", messages });\n'
    found = reported(js, "HFM501", path="app.js")
    assert found[0].message == removed_provider_message("nebius")
    transformed(js, f"// {TEXT_MARKER}\n{js}", path="app.js")
    transformed(
        'client.textToImage({\n  provider: "black-forest-labs",\n  inputs: prompt,\n});\n',
        f'client.textToImage({{\n  // {TEXT_MARKER}\n  provider: "black-forest-labs",\n  inputs: prompt,\n}});\n',
        path="app.js",
    )
    transformed(
        "curl https://router.huggingface.co/SambaNova/v1/chat/completions -d @body.json\n",
        f"# {TEXT_MARKER}\ncurl https://router.huggingface.co/SambaNova/v1/chat/completions -d @body.json\n",
        path="call.sh",
    )


def test_noop_in_text_files():
    noop('const m = "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF:fastest";\nrun("nvidia-smi");\n', path="app.js")
    noop('{"provider": "together", "model": "black-forest-labs/FLUX.1-dev"}\n', path="config.json")


def test_a_removed_provider_in_json_is_reported_and_left_alone():
    """JSON has no comments: the finding stays for scan (as before)."""
    text = '{"provider": "hyperbolic"}\n'
    reported(text, "HFM501", path="config.json")
    noop_result = _rewrite(text, "config.json")
    assert noop_result == text


def test_the_catalogue_codes_are_declared_here_without_a_check():
    family = next(f for f in REGISTRY.families if f.name == "providers")
    assert DECIDED_BY_THE_CATALOGUE <= family.codes and "HFM501" in family.codes
    marked = "# hfmigrate: TODO(HFM502): gpt2 is not served (no-provider); alternatives: x/y\nURL = u\n"
    assert [(f.code, f.marker) for f in _scan(marked)] == [("HFM502", True)]


def _scan(source: str, path: str = "example.py"):
    from tests.rules.spec import scan

    return scan(source, path)


def _rewrite(source: str, path: str) -> str:
    from tests.rules.spec import rewrite

    return rewrite(source, path)[0]
