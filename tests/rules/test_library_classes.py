"""HFM309-HFM312 (hfmigrate/rules/library_classes.py): library classes that are broken today."""

from pathlib import Path

from hfmigrate.engine.kinds import Applied
from hfmigrate.engine.rule_api import FileKind
from hfmigrate.rules import REGISTRY
from hfmigrate.scan import scan_paths
from tests.rules.spec import codes, noop, reported, rewrite, transformed


def left_after_markers(tmp_path: Path, text: str, name: str = "example.py") -> list[str]:
    """What a real scan reports in a rewritten file besides the markers (they stand for the finding below them)."""
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return [f.code for f in scan_paths([target]).findings if not f.marker]


# --- HFM309: LangChain community classes ------------------------------------------------------------------------


def test_transformed_community_endpoint_import_moves_to_the_partner_package():
    transformed(
        """
        from langchain_community.llms import HuggingFaceEndpoint

        llm = HuggingFaceEndpoint(
            repo_id="HuggingFaceH4/zephyr-7b-beta",
            max_new_tokens=64,
        )
        """,
        """
        from langchain_huggingface import HuggingFaceEndpoint

        llm = HuggingFaceEndpoint(
            repo_id="HuggingFaceH4/zephyr-7b-beta",
            max_new_tokens=64,
        )
        """,
    )


def test_transformed_community_endpoint_with_an_alias_keeps_the_alias():
    transformed(
        "from langchain_community.llms import HuggingFaceEndpoint as Endpoint\nllm = Endpoint(repo_id=m)\n",
        "from langchain_huggingface import HuggingFaceEndpoint as Endpoint\nllm = Endpoint(repo_id=m)\n",
    )


def test_community_endpoint_in_a_mixed_import_is_marked_not_split():
    source = "from langchain_community.llms import HuggingFaceEndpoint, OpenAI\n"
    result, applied = rewrite(source)
    assert result.startswith("# hfmigrate: TODO(HFM309): import HuggingFaceEndpoint from langchain_huggingface")
    assert result.endswith(source) and applied == {Applied.marker("HFM309"): 1}


def test_embeddings_tgi_and_tts_classes_are_reported_with_what_to_use():
    for qualified, advice in [
        ("langchain_community.embeddings.HuggingFaceHubEmbeddings", "HuggingFaceEndpointEmbeddings"),
        ("langchain_community.llms.HuggingFaceTextGenInference", "endpoint_url"),
        ("langchain_community.tools.HuggingFaceTextToSpeechModelInference", "text_to_speech"),
    ]:
        module, name = qualified.rsplit(".", 1)
        (finding,) = reported(f"from {module} import {name}\n", "HFM309")
        assert advice in finding.message


def test_attribute_through_a_module_alias_is_marked():
    (finding,) = reported(
        "import langchain_community.llms as llms\nllm = llms.HuggingFaceEndpoint(repo_id=m)\n", "HFM309"
    )
    assert finding.line == 2


def test_noop_partner_package_and_other_community_classes():
    noop("from langchain_huggingface import HuggingFaceEndpoint, HuggingFaceEndpointEmbeddings\n")
    noop("from langchain_community.llms import OpenAI\nfrom langchain_community.embeddings import OllamaEmbeddings\n")
    assert codes("from langchain_huggingface import HuggingFaceEndpoint\n") == set()


# --- HFM310: smolagents HfApiModel ------------------------------------------------------------------------------


def test_transformed_hfapimodel_import_and_every_use():
    transformed(
        """
        from smolagents import CodeAgent, HfApiModel

        model = HfApiModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct")
        agent = CodeAgent(tools=[], model=model)
        assert isinstance(model, HfApiModel)
        """,
        """
        from smolagents import CodeAgent, InferenceClientModel

        model = InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct")
        agent = CodeAgent(tools=[], model=model)
        assert isinstance(model, InferenceClientModel)
        """,
    )


def test_transformed_hfapimodel_through_the_module_and_an_alias():
    transformed(
        "import smolagents\nmodel = smolagents.HfApiModel()\n",
        "import smolagents\nmodel = smolagents.InferenceClientModel()\n",
    )
    transformed(
        "from smolagents import HfApiModel as Model\nmodel = Model()\n",
        "from smolagents import InferenceClientModel as Model\nmodel = Model()\n",
    )


