"""LangChain HuggingFaceHub (HFM306) and HuggingFaceInferenceAPIEmbeddings (HFM307)."""

from tests.rewrite.helpers import noop, transformed


def test_mixed_import_is_split_and_kwargs_become_arguments():
    transformed(
        '''
        from langchain import HuggingFaceHub, LLMChain
        llm = HuggingFaceHub(repo_id="google/flan-t5-xxl", model_kwargs={"temperature": 0.5, "max_length": 64, "foo": 1})
        ''',
        '''
        from langchain import LLMChain
        from langchain_huggingface import HuggingFaceEndpoint
        # hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace
        llm = HuggingFaceEndpoint(repo_id="google/flan-t5-xxl", temperature=0.5, max_new_tokens=64, model_kwargs={"foo": 1})
        ''',
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
        'from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings\n'
        'emb = HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")\n',
        'from langchain_huggingface import HuggingFaceEndpointEmbeddings\n'
        'emb = HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=key, model="BAAI/bge-small-en-v1.5")\n',
    )


def test_already_migrated_code_is_noop():
    noop('from langchain_huggingface import HuggingFaceEndpoint\nllm = HuggingFaceEndpoint(repo_id="x/y")\n')


def test_model_kwargs_from_a_variable_are_kept_as_model_kwargs():
    transformed(
        'from langchain.llms import HuggingFaceHub\nllm = HuggingFaceHub(repo_id=M, model_kwargs=kwargs)\n',
        "from langchain_huggingface import HuggingFaceEndpoint\n"
        "# hfmigrate: TODO(HFM306): for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace\n"
        "llm = HuggingFaceEndpoint(repo_id=M, model_kwargs=kwargs)\n",
    )


def test_embeddings_from_langchain_embeddings_with_an_alias_and_positional_args_kept():
    transformed(
        'from langchain.embeddings import HuggingFaceInferenceAPIEmbeddings as Emb\n'
        'emb = Emb(api_key=key, model_name=NAME)\n',
        'from langchain_huggingface import HuggingFaceEndpointEmbeddings as Emb\n'
        'emb = Emb(huggingfacehub_api_token=key, model=NAME)\n',
    )


def test_embeddings_inside_a_function():
    transformed(
        'from langchain_community.embeddings import HuggingFaceInferenceAPIEmbeddings\n\n'
        'def make(key):\n    return HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")\n',
        'from langchain_huggingface import HuggingFaceEndpointEmbeddings\n\n'
        'def make(key):\n    return HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=key, model="BAAI/bge-small-en-v1.5")\n',
    )
