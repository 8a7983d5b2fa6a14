"""HFM306, HFM307 (hfmigrate/rules/langchain_llms.py). The HFM306 conversion's many shapes (wrapping, uses, model
kwargs, LangChain 0.x imports) are held by tests/rewrite/test_langchain.py."""

from hfmigrate.engine.kinds import Applied
from hfmigrate.scan import parse_and_scan
from tests.rules.spec import codes, noop, references, reported, rewrite, transformed


def test_transformed_hugging_face_hub_on_a_chat_model_is_wrapped():
    transformed(
        """
        from langchain_community.llms import HuggingFaceHub

        llm = HuggingFaceHub(repo_id="HuggingFaceH4/zephyr-7b-beta", model_kwargs={"max_length": 64})
        print(llm("Hi"))
        """,
        """
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint

        llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta", max_new_tokens=64))
        print(llm.invoke("Hi").content)
        """,
    )


def test_transformed_an_import_whose_class_is_built_elsewhere_moves_too():
    """The older rewrite moved the import only in a module that also built the class (scan called it fixable)."""
    transformed(
        "from langchain.llms import HuggingFaceHub\n\n__all__ = [HuggingFaceHub]\n",
        "from langchain_huggingface import HuggingFaceEndpoint\n\n__all__ = [HuggingFaceEndpoint]\n",
    )


def test_transformed_embeddings_import_and_arguments():
    transformed(
        """
        from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings

        emb = HuggingFaceInferenceAPIEmbeddings(api_key=KEY, model_name="BAAI/bge-small-en-v1.5")
        """,
        """
        from langchain_huggingface import HuggingFaceEndpointEmbeddings

        emb = HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=KEY, model="BAAI/bge-small-en-v1.5")
        """,
    )


def test_a_class_from_a_module_rewrite_does_not_know_is_reported_with_a_marker():
    """Scan called these fixable and the older rewrite left them to the leftover markers."""
    source = "from langchain_community.llms.other import HuggingFaceHub\nllm = HuggingFaceHub(repo_id=m)\n"
    assert len(reported(source, "HFM306")) == 2
    result, applied = rewrite(source)
    assert applied == {Applied.marker("HFM306"): 2}
    assert "# hfmigrate: TODO(HFM306): LangChain `HuggingFaceHub`; see `hfmigrate rules HFM306`" in result


def test_embeddings_built_through_a_module_attribute_are_marked_not_renamed():
    source = "import langchain_community.embeddings as e\nemb = e.HuggingFaceInferenceAPIEmbeddings(api_key=k)\n"
    reported(source, "HFM307")
    assert rewrite(source)[1] == {Applied.marker("HFM307"): 1}


def test_scan_tells_dependency_rules_the_tree_uses_the_classes():
    scanned = parse_and_scan("m.py", "from langchain.embeddings import HuggingFaceInferenceAPIEmbeddings\n")
    assert not isinstance(scanned, str) and scanned.uses_langchain_hub


def test_noop_the_partner_package_and_local_embeddings():
    noop(
        """
        from langchain_huggingface import HuggingFaceEndpoint, HuggingFaceEndpointEmbeddings
        from langchain_community.embeddings import HuggingFaceEmbeddings

        llm = HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta")
        local = HuggingFaceEmbeddings(model_name="sentence-transformers/all-MiniLM-L6-v2")
        """
    )
    assert not codes("class HuggingFaceHub:\n    pass\n\n\nllm = HuggingFaceHub()\n") & {"HFM306", "HFM307"}


def test_transformed_moved_names_take_the_comments_written_after_them():
    transformed(
        """
        from langchain import (  # the 0.1 imports
            HuggingFaceHub,  # the model
            LLMChain,  # chains
            PromptTemplate,
        )

        llm = HuggingFaceHub(repo_id="x/y")
        """,
        """
        from langchain_classic.chains import LLMChain  # the 0.1 imports  # chains
        from langchain_core.prompts import PromptTemplate
        from langchain_huggingface import HuggingFaceEndpoint  # the model

        # hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace
        llm = HuggingFaceEndpoint(repo_id="x/y")
        """,
    )


def test_transformed_the_last_name_without_a_comma_keeps_its_comment_too():
    transformed(
        """
        from langchain import (
            LLMChain,
            HuggingFaceHub  # the model
        )

        llm = HuggingFaceHub(repo_id="x/y")
        """,
        """
        from langchain_classic.chains import LLMChain
        from langchain_huggingface import HuggingFaceEndpoint  # the model

        # hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace
        llm = HuggingFaceEndpoint(repo_id="x/y")
        """,
    )


def test_marked_a_class_reached_through_its_module_is_not_renamed_to_a_name_nothing_imports():
    before = """
        import langchain_community.llms as community_llms

        llm = community_llms.HuggingFaceHub(repo_id="google/flan-t5-xxl")
        """
    after = """
        import langchain_community.llms as community_llms

        # hfmigrate: TODO(HFM306): LangChain `HuggingFaceHub`; see `hfmigrate rules HFM306`
        llm = community_llms.HuggingFaceHub(repo_id="google/flan-t5-xxl")
        """
    transformed(before, after)
    assert codes(before) == {"HFM306"}


def test_transformed_a_class_reached_through_its_module_becomes_the_endpoint_the_module_imports():
    transformed(
        """
        import langchain_community.llms as community_llms
        from langchain_huggingface import HuggingFaceEndpoint

        llm = community_llms.HuggingFaceHub(repo_id="x/y")
        """,
        """
        import langchain_community.llms as community_llms
        from langchain_huggingface import HuggingFaceEndpoint

        # hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace
        llm = HuggingFaceEndpoint(repo_id="x/y")
        """,
    )


# --- the model a class is built with (check-models --from-code reads it, with the call style) -------------------


def test_references_the_model_of_an_endpoint_and_how_the_migrated_code_calls_it():
    source = """
        from langchain.llms import HuggingFaceHub
        from langchain.embeddings import HuggingFaceInferenceAPIEmbeddings

        llm = HuggingFaceHub(repo_id="google/flan-t5-xxl", model_kwargs={"temperature": 0.5})
        summarizer = HuggingFaceHub(repo_id="facebook/bart-large-cnn", task="summarization")
        emb = HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")
        """
    assert references(source) == [
        ("google/flan-t5-xxl", 5, None, "text-generation"),
        ("facebook/bart-large-cnn", 6, "summarization", None),  # a task of its own: the call style is unknown
        ("BAAI/bge-small-en-v1.5", 7, "feature-extraction", "embeddings"),
    ]