def test_noop_own_class_named_hfapimodel_and_the_new_name():
    noop("class HfApiModel:\n    pass\n\nmodel = HfApiModel()\n")
    noop("from smolagents import InferenceClientModel\nmodel = InferenceClientModel()\n")


# --- HFM311: LlamaIndex without provider= ------------------------------------------------------------------------


def test_llamaindex_without_provider_is_marked(tmp_path: Path):
    source = (
        "from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI\n"
        'llm = HuggingFaceInferenceAPI(model_name="meta-llama/Llama-3.1-8B-Instruct")\n'
    )
    (finding,) = reported(source, "HFM311")
    assert finding.line == 2
    result, applied = rewrite(source)
    assert "# hfmigrate: TODO(HFM311): pass provider=" in result and applied == {Applied.marker("HFM311"): 1}
    assert left_after_markers(tmp_path, result) == []


def test_noop_llamaindex_with_provider_or_kwargs():
    noop(
        "from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI\n"
        'llm = HuggingFaceInferenceAPI(model_name=m, provider="together")\n'
        "other = HuggingFaceInferenceAPI(**settings)\n"
    )
    assert "HFM311" not in codes(
        "from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI\nllm = HuggingFaceInferenceAPI(model_name=m, provider='auto')\n"
    )


# --- HFM312: class paths in strings -----------------------------------------------------------------------------


def test_transformed_drop_in_paths_in_python_strings():
    transformed(
        'import mock\n\n@mock.patch("smolagents.HfApiModel")\ndef test(m):\n    pass\n',
        'import mock\n\n@mock.patch("smolagents.InferenceClientModel")\ndef test(m):\n    pass\n',
    )


def test_patch_target_of_a_user_module_is_marked(tmp_path: Path):
    source = 'from unittest import mock\n\nwith mock.patch("app.chain.HuggingFaceHub") as hub:\n    run()\n'
    (finding,) = reported(source, "HFM312")
    assert "HuggingFaceHub" in finding.message
    result, _ = rewrite(source)
    assert "# hfmigrate: TODO(HFM312): a string names HuggingFaceHub" in result
    assert left_after_markers(tmp_path, result) == []


def test_transformed_hydra_target_in_yaml():
    transformed(
        "model:\n  _target_: smolagents.HfApiModel\n  model_id: Qwen/Qwen2.5-Coder-32B-Instruct\n",
        "model:\n  _target_: smolagents.InferenceClientModel\n  model_id: Qwen/Qwen2.5-Coder-32B-Instruct\n",
        path="conf/agent.yaml",
    )


def test_hydra_target_of_a_class_without_successor_is_marked_in_yaml(tmp_path: Path):
    source = "llm:\n  _target_: langchain_community.llms.HuggingFaceHub\n  repo_id: gpt2\n"
    (finding,) = reported(source, "HFM312", path="conf/llm.yaml")
    assert finding.line == 2
    result, _ = rewrite(source, path="conf/llm.yaml")
    assert "# hfmigrate: TODO(HFM312)" in result
    assert left_after_markers(tmp_path, result, "conf/llm.yaml") == []


def test_noop_prose_and_fine_classes():
    noop("Replace `langchain_community.llms.HuggingFaceHub` with the endpoint class.\n", path="docs/guide.md")
    noop("_target_: langchain_huggingface.HuggingFaceEndpoint\n", path="conf/llm.yaml")
    noop('target = "llama_index.llms.huggingface_api.HuggingFaceInferenceAPI"\n')
    noop('path = "HuggingFaceHub"\n')  # a bare name is not a dotted path


def test_needles_cover_every_class_for_both_file_kinds():
    for name in (
        b"HfApiModel",
        b"HuggingFaceHubEmbeddings",
        b"HuggingFaceTextGenInference",
        b"HuggingFaceInferenceAPI",
    ):
        assert REGISTRY.may_match(b"from x import " + name, FileKind.PYTHON)
        assert REGISTRY.may_match(b"_target_: x." + name, FileKind.TEXT)
