"""InferenceApi (HFM301), InferenceClient.post (HFM302). stop_sequences (HFM305): tests/rules/test_stop_sequences.py."""

from tests.rewrite.helpers import noop, transformed


def test_inference_api_becomes_client_and_task_method():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi

        def summarize(text):
            api = InferenceApi(repo_id="facebook/bart-large-cnn", task="summarization", token=TOKEN)
            return api(inputs=text)
        """,
        """
        from huggingface_hub import InferenceClient

        def summarize(text):
            api = InferenceClient(model="facebook/bart-large-cnn", token=TOKEN)
            # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
            return api.summarization(text)
        """,
    )


def test_inference_api_positional_and_aliased_import():
    transformed(
        """
        from huggingface_hub import InferenceApi as IA
        api = IA("gpt2", "text-generation")
        out = api("Hello")
        """,
        """
        from huggingface_hub import InferenceClient as IA
        api = IA(model="gpt2")
        # hfmigrate: TODO(HFM301): text_generation returns a str (the generated text), not [{'generated_text': ...}]: check how the result is read; if "gpt2" is an LLM, use chat_completion(messages=[...]): today's LLMs are served only for chat
        out = api.text_generation("Hello")
        """,
    )


def test_inference_api_with_params_or_raw_response_is_marked():
    transformed(
        """
        import huggingface_hub as hh
        api = hh.InferenceApi(repo_id="gpt2", task="text-generation")
        out = api(inputs="Hi", params={"max_new_tokens": 5})
        """,
        """
        import huggingface_hub as hh
        api = hh.InferenceClient(model="gpt2")
        # hfmigrate: TODO(HFM301): call the InferenceClient task method instead (params need a person)
        out = api(inputs="Hi", params={"max_new_tokens": 5})
        """,
    )


def test_local_class_named_inference_api_is_a_noop():
    noop("class InferenceApi:\n    pass\n\napi = InferenceApi()\n")


def test_client_post_with_known_task():
    transformed(
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(token=T)
        vec = client.post(json={"inputs": text}, model=M, task="feature-extraction")
        """,
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(token=T)
        # hfmigrate: TODO(HFM302): feature_extraction returns a numpy array, not nested lists: check how the result is read
        vec = client.feature_extraction(text, model=M)
        """,
    )


def test_client_post_without_task_is_marked_and_requests_post_is_noop():
    transformed(
        """
        from huggingface_hub import InferenceClient
        out = InferenceClient().post(json=payload)
        requests.post(url, json=payload)
        """,
        """
        from huggingface_hub import InferenceClient
        # hfmigrate: TODO(HFM302): InferenceClient.post was removed in 0.31: call the task method (text_generation, feature_extraction, ...)
        out = InferenceClient().post(json=payload)
        requests.post(url, json=payload)
        """,
    )


def test_client_post_with_bytes_and_image_task():
    transformed(
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient()
        labels = client.post(data=image_bytes, model="google/vit-base-patch16-224", task="image-classification")
        """,
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient()
        # hfmigrate: TODO(HFM302): image_classification returns a list of (label, score) elements: check how the result is read
        labels = client.image_classification(image_bytes, model="google/vit-base-patch16-224")
        """,
    )


def test_qa_each_function_keeps_its_own_inference_api_task():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi

        def summarize(text, token):
            api = InferenceApi("facebook/bart-large-cnn", task="summarization", token=token)
            return api(inputs=text)

        def emb(texts):
            api = InferenceApi(repo_id="sentence-transformers/all-MiniLM-L6-v2", task="feature-extraction")
            return api(inputs=texts)
        """,
        """
        from huggingface_hub import InferenceClient

        def summarize(text, token):
            api = InferenceClient(model="facebook/bart-large-cnn", token=token)
            # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
            return api.summarization(text)

        def emb(texts):
            api = InferenceClient(model="sentence-transformers/all-MiniLM-L6-v2")
            # hfmigrate: TODO(HFM301): feature_extraction returns a numpy array, not nested lists: check how the result is read
            return api.feature_extraction(texts)
        """,
    )
