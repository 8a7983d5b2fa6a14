"""The fix a Python legacy URL's finding carries (hfmigrate/rules/legacy_urls_fix.py): rewrite plans it from the
finding (a PlannedEdit), no longer from its own walk over the module's strings."""

from hfmigrate.engine.rule_api import Fix, PlannedEdit
from hfmigrate.scan.python_jobs import parse_and_scan
from tests.rules.spec import noop, rewrite, scan, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"


def test_transformed_a_per_model_chat_url_becomes_chat_completions_and_says_where_the_model_goes():
    transformed(
        f'import requests\nrequests.post("{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions", json=b)\n',
        "import requests\n# hfmigrate: TODO(HFM103): the router takes the model in the request body: "
        "send model='meta-llama/Llama-3.1-8B-Instruct'\n"
        f'requests.post("{R}/v1/chat/completions", json=b)\n',
    )


def test_transformed_a_url_a_client_is_built_with_is_the_client_rule_s_and_counted_once():
    transformed(
        f'from huggingface_hub import InferenceClient\nclient = InferenceClient("{L}/models/gpt2")\n',
        'from huggingface_hub import InferenceClient\nclient = InferenceClient("gpt2")\n',
    )


def test_transformed_a_url_with_its_model_as_a_hole_keeps_the_hole():
    transformed(
        f'def query(model_id):\n    return "{L}/models/" + model_id\n',
        f'def query(model_id):\n    return "{R}/hf-inference/models/" + model_id\n',
    )


def test_a_model_url_only_fetched_with_get_is_marked_not_rewritten():
    """Its metadata has no router equivalent: the fix is a marker pointing at the Hub (scan still calls the finding
    fixable: it cannot know the URL is only read with a GET without following the name)."""
    source = f'import requests\nURL = "{L}/models/gpt2"\nrequests.get(URL)\n'
    result, applied = rewrite(source)
    assert result == (
        "import requests\n# hfmigrate: TODO(HFM101): a GET on the model URL read its metadata: no router equivalent; "
        f'ask the Hub, GET https://huggingface.co/api/models/gpt2\nURL = "{L}/models/gpt2"\nrequests.get(URL)\n'
    )
    assert {(key.code, key.is_marker) for key in applied} == {("HFM101", True)}


def test_noop_a_url_deep_in_an_f_string_hole_is_left_to_a_person_by_scan_and_rewrite_alike():
    noop(f"def f(x):\n    return f\"{{x or '{L}/models/gpt2'}}\"\n")
    assert [f.code for f in scan(f"def f(x):\n    return f\"{{x or '{L}/models/gpt2'}}\"\n")] == []


def test_every_whole_url_finding_carries_a_planned_edit_and_only_a_prefix_without_equivalent_is_not_fixable():
    source = f'A = "{L}/models/gpt2"\nB = "{L}"\n'
    scanned = parse_and_scan("m.py", source, ast_first=False)
    assert not isinstance(scanned, str)
    assert [(f.code, f.fixable) for f in scanned.findings] == [("HFM101", True), ("HFM105", True)]
    assert not Fix((PlannedEdit(lambda context: None, changes_code=False),)).changes_code
    assert Fix((PlannedEdit(lambda context: None),)).changes_code


def test_a_prefix_without_router_equivalent_is_not_fixable_and_its_planned_marker_says_why():
    """The marker's wording depends on the uses rewrite found of the prefix (a plan that changes no code)."""
    source = f'import requests\nBASE = "{L}/pipeline/feature-extraction/"\nrequests.post(BASE + model, json=p)\n'
    assert [(f.code, f.fixable) for f in scan(source)] == [("HFM105", False)]
    result, applied = rewrite(source)
    assert result == source.replace(
        "BASE =",
        "# hfmigrate: TODO(HFM105): no use of this prefix that rewrite can follow was found (an attribute, another "
        "project): rewrite the URLs built from it, then this constant, by hand\nBASE =",
    )
    assert {(key.code, key.is_marker) for key in applied} == {("HFM105", True)}


def test_transformed_string_surgery_on_a_model_url_is_part_of_the_url_s_fix_and_becomes_an_append():
    """The finding is at the literal (fixtures/rules/README.md); its fix also turns the surgery into an append,
    since the router puts the task after the id. One finding, one counted edit."""
    transformed(
        f'import requests\nbase = "{L}/models/BAAI/bge-small-en-v1.5"\n'
        'url = base.replace("/models", "/pipeline/feature-extraction")\nrequests.post(url, json=b)\n',
        f'import requests\nbase = "{R}/hf-inference/models/BAAI/bge-small-en-v1.5"\n'
        'url = base + "/pipeline/feature-extraction"\nrequests.post(url, json=b)\n',
    )


def test_transformed_string_surgery_the_router_cannot_follow_is_marked_beside_the_url_s_edit():
    transformed(
        f'URL = "{L}/models/gpt2"\nOTHER = URL.replace("/models/", "/status/")\n',
        f'URL = "{R}/hf-inference/models/gpt2"\n'
        "# hfmigrate: TODO(HFM102): string surgery on a legacy URL: the router puts the task after the id\n"
        'OTHER = URL.replace("/models/", "/status/")\n',
    )


def test_noop_swapping_the_model_id_of_a_router_url_needs_no_surgery_fix():
    noop(f'URL = "{R}/hf-inference/models/gpt2"\nOTHER = URL.replace("gpt2", "distilgpt2")\n')
