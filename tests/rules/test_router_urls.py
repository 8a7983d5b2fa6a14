"""HFM601-HFM606, HFM608 (hfmigrate/rules/router_urls.py): router URL forms that do not work today."""

from hfmigrate import urls
from hfmigrate.engine.kinds import Applied
from tests.rules.spec import codes, noop, reported, transformed

R = "https://router.huggingface.co"


# --- HFM601 ROUTER/models/{id} ----------------------------------------------------------------------------------


def test_transformed_models_path_to_hf_inference():
    transformed(
        f'API_URL = "{R}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"\n',
        f'API_URL = "{R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"\n',
    )


def test_transformed_models_prefix_joined_with_the_id():
    transformed(f'url = "{R}/models/" + model_id\n', f'url = "{R}/hf-inference/models/" + model_id\n')


def test_transformed_an_llm_behind_models_path_gets_a_marker_not_hf_inference():
    transformed(
        f'URL = "{R}/models/meta-llama/Llama-3.1-8B-Instruct"\n',
        "# hfmigrate: TODO(HFM601): meta-llama/Llama-3.1-8B-Instruct is an LLM, which hf-inference does not serve: "
        f'POST {R}/v1/chat/completions with "model": "meta-llama/Llama-3.1-8B-Instruct" and "messages" instead of this payload\n'
        f'URL = "{R}/models/meta-llama/Llama-3.1-8B-Instruct"\n',
    )


# --- HFM602 / HFM603 pipeline paths -----------------------------------------------------------------------------


def test_transformed_router_pipeline_path_moves_the_task_after_the_id_in_an_fstring():
    transformed(
        f'url = f"{R}/pipeline/feature-extraction/{{model_id}}"\n',
        f'url = f"{R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"\n',
    )


def test_transformed_dead_hf_inference_pipeline_route():
    transformed(
        f'u = "{R}/hf-inference/pipeline/sentence-similarity/BAAI/bge-small-en-v1.5"\n',
        f'u = "{R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/sentence-similarity"\n',
    )


def test_transformed_other_tasks_use_the_model_route():
    transformed(
        f'u = "{R}/hf-inference/pipeline/text-classification/{{}}".format(m)\n',
        f'u = "{R}/hf-inference/models/{{}}".format(m)\n',
    )


# --- HFM604 ROUTER/v1/embeddings --------------------------------------------------------------------------------


def test_root_embeddings_is_reported_and_marked_never_guessed():
    [finding] = reported(f'E = "{R}/v1/embeddings"\n', "HFM604")
    assert "scaleway/v1/embeddings" in finding.message and "feature-extraction" in finding.message
    source = f'E = "{R}/v1/embeddings"\n'
    from tests.rules.spec import rewrite

    result, applied = rewrite(source)
    assert result.endswith(source) and result.startswith("# hfmigrate: TODO(HFM604): use a provider's embeddings route")
    assert applied == {Applied.marker("HFM604"): 1}


# --- HFM605 / HFM606: the model moves to the body ---------------------------------------------------------------


def test_transformed_hf_inference_chat_route_model_moves_into_the_json_body():
    transformed(
        f'r = requests.post("{R}/hf-inference/models/Qwen/Qwen2.5-7B-Instruct/v1/chat/completions", json={{"messages": msgs}})\n',
        f'r = requests.post("{R}/v1/chat/completions", json={{"model": "Qwen/Qwen2.5-7B-Instruct", "messages": msgs}})\n',
    )


def test_transformed_model_in_v1_path_fstring_part_moves_into_the_body_as_an_expression():
    transformed(
        f'r = requests.post(f"{R}/v1/{{model}}/chat/completions", headers=h, json={{"messages": msgs}})\n',
        f'r = requests.post("{R}/v1/chat/completions", headers=h, json={{"model": model, "messages": msgs}})\n',  # no f left
    )


def test_transformed_body_out_of_reach_gets_the_url_and_a_marker():
    transformed(
        f'CHAT = "{R}/hf-inference/models/Qwen/Qwen2.5-7B-Instruct/v1/chat/completions"\n',
        '# hfmigrate: TODO(HFM606): send "model": "Qwen/Qwen2.5-7B-Instruct" in the request body (the URL no longer names it)\n'
        f'CHAT = "{R}/v1/chat/completions"\n',
    )


def test_transformed_openai_base_url_on_hf_inference():
    transformed(
        f'client = OpenAI(base_url="{R}/hf-inference/models/Qwen/Qwen2.5-7B-Instruct/v1", api_key=t)\n',
        '# hfmigrate: TODO(HFM606): send "model": "Qwen/Qwen2.5-7B-Instruct" in the request body (the URL no longer names it)\n'
        f'client = OpenAI(base_url="{R}/v1", api_key=t)\n',
    )


