"""Per-model URLs as a client's base URL (HFM103): ROUTER/v1, and the model moves into the chat calls."""

from tests.rewrite.helpers import constant, noop, run, transformed


def test_openai_base_url_per_model_v1_and_placeholder_model():
    transformed(
        """
        from openai import OpenAI
        client = OpenAI(base_url="https://api-inference.huggingface.co/models/meta-llama/Llama-3.1-8B-Instruct/v1/", api_key=KEY)

        def ask(q):
            return client.chat.completions.create(model="tgi", messages=[{"role": "user", "content": q}])
        """,
        """
        from openai import OpenAI
        client = OpenAI(base_url="https://router.huggingface.co/v1/", api_key=KEY)

        def ask(q):
            return client.chat.completions.create(model="meta-llama/Llama-3.1-8B-Instruct", messages=[{"role": "user", "content": q}])
        """,
    )


def test_interpolated_model_and_a_missing_model_argument_in_a_multi_line_call():
    transformed(
        """
        from huggingface_hub import InferenceClient
        MODEL = "HuggingFaceH4/zephyr-7b-beta"
        BASE = f"https://api-inference.huggingface.co/models/{MODEL}"
        hf = InferenceClient(base_url=BASE, token=T)
        out = hf.chat_completion(
            messages=[{"role": "user", "content": "x"}],
            max_tokens=5,
        )
        """,
        """
        from huggingface_hub import InferenceClient
        MODEL = "HuggingFaceH4/zephyr-7b-beta"
        BASE = "https://router.huggingface.co/v1"
        hf = InferenceClient(base_url=BASE, token=T)
        out = hf.chat_completion(
            messages=[{"role": "user", "content": "x"}],
            max_tokens=5,
            model=MODEL,
        )
        """,
    )


def test_inference_client_model_url_becomes_the_model_id():
    transformed(
        "from huggingface_hub import InferenceClient\n"
        'c = InferenceClient(model="https://api-inference.huggingface.co/models/mistralai/Mistral-7B-Instruct-v0.3")\n',
        "from huggingface_hub import InferenceClient\n"
        'c = InferenceClient(model="mistralai/Mistral-7B-Instruct-v0.3")\n',
    )


def test_prefix_constant_from_another_module_and_langchain_chat_openai():
    transformed(
        """
        from langchain_openai import ChatOpenAI
        from config import HF_API_BASE
        llm = ChatOpenAI(base_url=f"{HF_API_BASE}/models/org/llm/v1", model="tgi", api_key=KEY)
        """,
        """
        from langchain_openai import ChatOpenAI
        from config import HF_API_BASE
        llm = ChatOpenAI(base_url="https://router.huggingface.co/v1", model="org/llm", api_key=KEY)
        """,
        constants=(constant("config", "HF_API_BASE", "https://api-inference.huggingface.co"),),
    )


def test_client_out_of_reach_gets_a_marker_naming_the_id():
    transformed(
        """
        from openai import OpenAI
        client = OpenAI(base_url="https://api-inference.huggingface.co/models/org/llm/v1/")
        answer(client)
        """,
        """
        from openai import OpenAI
        # hfmigrate: TODO(HFM103): the router takes the model in the request body: pass model="org/llm" to every chat call of this client (it is also used at `answer(client)`)
        client = OpenAI(base_url="https://router.huggingface.co/v1/")
        answer(client)
        """,
    )


def test_a_model_from_a_variable_in_the_chat_call_is_marked_not_replaced():
    result = run(
        'from openai import OpenAI\nclient = OpenAI(base_url="https://api-inference.huggingface.co/models/org/llm/v1")\n'
        "client.chat.completions.create(model=name, messages=m)\n"
    )
    assert (
        "model=name" in result and 'TODO(HFM103): the router routes by the model field: pass model="org/llm"' in result
    )


def test_a_url_variable_used_for_something_else_is_left_to_the_url_rule():
    result = run(
        'import requests\nfrom openai import OpenAI\nURL = "https://api-inference.huggingface.co/models/org/llm/v1/"\n'
        "client = OpenAI(base_url=URL)\nrequests.get(URL)\n"
    )
    assert "router.huggingface.co/v1/" in result and "client = OpenAI(base_url=URL)" in result
    assert "TODO(HFM103)" in result


def test_router_base_url_is_a_noop():
    noop(
        """
        from openai import OpenAI
        client = OpenAI(base_url="https://router.huggingface.co/v1/")
        client.chat.completions.create(model="org/llm", messages=m)
        """
    )


