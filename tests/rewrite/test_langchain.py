"""LangChain HuggingFaceHub (HFM306) and HuggingFaceInferenceAPIEmbeddings (HFM307)."""

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteSuccess
from hfmigrate.rewrite.module import rewrite_source
from tests.rewrite.helpers import noop, run, transformed


def test_mixed_import_is_split_and_kwargs_become_arguments():
    transformed(
        """
        from langchain import HuggingFaceHub, LLMChain
        llm = HuggingFaceHub(repo_id="google/flan-t5-xxl", model_kwargs={"temperature": 0.5, "max_length": 64, "foo": 1})
        """,
        """
        from langchain_classic.chains import LLMChain
        from langchain_huggingface import HuggingFaceEndpoint
        # hfmigrate: TODO(HFM306): google/flan-t5-xxl is an older model that no provider serves today (by its name), so this endpoint cannot run: choose a chat model (`hfmigrate check-models google/flan-t5-xxl` confirms it and lists alternatives), put it in repo_id and wrap the endpoint: ChatHuggingFace(llm=HuggingFaceEndpoint(...)); on the unmigrated file, `hfmigrate rewrite --model-map google/flan-t5-xxl=<chat model>` does both
        llm = HuggingFaceEndpoint(repo_id="google/flan-t5-xxl", temperature=0.5, max_new_tokens=64, model_kwargs={"foo": 1})
        """,
    )


def test_community_import_path():
    transformed(
        'from langchain_community.llms import HuggingFaceHub\nllm = HuggingFaceHub(repo_id=M, task="text-generation")\n',
        "from langchain_huggingface import HuggingFaceEndpoint\n"
        "# hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace\n"
        'llm = HuggingFaceEndpoint(repo_id=M, task="text-generation")\n',
    )


def test_embeddings_arguments_are_renamed():
    transformed(
        "from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings\n"
        'emb = HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")\n',
        "from langchain_huggingface import HuggingFaceEndpointEmbeddings\n"
        'emb = HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=key, model="BAAI/bge-small-en-v1.5")\n',
    )


def test_already_migrated_code_is_noop():
    noop('from langchain_huggingface import HuggingFaceEndpoint\nllm = HuggingFaceEndpoint(repo_id="x/y")\n')


def test_model_kwargs_from_a_variable_are_kept_as_model_kwargs():
    transformed(
        "from langchain.llms import HuggingFaceHub\nllm = HuggingFaceHub(repo_id=M, model_kwargs=kwargs)\n",
        "from langchain_huggingface import HuggingFaceEndpoint\n"
        "# hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace\n"
        "llm = HuggingFaceEndpoint(repo_id=M, model_kwargs=kwargs)\n",
    )


def test_embeddings_from_langchain_embeddings_with_an_alias_and_positional_args_kept():
    transformed(
        "from langchain.embeddings import HuggingFaceInferenceAPIEmbeddings as Emb\n"
        "emb = Emb(api_key=key, model_name=NAME)\n",
        "from langchain_huggingface import HuggingFaceEndpointEmbeddings as Emb\n"
        "emb = Emb(huggingfacehub_api_token=key, model=NAME)\n",
    )


def test_embeddings_inside_a_function():
    transformed(
        "from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings\n\n"
        'def make(key):\n    return HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")\n',
        "from langchain_huggingface import HuggingFaceEndpointEmbeddings\n\n"
        'def make(key):\n    return HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=key, model="BAAI/bge-small-en-v1.5")\n',
    )


def test_chat_model_is_wrapped_in_chat_hugging_face_where_the_chain_takes_a_chat_model():
    transformed(
        """
        from langchain import HuggingFaceHub, LLMChain
        llm = HuggingFaceHub(repo_id="mistralai/Mistral-7B-Instruct-v0.3", model_kwargs={"max_length": 64})
        chain = LLMChain(llm=llm, prompt=prompt)
        piped = prompt | llm | StrOutputParser()

        def ask(q):
            return llm(q) + llm.predict(q)
        """,
        """
        from langchain_classic.chains import LLMChain
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="mistralai/Mistral-7B-Instruct-v0.3", max_new_tokens=64))
        chain = LLMChain(llm=llm, prompt=prompt)
        piped = prompt | llm | StrOutputParser()

        def ask(q):
            return llm.invoke(q).content + llm.invoke(q).content
        """,
    )


def test_a_ten_line_call_stays_multi_line_with_its_comments():
    transformed(
        """
        from langchain_community.llms import HuggingFaceHub
        llm = HuggingFaceHub(
            repo_id="meta-llama/Llama-3.1-8B-Instruct",  # the model
            huggingfacehub_api_token=TOKEN,
            model_kwargs={
                "temperature": 0.5,
                "max_length": 64,
                "foo": 1,
            },
        )
        chain = LLMChain(llm=llm)
        """,
        """
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        llm = ChatHuggingFace(llm=HuggingFaceEndpoint(
            repo_id="meta-llama/Llama-3.1-8B-Instruct",  # the model
            huggingfacehub_api_token=TOKEN,
            temperature=0.5,
            max_new_tokens=64,
            model_kwargs={
                "foo": 1,
            },
        ))
        chain = LLMChain(llm=llm)
        """,
    )


