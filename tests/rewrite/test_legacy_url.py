from tests.rewrite.helpers import constant, noop, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"


def test_model_literal_goes_to_hf_inference():
    transformed(
        f'API_URL = "{L}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"\n',
        f'API_URL = "{R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"\n',
    )


def test_fstring_keeps_the_model_expression_as_written():
    transformed(
        f'url = f"{L}/models/{{cfg.image_model}}"\nother = f"{L}/models/{{payload[\'model\']!s}}"\n',
        f'url = f"{R}/hf-inference/models/{{cfg.image_model}}"\nother = f"{R}/hf-inference/models/{{payload[\'model\']!s}}"\n',
    )


def test_concatenation_and_format_keep_their_shape():
    transformed(
        f'a = "{L}/models/" + model_id\nb = "{L}/models/{{}}".format(name)\n',
        f'a = "{R}/hf-inference/models/" + model_id\nb = "{R}/hf-inference/models/{{}}".format(name)\n',
    )


def test_string_split_over_lines_keeps_its_layout():
    transformed(
        f'URL = (\n    "{L}"\n    "/models/gpt2"\n)\n',
        f'URL = (\n    "{R}/hf-inference"\n    "/models/gpt2"\n)\n',
    )


def test_single_quotes_and_prefixes_are_kept():
    transformed(
        f"u = '{L}/models/gpt2'\nv = r'{L}/models/gpt2'\n",
        f"u = '{R}/hf-inference/models/gpt2'\nv = r'{R}/hf-inference/models/gpt2'\n",
    )


def test_pipeline_feature_extraction_moves_the_task_after_the_id():
    transformed(
        f'url = f"{L}/pipeline/feature-extraction/{{model_id}}"\n',
        f'url = f"{R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"\n',
    )


def test_pipeline_other_task_drops_the_task():
    transformed(f'url = "{L}/pipeline/text-classification/org/model"\n', f'url = "{R}/hf-inference/models/org/model"\n')


def test_pipeline_concatenation_becomes_an_fstring():
    transformed(
        f'url = "{L}/pipeline/sentence-similarity/" + model\n',
        f'url = f"{R}/hf-inference/models/{{model}}/pipeline/sentence-similarity"\n',
    )


def test_openai_base_url():
    transformed(
        f'client = OpenAI(base_url="{L}/v1/", api_key=key)\n',
        f'client = OpenAI(base_url="{R}/v1/", api_key=key)\n',
    )


def test_per_model_chat_url_moves_to_v1_and_says_where_the_model_goes():
    transformed(
        f'client = OpenAI(base_url="{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/")\n',
        "# hfmigrate: TODO(HFM103): the router takes the model in the request body: send model='meta-llama/Llama-3.1-8B-Instruct'\n"
        f'client = OpenAI(base_url="{R}/v1/")\n',
    )


def test_bare_host_constant_and_env_default_used_by_visible_joins():
    joins = 'a = f"{BASE}/models/{m}"\nb = API + "/models/" + m\nc = MODELS + m\n'
    transformed(
        f'BASE = "{L}"\nAPI = os.environ.get("HF_INFERENCE_ENDPOINT", "{L}")\nMODELS = "{L}/models/"\n' + joins,
        f'BASE = "{R}/hf-inference"\nAPI = os.environ.get("HF_INFERENCE_ENDPOINT", "{R}/hf-inference")\nMODELS = "{R}/hf-inference/models/"\n'
        + joins,
    )


def test_qa_a_host_constant_with_no_visible_use_or_an_attribute_use_keeps_its_value_and_is_marked():
    marker = (
        "# hfmigrate: TODO(HFM105): no use of this prefix that rewrite can follow was found (an attribute, another "
        "project): rewrite the URLs built from it, then this constant, by hand\n"
    )
    transformed(f'BASE = "{L}"\n', marker + f'BASE = "{L}"\n')
    transformed(
        f'class Endpoints:\n    ROOT = "{L}"\n\nurl = Endpoints.ROOT + "/pipeline/feature-extraction/" + m\n',
        "class Endpoints:\n    "
        + marker
        + f'    ROOT = "{L}"\n\nurl = Endpoints.ROOT + "/pipeline/feature-extraction/" + m\n',
    )