def test_raw_per_model_chat_post_gets_the_router_url_and_the_model_in_the_body():
    transformed(
        """
        import requests
        r = requests.post(f"https://api-inference.huggingface.co/models/{MODEL}/v1/chat/completions", json={"messages": m})
        s = requests.post(
            "https://api-inference.huggingface.co/models/org/llm/v1/chat/completions",
            json={
                "model": "tgi",
                "messages": m,
            },
        )
        """,
        """
        import requests
        r = requests.post("https://router.huggingface.co/v1/chat/completions", json={"model": MODEL, "messages": m})
        s = requests.post(
            "https://router.huggingface.co/v1/chat/completions",
            json={
                "model": "org/llm",
                "messages": m,
            },
        )
        """,
    )


def test_raw_per_model_chat_post_with_a_payload_built_elsewhere_keeps_the_url_rule_marker():
    result = run(
        'import requests\nr = requests.post("https://api-inference.huggingface.co/models/org/llm/v1/chat/completions", json=body)\n'
    )
    assert "https://router.huggingface.co/v1/chat/completions" in result
    assert "TODO(HFM103): the router takes the model in the request body: send model='org/llm'" in result


def test_edits_carry_the_url_rule_so_selection_and_suppression_apply():
    source = (
        'from openai import OpenAI\nclient = OpenAI(base_url="https://api-inference.huggingface.co/models/org/llm")\n'
        'client.chat.completions.create(model="tgi", messages=m)\n'
    )
    assert run(source, enabled_codes=frozenset({"HFM103"})) == source  # /models/{id} is HFM101
    migrated = run(source, enabled_codes=frozenset({"HFM101"}))
    assert 'base_url="https://router.huggingface.co/v1"' in migrated and 'model="org/llm"' in migrated


def test_a_chat_call_with_keyword_unpacking_is_marked_not_given_a_second_model():
    result = run(
        'from openai import OpenAI\nclient = OpenAI(base_url="https://api-inference.huggingface.co/models/org/llm/v1")\n'
        "client.chat.completions.create(**options)\n"
    )
    assert "client.chat.completions.create(**options)\n" in result
    assert 'make sure the keyword arguments hold model="org/llm"' in result


def test_an_inference_client_running_another_task_on_the_url_is_left_to_the_url_rule():
    result = run(
        "from huggingface_hub import InferenceClient\n"
        'c = InferenceClient(base_url="https://api-inference.huggingface.co/models/distilbert/sst2")\n'
        'print(c.text_classification("I love it"))\n'
    )
    assert 'base_url="https://router.huggingface.co/hf-inference/models/distilbert/sst2"' in result


def test_a_client_held_in_a_self_attribute():
    transformed(
        """
        from openai import OpenAI

        class Bot:
            def __init__(self):
                self.client = OpenAI(base_url="https://api-inference.huggingface.co/models/org/llm/v1/")

            def ask(self, q):
                return self.client.chat.completions.create(model="tgi", messages=q)
        """,
        """
        from openai import OpenAI

        class Bot:
            def __init__(self):
                self.client = OpenAI(base_url="https://router.huggingface.co/v1/")

            def ask(self, q):
                return self.client.chat.completions.create(model="org/llm", messages=q)
        """,
    )


def test_langchain_endpoint_url_on_the_retired_host_becomes_the_repo_id():
    transformed(
        """
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        chat = ChatHuggingFace(llm=HuggingFaceEndpoint(
            endpoint_url="https://api-inference.huggingface.co/models/mistralai/Mistral-7B-Instruct-v0.3",
            max_new_tokens=64,
        ))
        plain = HuggingFaceEndpoint(endpoint_url=f"https://api-inference.huggingface.co/models/{MODEL}", max_new_tokens=8)
        """,
        """
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        chat = ChatHuggingFace(llm=HuggingFaceEndpoint(
            repo_id="mistralai/Mistral-7B-Instruct-v0.3",
            max_new_tokens=64,
        ))
        plain = HuggingFaceEndpoint(repo_id=MODEL, max_new_tokens=8)
        """,
    )


def test_a_bare_endpoint_on_a_chat_model_is_marked():
    result = run(
        "from langchain_huggingface import HuggingFaceEndpoint\n"
        'llm = HuggingFaceEndpoint(endpoint_url="https://api-inference.huggingface.co/models/HuggingFaceH4/zephyr-7b-beta")\n'
    )
    assert 'llm = HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta")' in result
    assert 'TODO(HFM101): "HuggingFaceH4/zephyr-7b-beta" is served only for chat: wrap the endpoint in' in result