def test_multi_line_non_chat_call_stays_multi_line():
    transformed(
        """
        from langchain.llms import HuggingFaceHub
        llm = HuggingFaceHub(
            repo_id="google/flan-t5-xxl",
            model_kwargs={"temperature": 0.5, "max_length": 64},
        )
        """,
        """
        from langchain_huggingface import HuggingFaceEndpoint
        # hfmigrate: TODO(HFM306): google/flan-t5-xxl is an older model that no provider serves today (by its name), so this endpoint cannot run: choose a chat model (`hfmigrate check-models google/flan-t5-xxl` confirms it and lists alternatives), put it in repo_id and wrap the endpoint: ChatHuggingFace(llm=HuggingFaceEndpoint(...)); on the unmigrated file, `hfmigrate rewrite --model-map google/flan-t5-xxl=<chat model>` does both
        llm = HuggingFaceEndpoint(
            repo_id="google/flan-t5-xxl",
            temperature=0.5,
            max_new_tokens=64,
        )
        """,
    )


def test_chat_model_used_where_a_chat_model_cannot_go_gets_a_marker_naming_the_use():
    transformed(
        """
        from langchain.llms import HuggingFaceHub
        llm = HuggingFaceHub(repo_id="HuggingFaceH4/zephyr-7b-beta")
        result = llm.generate(["Hi"])
        """,
        """
        from langchain_huggingface import HuggingFaceEndpoint
        # hfmigrate: TODO(HFM306): "HuggingFaceH4/zephyr-7b-beta" is served only for chat, and HuggingFaceEndpoint calls text_generation, which fails on it: wrap it in ChatHuggingFace(llm=...) once the use at `result = llm.generate(["Hi"])` can take a chat model
        llm = HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta")
        result = llm.generate(["Hi"])
        """,
    )


def test_chat_model_returned_from_a_factory_is_marked():
    result = run(
        "from langchain.llms import HuggingFaceHub\n"
        "def make():\n    return HuggingFaceHub(repo_id='Qwen/Qwen2.5-7B-Instruct')\n"
    )
    assert "return HuggingFaceEndpoint(repo_id='Qwen/Qwen2.5-7B-Instruct')" in result
    assert "once every caller of make() can take a chat model" in result


def test_chat_hugging_face_code_is_a_noop():
    noop(
        "from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint\n"
        "llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id='Qwen/Qwen2.5-7B-Instruct'))\n"
        "print(llm.invoke('Hi').content)\n"
    )


def test_a_chat_model_as_the_last_stage_of_a_pipe_is_marked_its_result_would_change_type():
    result = run(
        "from langchain.llms import HuggingFaceHub\n"
        "llm = HuggingFaceHub(repo_id='Qwen/Qwen2.5-7B-Instruct')\n"
        "chain = prompt | llm\n"
    )
    assert "llm = HuggingFaceEndpoint(repo_id='Qwen/Qwen2.5-7B-Instruct')" in result
    assert "once the use at `chain = prompt | llm` can take a chat model" in result


def test_a_chat_model_used_for_another_task_is_not_wrapped():
    result = run(
        "from langchain.llms import HuggingFaceHub\n"
        "llm = HuggingFaceHub(repo_id='Qwen/Qwen2.5-7B-Instruct', task='summarization')\nchain = LLMChain(llm=llm)\n"
    )
    assert "llm = HuggingFaceEndpoint(repo_id='Qwen/Qwen2.5-7B-Instruct', task='summarization')" in result


def test_langchain_0_1_imports_move_to_their_homes_and_an_unknown_root_name_is_marked():
    transformed(
        """
        from langchain import HuggingFaceHub, PromptTemplate, SQLDatabase  # the FAQ bot
        from langchain.chains import LLMChain
        from langchain.prompts import ChatPromptTemplate as Chat
        llm = HuggingFaceHub(repo_id="HuggingFaceH4/zephyr-7b-beta")
        chain = LLMChain(llm=llm, prompt=PromptTemplate.from_template("{q}"))
        """,
        """
        # hfmigrate: TODO(HFM306): langchain 1.x has no `langchain` module to import `SQLDatabase` from: import it from its package today (langchain_classic, langchain_core or langchain_community)
        from langchain import SQLDatabase  # the FAQ bot
        from langchain_core.prompts import PromptTemplate
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        from langchain_classic.chains import LLMChain
        from langchain_core.prompts import ChatPromptTemplate as Chat
        llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta"))
        chain = LLMChain(llm=llm, prompt=PromptTemplate.from_template("{q}"))
        """,
    )


def test_langchain_imports_are_left_alone_in_a_module_without_hugging_face_hub():
    noop("from langchain.chains import LLMChain\nfrom langchain import PromptTemplate\nchain = LLMChain(llm=llm)\n")


def test_a_community_module_keeps_its_other_names():
    transformed(
        """
        from langchain_community.llms import HuggingFaceHub, OpenAI
        llm = HuggingFaceHub(repo_id=M)
        """,
        """
        from langchain_community.llms import OpenAI
        from langchain_huggingface import HuggingFaceEndpoint
        # hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace
        llm = HuggingFaceEndpoint(repo_id=M)
        """,
    )


def test_a_model_the_catalogue_says_nobody_serves_gets_its_alternatives_in_the_marker():
    from hfmigrate.catalog.types import ModelVerdict

    verdict = ModelVerdict(
        "acme/old-gen", available=False, reason="no-provider", alternatives=["org/chat-a", "org/chat-b"]
    )
    source = 'from langchain_community.llms import HuggingFaceHub\nllm = HuggingFaceHub(repo_id="acme/old-gen")\n'
    outcome = rewrite_source(source.encode(), "example.py", Settings(), catalog={"acme/old-gen": verdict})
    assert isinstance(outcome, RewriteSuccess)
    result = outcome.after.decode()
    marker = result.splitlines()[1]
    assert marker.startswith("# hfmigrate: TODO(HFM306): the catalogue says no provider serves acme/old-gen")
    assert "alternatives: org/chat-a, org/chat-b" in marker and "--model-map acme/old-gen=<chat model>" in marker
