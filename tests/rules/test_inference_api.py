"""HFM301 (hfmigrate/rules/inference_api.py): huggingface_hub's removed ``InferenceApi``."""

from hfmigrate.engine.kinds import Applied
from tests.rules.spec import codes, noop, references, reported, rewrite, transformed


def test_transformed_a_summarization_instance_and_its_call():
    transformed(
        """
        from huggingface_hub import InferenceApi

        api = InferenceApi(repo_id="facebook/bart-large-cnn", task="summarization", token=TOKEN)
        out = api(inputs=text)
        """,
        """
        from huggingface_hub import InferenceClient

        api = InferenceClient(model="facebook/bart-large-cnn", token=TOKEN)
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(text)
        """,
    )


def test_transformed_text_generation_on_a_chat_model_becomes_chat_completion_with_its_reads():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi

        LLM_ID = "meta-llama/Llama-3.1-8B-Instruct"
        api = InferenceApi(repo_id=LLM_ID, task="text-generation")
        out = api(inputs="Hi", params={"max_new_tokens": 50})
        print(out[0]["generated_text"])
        """,
        """
        from huggingface_hub import InferenceClient

        LLM_ID = "meta-llama/Llama-3.1-8B-Instruct"
        api = InferenceClient(model=LLM_ID)
        out = api.chat_completion(messages=[{"role": "user", "content": "Hi"}], max_tokens=50)
        print(out.choices[0].message.content)
        """,
    )


def test_transformed_a_temperature_above_the_chat_maximum_is_clamped_with_a_note():
    """Chat completions take a temperature of 0-2 (hf-api.md §5); the legacy API took up to 100. Before, the client
    conversions kept 5.0 (only the POST's chat conversion clamped it) and the call would be refused."""
    transformed(
        """
        from huggingface_hub import InferenceApi

        api = InferenceApi(repo_id="meta-llama/Llama-3.1-8B-Instruct", task="text-generation")
        out = api(inputs="Hi", params={"temperature": 5.0})
        print(out[0]["generated_text"])
        """,
        """
        from huggingface_hub import InferenceClient

        api = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        # hfmigrate: TODO(HFM301): temperature 5.0 clamped to 2 (the chat maximum)
        out = api.chat_completion(messages=[{"role": "user", "content": "Hi"}], temperature=2)
        print(out.choices[0].message.content)
        """,
    )


def test_transformed_an_import_used_only_in_annotations_is_swapped_too():
    """The older rewrite swapped imports only in a module that also built an InferenceApi, while scan called the
    import fixable; the import's own fix now swaps it."""
    transformed(
        """
        from huggingface_hub import InferenceApi


        def run(api: InferenceApi) -> None:
            api.close()
        """,
        """
        from huggingface_hub import InferenceClient


        def run(api: InferenceClient) -> None:
            api.close()
        """,
    )


def test_names_from_the_removed_module_are_reported_and_marked():
    source = "from huggingface_hub.inference_api import ALL_TASKS\nprint(ALL_TASKS)\n"
    found = reported(source, "HFM301")
    assert "huggingface_hub.inference_api.ALL_TASKS" in found[0].message
    result, applied = rewrite(source)
    assert result.startswith("# hfmigrate: TODO(HFM301): `huggingface_hub.InferenceApi`; see `hfmigrate rules HFM301`")
    assert applied == {Applied.marker("HFM301"): 1}


def test_an_instance_called_nowhere_here_is_marked():
    result, applied = rewrite("from huggingface_hub import InferenceApi\nmake = lambda: InferenceApi('gpt2')\n")
    assert "InferenceClient is not callable" in result
    assert applied[Applied("HFM301")] == 2  # the import, the construction


def test_noop_a_local_class_named_inference_api():
    noop("class InferenceApi:\n    pass\n\n\napi = InferenceApi()\nout = api(inputs='x')\n")
    assert "HFM301" not in codes("from mypkg.inference_api import ALL_TASKS\nimport huggingface_hub\n")


def test_transformed_a_mixed_parenthesised_import_keeps_the_other_names_comments_and_layout():
    transformed(
        """
        from huggingface_hub import (
            HfApi,  # the Hub API
            InferenceApi as Legacy,  # retired
        )

        api = Legacy(repo_id="facebook/bart-large-cnn", task="summarization")
        out = api(inputs=text)
        """,
        """
        from huggingface_hub import (
            HfApi,  # the Hub API
        )
        from huggingface_hub import InferenceClient as Legacy

        api = Legacy(model="facebook/bart-large-cnn")
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(text)
        """,
    )


def test_transformed_a_mixed_parenthesised_import_without_trailing_comma_keeps_the_comment_before_the_paren():
    transformed(
        """
        from huggingface_hub import (
            HfApi,  # the Hub API
            InferenceApi as Legacy
        )

        api = Legacy(repo_id="facebook/bart-large-cnn", task="summarization")
        out = api(inputs=text)
        """,
        """
        from huggingface_hub import (
            HfApi,  # the Hub API
        )
        from huggingface_hub import InferenceClient as Legacy

        api = Legacy(model="facebook/bart-large-cnn")
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(text)
        """,
    )


def test_transformed_the_removed_name_first_leaves_the_next_lines_as_written():
    transformed(
        """
        from huggingface_hub import (
            InferenceApi as Legacy,  # retired
            HfApi,  # the Hub API
            hf_hub_download,
        )

        api = Legacy(repo_id="facebook/bart-large-cnn", task="summarization")
        out = api(inputs=text)
        """,
        """
        from huggingface_hub import (
            HfApi,  # the Hub API
            hf_hub_download,
        )
        from huggingface_hub import InferenceClient as Legacy

        api = Legacy(model="facebook/bart-large-cnn")
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(text)
        """,
    )


def test_transformed_a_one_line_mixed_import_drops_only_the_name():
    transformed(
        """
        from huggingface_hub import HfApi, InferenceApi as Legacy  # both

        api = Legacy(repo_id="facebook/bart-large-cnn", task="summarization")
        out = api(inputs=text)
        """,
        """
        from huggingface_hub import HfApi  # both
        from huggingface_hub import InferenceClient as Legacy

        api = Legacy(model="facebook/bart-large-cnn")
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(text)
        """,
    )


# --- the model an instance is built with (check-models --from-code reads it) -----------------------------------


def test_references_the_model_of_a_construction_with_its_task():
    source = """
        from huggingface_hub import InferenceApi as IA

        a = IA(repo_id="gpt2", task="text-generation")
        b = IA("facebook/bart-large-cnn")
        c = IA(repo_id=MODEL)
        """
    assert references(source) == [("gpt2", 4, "text-generation", None), ("facebook/bart-large-cnn", 5, None, None)]


def test_references_nothing_for_a_class_of_another_library():
    assert references('from mylib import InferenceApi\napi = InferenceApi(repo_id="gpt2")\n') == []


def test_references_a_construction_above_its_import():
    """The reference follows the finding: the check sees every import of the module (the older visitor saw only
    those above the call, and reported the finding without its model)."""
    source = """
        def make():
            return InferenceApi(repo_id="gpt2")

        from huggingface_hub import InferenceApi
        """
    assert "HFM301" in codes(source)
    assert references(source) == [("gpt2", 3, None, None)]