def test_noop_body_that_already_names_the_model_is_kept():
    source = f'r = requests.post("{R}/v1/chat/completions", json={{"model": "m", "messages": msgs}})\n'
    noop(source)


# --- HFM608 the retired Hub proxy -------------------------------------------------------------------------------


def test_transformed_inference_proxy_to_the_providers_router_route():
    transformed(
        'u = "https://huggingface.co/api/inference-proxy/together/v1/chat/completions"\n',
        f'u = "{R}/together/v1/chat/completions"\n',
    )


# --- text files and prose ---------------------------------------------------------------------------------------


def test_transformed_in_javascript():
    transformed(
        f'const url = `{R}/models/${{model}}`;\nconst e = "{R}/hf-inference/pipeline/feature-extraction/${{MODEL}}";\n',
        f'const url = `{R}/hf-inference/models/${{model}}`;\nconst e = "{R}/hf-inference/models/${{MODEL}}/pipeline/feature-extraction";\n',
        path="app.js",
    )


def test_transformed_in_shell_with_a_marker_for_the_body():
    transformed(
        f'curl -X POST {R}/hf-inference/models/$MODEL/v1/chat/completions -d "$BODY"\n',
        '# hfmigrate: TODO(HFM606): send "model": "$MODEL" in the request body (the URL no longer names it)\n'
        f'curl -X POST {R}/v1/chat/completions -d "$BODY"\n',
        path="run.sh",
    )


def test_transformed_in_markdown_prose():
    transformed(
        f"POST to {R}/pipeline/feature-extraction/BAAI/bge-m3.\n",
        f"POST to {R}/hf-inference/models/BAAI/bge-m3/pipeline/feature-extraction.\n",
        path="README.md",
    )


def test_a_url_inside_longer_python_text_is_reported_not_edited():
    source = f'"""Calls {R}/models/gpt2 for labels."""\n'
    [finding] = [f for f in reported(source, "HFM601")]
    assert finding.line == 1


# --- what works today is left alone -----------------------------------------------------------------------------


def test_noop_on_every_route_that_works():
    noop(
        f'a = "{R}/v1/chat/completions"\n'
        f'b = "{R}/v1"\n'
        f'c = "{R}/v1/models/meta-llama/Llama-3.1-8B-Instruct"\n'
        f'd = "{R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction"\n'
        f'e = "{R}/together/v1/chat/completions"\n'
        f'f = "{R}/hf-inference/models/distilbert/distilbert-base-uncased"\n'
        f'g = "{R}/v1/responses"\n'
        'h = "https://huggingface.co/api/models/gpt2"\n'
        'i = b"https://router.huggingface.co/models/gpt2"\n'
    )
    assert codes('x = "https://myrouter.huggingface.co/models/gpt2"\n') == set()


def test_classify_router_url_is_pure_and_keeps_template_parts():
    broken = urls.classify_router_url(f"{R}/hf-inference/pipeline/feature-extraction/{{model}}")
    assert broken is not None and broken.problem is urls.RouterProblem.HF_INFERENCE_PIPELINE
    assert broken.fixed == f"{R}/hf-inference/models/{{model}}/pipeline/feature-extraction"
    assert (
        urls.classify_router_url("router.huggingface.co/models/gpt2").fixed
        == "router.huggingface.co/hf-inference/models/gpt2"
    )
    assert urls.classify_router_url(f"{R}/v1/chat/completions") is None


# --- a router constant joined in an f-string --------------------------------------------------------------------


def test_transformed_constant_join_edits_the_fstring_and_keeps_the_constant():
    transformed(
        'ROUTER = "https://router.huggingface.co"\n\ndef url(model):\n    return f"{ROUTER}/models/{model}"\n',
        'ROUTER = "https://router.huggingface.co"\n\ndef url(model):\n    return f"{ROUTER}/hf-inference/models/{model}"\n',
    )


def test_transformed_constant_join_on_the_hf_inference_prefix_moves_the_task():
    transformed(
        'HF = "https://router.huggingface.co/hf-inference"\nu = f"{HF}/pipeline/feature-extraction/{m}"\n',
        'HF = "https://router.huggingface.co/hf-inference"\nu = f"{HF}/models/{m}/pipeline/feature-extraction"\n',
    )