def test_join_on_a_rewritten_constant_is_left_alone_when_it_appends_models():
    noop('url = f"{HF_API_BASE}/models/{model}"\n', constants=(constant("config", "HF_API_BASE", L),))


def test_pipeline_join_on_a_constant_from_another_module_is_rewritten_relative_to_it():
    transformed(
        'from config import HF_API_BASE\nurl = f"{HF_API_BASE}/pipeline/feature-extraction/{model}"\n',
        'from config import HF_API_BASE\nurl = f"{HF_API_BASE}/models/{model}/pipeline/feature-extraction"\n',
        constants=(constant("config", "HF_API_BASE", L),),
    )


def test_status_gets_a_marker_and_is_not_rewritten():
    transformed(
        f'def status(m):\n    return requests.get(f"{L}/status/{{m}}")\n',
        "def status(m):\n"
        "    # hfmigrate: TODO(HFM104): no router equivalent: ask the Hub, GET https://huggingface.co/api/models/{m}?expand[]=inference\n"
        f'    return requests.get(f"{L}/status/{{m}}")\n',
    )


def test_model_map_replaces_literal_ids():
    transformed(
        f'u = "{L}/models/gpt2"\n',
        f'u = "{R}/hf-inference/models/openai-community/gpt2"\n',
        models={"gpt2": "openai-community/gpt2"},
    )


def test_near_misses_are_noops():  # (hf-inference's chat route is HFM606 now: tests/rules/test_router_urls.py)
    noop(
        'a = "https://internal.api-inference.huggingface.co/models/x"\n'
        'b = "https://huggingface.co/docs/api-inference/detailed_parameters"\n'
        'c = "https://xyz.us-east-1.aws.endpoints.huggingface.cloud"\n'
        f'd = "{R}/hf-inference/models/x"\n'
        f'e = "{R}/together/v1"\n'
    )


def test_regex_escaped_host_in_a_mock_is_not_rewritten_only_marked():
    transformed(
        'PATTERN = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n',
        "# hfmigrate: TODO(HFM106): Legacy host inside a regular expression or pattern; see `hfmigrate rules HFM106`\n"
        'PATTERN = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n',
    )


def test_suppression_comment_keeps_the_line():
    noop(f'url = "{L}/models/gpt2"  # hfmigrate: ignore\n')


def test_an_ignore_comment_on_its_own_line_does_not_stop_the_rewrite_of_the_next_statement():
    """As scan reads it (fixtures/rules/suppression.py): same line only. rewrite used to read the comments above a
    statement as its lines, skipped the edit, and the leftover pass marked a finding scan called fixable."""
    transformed(
        f'A = "{L}/models/gpt2"\n\n# hfmigrate: ignore\nB = "{L}/models/gpt2"\n',
        f'A = "{R}/hf-inference/models/gpt2"\n\n# hfmigrate: ignore\nB = "{R}/hf-inference/models/gpt2"\n',
    )


def test_deselected_code_is_not_applied():
    from hfmigrate import rules

    noop(f'url = "{L}/models/gpt2"\n', enabled_codes=frozenset(rules.BY_CODE) - {"HFM101"})


def test_string_surgery_from_models_to_pipeline_becomes_an_append():
    transformed(
        f'API_URL = "{L}/models/sentence-transformers/all-MiniLM-L6-v2"\n'
        'EMBED_URL = API_URL.replace("/models", "/pipeline/feature-extraction")\n'
        'CLASSIFY_URL = API_URL.replace("/models/", "/pipeline/text-classification/")\n',
        f'API_URL = "{R}/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2"\n'
        'EMBED_URL = API_URL + "/pipeline/feature-extraction"\n'
        "CLASSIFY_URL = API_URL\n",
    )


def test_other_path_surgery_on_a_legacy_url_is_marked_and_a_model_swap_is_not():
    transformed(
        f'API_URL = "{L}/models/gpt2"\nOTHER = API_URL.replace("/models/", "/status/")\nSWAP = API_URL.replace("gpt2", "distilgpt2")\n',
        f'API_URL = "{R}/hf-inference/models/gpt2"\n'
        "# hfmigrate: TODO(HFM102): string surgery on a legacy URL: the router puts the task after the id\n"
        'OTHER = API_URL.replace("/models/", "/status/")\nSWAP = API_URL.replace("gpt2", "distilgpt2")\n',
    )


def test_framework_and_info_endpoints_are_marked():
    transformed(
        f'a = requests.get("{L}/framework/pytorch")\nb = requests.get(f"{L}/models/{{m}}/info")\n',
        "# hfmigrate: TODO(HFM104): no router equivalent: list served models with GET "
        "https://huggingface.co/api/models?inference_provider=all\n"
        f'a = requests.get("{L}/framework/pytorch")\n'
        "# hfmigrate: TODO(HFM104): no router equivalent: TGI server info is not exposed by the router\n"
        f'b = requests.get(f"{L}/models/{{m}}/info")\n',
    )


def test_direct_chat_completions_url_on_the_legacy_v1_base():
    transformed(
        f'r = requests.post("{L}/v1/chat/completions", json=body)\n',
        f'r = requests.post("{R}/v1/chat/completions", json=body)\n',
    )


def test_qa_dynamic_pipeline_task_keeps_its_place_after_the_id():
    transformed(
        f'HF_API_URL = "{L}"\n\ndef embed(task, model):\n    return f"{{HF_API_URL}}/pipeline/{{task}}/{{model}}"\n',
        f'HF_API_URL = "{R}/hf-inference"\n\ndef embed(task, model):\n    return f"{{HF_API_URL}}/models/{{model}}/pipeline/{{task}}"\n',
    )


def test_qa_surgery_on_a_prefix_constant_is_marked():
    transformed(
        f'base = "{L}/models"\n\ndef embed(model):\n    return base.replace("/models", "/pipeline/feature-extraction") + "/" + model\n',
        f'base = "{R}/hf-inference/models"\n\ndef embed(model):\n'
        "    # hfmigrate: TODO(HFM102): string surgery on a legacy URL: the router puts the task after the id\n"
        '    return base.replace("/models", "/pipeline/feature-extraction") + "/" + model\n',
    )


def test_qa_a_get_on_the_model_url_reads_metadata_and_is_marked_not_rewritten():
    transformed(
        f'def task(m):\n    return requests.get(f"{L}/models/{{m}}").json()["pipeline_tag"]\n',
        "def task(m):\n"
        "    # hfmigrate: TODO(HFM101): a GET on the model URL read its metadata: no router equivalent; ask the Hub, "
        "GET https://huggingface.co/api/models/{m}\n"
        f'    return requests.get(f"{L}/models/{{m}}").json()["pipeline_tag"]\n',
    )


def test_suppression_names_codes_an_ignore_for_another_code_does_not_stop_the_rewrite():
    transformed(
        f'url = "{L}/models/gpt2"  # hfmigrate: ignore[HFM201]\n',
        f'url = "{R}/hf-inference/models/gpt2"  # hfmigrate: ignore[HFM201]\n',
    )


def test_qa_a_v1_join_on_an_unsafe_constant_becomes_a_plain_string():
    transformed(
        'from config import HF_BASE\nclient = OpenAI(base_url=HF_BASE + "/v1/")\n',
        f'from config import HF_BASE\nclient = OpenAI(base_url="{R}/v1/")\n',
        constants=(constant("config", "HF_BASE", L, safe=False),),
    )