def test_transformed_constant_join_chat_route_with_the_body_in_reach():
    transformed(
        'import requests\nR = "https://router.huggingface.co"\n'
        'requests.post(f"{R}/hf-inference/models/{m}/v1/chat/completions", json={"messages": msgs})\n',
        'import requests\nR = "https://router.huggingface.co"\n'
        'requests.post(f"{R}/v1/chat/completions", json={"model": m, "messages": msgs})\n',
    )


def test_noop_constant_bound_twice_or_not_a_router_url():
    noop('R = "https://router.huggingface.co"\nR = other\nu = f"{R}/models/{m}"\n')
    noop('R = "https://example.com"\nu = f"{R}/models/{m}"\nrouter = "router.huggingface.co"\n')
    noop('R = "https://router.huggingface.co"\nu = f"{R}/v1/chat/completions"\n')


def test_noop_a_local_or_parameter_of_the_constant_s_name_is_not_the_constant():
    """Before, the join was judged with the module's value: a URL on a local server got HFM603 (and rewrite, after
    moving a legacy BASE to the hf-inference prefix, left a marker on a join it had rightly not touched)."""
    noop(
        'ROUTER = "https://router.huggingface.co"\n\ndef local():\n    ROUTER = "http://localhost:8080"\n'
        '    return f"{ROUTER}/models/{m}"\n\ndef given(ROUTER):\n    return f"{ROUTER}/models/{m}"\n'
    )
    transformed(  # a local elsewhere hides nothing here
        'ROUTER = "https://router.huggingface.co"\n\ndef local():\n    ROUTER = 1\n\nu = f"{ROUTER}/models/{m}"\n',
        'ROUTER = "https://router.huggingface.co"\n\ndef local():\n    ROUTER = 1\n\n'
        'u = f"{ROUTER}/hf-inference/models/{m}"\n',
    )


def test_an_ignore_comment_keeps_the_url_in_scan_and_rewrite(tmp_path):
    from hfmigrate.scan import scan_paths
    from tests.rules.spec import rewrite

    for name, line in (
        ("a.py", f'U = "{R}/models/gpt2"  # hfmigrate: ignore[HFM601]\n'),
        ("a.js", f'const u = "{R}/models/gpt2"; // hfmigrate: ignore[HFM601]\n'),
    ):
        assert rewrite(line, name)[0] == line
        (tmp_path / name).write_text(line)
    assert not scan_paths([tmp_path]).findings


def test_embeddings_through_an_openai_client_on_the_router_root_is_marked():
    source = (
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="https://router.huggingface.co/v1", api_key=TOKEN)\n'
        'vectors = client.embeddings.create(model="BAAI/bge-m3", input=texts)\n'
    )
    [finding] = reported(source, "HFM604")
    assert finding.line == 3
    from tests.rules.spec import rewrite

    result, applied = rewrite(source)
    assert applied == {Applied.marker("HFM604"): 1} and result.splitlines()[2].startswith("# hfmigrate: TODO(HFM604):")


def test_noop_embeddings_on_a_provider_route_or_another_client():
    noop(
        "from openai import OpenAI\n"
        'together = OpenAI(base_url="https://router.huggingface.co/together/v1", api_key=TOKEN)\n'
        'together.embeddings.create(model="BAAI/bge-m3", input=texts)\n'
        'openai = OpenAI()\nopenai.embeddings.create(model="text-embedding-3-small", input=texts)\n'
    )
    assert "HFM604" not in codes(
        "from openai import OpenAI\n"
        'chat = OpenAI(base_url="https://router.huggingface.co/v1")\nchat.chat.completions.create(model="m", messages=m)\n'
    )


def test_other_openai_routes_under_v1_are_not_taken_for_a_model_id():
    for path in ("audio/transcriptions", "images/generations", "moderations"):
        assert urls.classify_router_url(f"{R}/v1/{path}") is None
    assert urls.classify_router_url(f"{R}/v1/Qwen/Qwen2.5-7B-Instruct").fixed == f"{R}/v1"  # a base_url


def test_a_model_constant_in_the_fstring_decides_llm_or_not():
    marked = 'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\nURL = f"https://router.huggingface.co/models/{MODEL}"\n'
    from tests.rules.spec import rewrite

    result, applied = rewrite(marked)
    assert applied == {Applied.marker("HFM601"): 1} and 'f"https://router.huggingface.co/models/{MODEL}"' in result
    transformed(
        'MODEL = "BAAI/bge-small-en-v1.5"\nURL = f"https://router.huggingface.co/models/{MODEL}"\n',
        'MODEL = "BAAI/bge-small-en-v1.5"\nURL = f"https://router.huggingface.co/hf-inference/models/{MODEL}"\n',
    )
