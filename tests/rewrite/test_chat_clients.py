"""InferenceApi (HFM301) and InferenceClient.post (HFM302) text generation on a chat model → chat_completion."""

from hfmigrate import facts
from hfmigrate.config import Settings
from hfmigrate.rewrite.module import rewrite_source
from tests.rewrite.helpers import noop, run, transformed


def test_inference_api_text_generation_on_a_chat_model_becomes_chat_completion_with_its_reads():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi

        api = InferenceApi(repo_id="mistralai/Mistral-7B-Instruct-v0.3", task="text-generation", token=TOKEN)

        def ask(prompt):
            out = api(inputs=prompt, params={"max_new_tokens": 50, "temperature": 0.2})
            return out[0]["generated_text"]

        print(api("Hi")[0]["generated_text"])
        """,
        """
        from huggingface_hub import InferenceClient

        api = InferenceClient(model="mistralai/Mistral-7B-Instruct-v0.3", token=TOKEN)

        def ask(prompt):
            out = api.chat_completion(messages=[{"role": "user", "content": prompt}], max_tokens=50, temperature=0.2)
            return out.choices[0].message.content

        print(api.chat_completion(messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content)
        """,
    )


def test_parameters_without_a_chat_field_and_unread_results_are_named_in_the_marker():
    transformed(
        """
        from huggingface_hub import InferenceApi
        api = InferenceApi("HuggingFaceH4/zephyr-7b-beta", "text-generation")
        out = api(inputs="Hi", params={"max_new_tokens": 5, "top_k": 3})
        print(out)
        """,
        """
        from huggingface_hub import InferenceClient
        api = InferenceClient(model="HuggingFaceH4/zephyr-7b-beta")
        # hfmigrate: TODO(HFM301): dropped top_k (no chat-completions field); chat_completion returns a ChatCompletionOutput: read its text as choices[0].message.content (at `print(out)`)
        out = api.chat_completion(messages=[{"role": "user", "content": "Hi"}], max_tokens=5)
        print(out)
        """,
    )


def test_conversational_task_on_a_chat_model():
    transformed(
        """
        from huggingface_hub import InferenceApi
        bot = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", task="conversational")
        reply = bot(inputs={"text": question})["generated_text"]
        """,
        """
        from huggingface_hub import InferenceClient
        bot = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        reply = bot.chat_completion(messages=[{"role": "user", "content": question}]).choices[0].message.content
        """,
    )


def test_conversation_history_is_marked_not_guessed():
    result = run(
        "from huggingface_hub import InferenceApi\n"
        'bot = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", task="conversational")\n'
        'reply = bot(inputs={"text": q, "past_user_inputs": past, "generated_responses": answers})\n'
    )
    assert "bot(inputs={" in result
    assert 'TODO(HFM301): "meta-llama/Llama-3.1-8B-Instruct" is served only for chat' in result
    assert "conversation history" in result


def test_a_model_neither_catalogue_nor_name_calls_chat_stays_text_generation_with_a_marker():
    result = run(
        'from huggingface_hub import InferenceApi\napi = InferenceApi("bigscience/bloom", task="text-generation")\nx = api("Hi")\n'
    )
    assert 'x = api.text_generation("Hi")' in result
    assert 'if "bigscience/bloom" is an LLM, use chat_completion' in result


def test_the_catalogue_answer_wins_over_the_name():
    class Verdict:
        chat = True

    source = 'from huggingface_hub import InferenceApi\napi = InferenceApi("acme/llm-7b", task="text-generation")\nx = api("Hi")[0]["generated_text"]\n'
    assert "text_generation" in run(source)
    served = rewrite_source(source.encode(), "x.py", Settings(), [], {"acme/llm-7b": Verdict()})
    assert (
        'x = api.chat_completion(messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content'
        in served.after.decode()
    )
    not_chat = type("V", (), {"chat": False})()
    source = source.replace("acme/llm-7b", "Qwen/Qwen2.5-7B-Instruct")
    kept = rewrite_source(source.encode(), "x.py", Settings(), [], {"Qwen/Qwen2.5-7B-Instruct": not_chat})
    assert 'api.text_generation("Hi")' in kept.after.decode()
    assert facts.is_chat_model("acme/llm-7b", {"acme/llm-7b": Verdict()}) is True
    assert (
        facts.is_chat_model("Qwen/Qwen2.5-7B-Instruct", {"Qwen/Qwen2.5-7B-Instruct": type("V", (), {"chat": False})()})
        is False
    )


def test_name_heuristic():
    for chat in (
        "Qwen/Qwen2.5-7B-Instruct",
        "google/gemma-2-9b-it",
        "HuggingFaceH4/zephyr-7b-beta",
        "openai/gpt-oss-120b:groq",
        "meta-llama/Llama-2-7b-chat-hf",
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "THUDM/chatglm3-6b",
        "HuggingFaceH4/starchat-beta",
        "deepseek-ai/DeepSeek-R1",
        "tiiuae/falcon-7b-instruct",
    ):
        assert facts.is_chat_model(chat) is True, chat
    for other in (
        "gpt2",
        "google/flan-t5-xxl",
        "meta-llama/Llama-3.1-8B",
        "dbmdz/bert-base-italian-cased",
        "microsoft/DialoGPT-large",
        "bigscience/bloom",
        "Salesforce/blip-image-captioning-large",
        "sentence-transformers/all-MiniLM-L6-v2",
        "BAAI/bge-small-en-v1.5",
    ):
        assert facts.is_chat_model(other) is False, other
    assert facts.is_chat_model(None) is None


def test_multi_line_calls_stay_multi_line():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi
        api = InferenceApi(
            repo_id="gpt2",
            task="text-generation",
        )
        """,
        """
        from huggingface_hub import InferenceClient
        # hfmigrate: TODO(HFM301): InferenceClient is not callable: wherever this client is called (`client(inputs=...)`, outside this module too), call text_generation(...) instead
        api = InferenceClient(
            model="gpt2",
        )
        """,
    )


def test_client_post_text_generation_through_json_loads_becomes_chat_completion():
    transformed(
        """
        import json
        from huggingface_hub import InferenceClient

        client = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct", token=T)
        out = json.loads(client.post(
            json={"inputs": prompt, "parameters": {"max_new_tokens": 20, "stop_sequences": ["\\n"]}},
            task="text-generation",
        ))
        print(out[0]["generated_text"])
        """,
        """
        import json
        from huggingface_hub import InferenceClient

        client = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct", token=T)
        out = client.chat_completion(
            messages=[{"role": "user", "content": prompt}],
            max_tokens=20,
            stop=["\\n"],
        )
        print(out.choices[0].message.content)
        """,
    )


def test_client_post_bytes_result_gets_a_marker_and_model_on_the_call_is_kept():
    transformed(
        """
        from huggingface_hub import InferenceClient
        raw = InferenceClient().post(json={"inputs": "Hi"}, model="Qwen/Qwen2.5-7B-Instruct", task="text-generation")
        """,
        """
        from huggingface_hub import InferenceClient
        # hfmigrate: TODO(HFM302): chat_completion returns a ChatCompletionOutput, not bytes: read its text as choices[0].message.content
        raw = InferenceClient().chat_completion(messages=[{"role": "user", "content": "Hi"}], model="Qwen/Qwen2.5-7B-Instruct")
        """,
    )


def test_client_post_with_a_payload_built_elsewhere_is_marked():
    result = run(
        'from huggingface_hub import InferenceClient\nc = InferenceClient(model="Qwen/Qwen2.5-7B-Instruct")\n'
        'raw = c.post(json=payload, task="text-generation")\n'
    )
    assert "raw = c.post(json=payload" in result and "served only for chat" in result


def test_chat_completion_code_is_a_noop():
    noop(
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        out = client.chat_completion(messages=[{"role": "user", "content": "Hi"}], max_tokens=5)
        print(out.choices[0].message.content)
        """
    )


def test_the_rule_example_of_hfm301_is_what_rewrite_does():
    from hfmigrate.rules import RULES

    rule = next(r for r in RULES if r.code == "HFM301")
    header = "from huggingface_hub.inference_api import InferenceApi\n"
    assert run(header + rule.before + "\n") == "from huggingface_hub import InferenceClient\n" + rule.after + "\n"


def test_an_instance_called_out_of_reach_gets_a_marker_saying_what_to_call():
    transformed(
        """
        from huggingface_hub.inference_api import InferenceApi

        def make_api():
            return InferenceApi(repo_id="mistralai/Mistral-7B-Instruct-v0.3", task="text-generation")

        API = InferenceApi("facebook/bart-large-cnn", task="summarization")
        """,
        """
        from huggingface_hub import InferenceClient

        def make_api():
            # hfmigrate: TODO(HFM301): InferenceClient is not callable: wherever this client is called (`client(inputs=...)`, outside this module too), call chat_completion(messages=[...]) instead
            return InferenceClient(model="mistralai/Mistral-7B-Instruct-v0.3")

        # hfmigrate: TODO(HFM301): InferenceClient is not callable: wherever this client is called (`client(inputs=...)`, outside this module too), call summarization(...) instead
        API = InferenceClient(model="facebook/bart-large-cnn")
        """,
    )


def test_a_module_level_result_read_inside_a_function_is_converted_too():
    transformed(
        """
        from huggingface_hub import InferenceApi
        api = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", "text-generation")
        out = api("Hi")

        def show():
            print(out[0]["generated_text"])
        """,
        """
        from huggingface_hub import InferenceClient
        api = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        out = api.chat_completion(messages=[{"role": "user", "content": "Hi"}])

        def show():
            print(out.choices[0].message.content)
        """,
    )


def test_hanging_aligned_arguments_stay_aligned():
    transformed(
        """
        from huggingface_hub import InferenceApi
        api = InferenceApi(repo_id="facebook/bart-large-cnn", task="summarization",
                           token=T)
        out = api(
            inputs=text,
        )
        """,
        """
        from huggingface_hub import InferenceClient
        api = InferenceClient(model="facebook/bart-large-cnn",
                              token=T)
        # hfmigrate: TODO(HFM301): summarization returns an object with .summary_text, not [{'summary_text': ...}]: check how the result is read
        out = api.summarization(
            text,
        )
        """,
    )


def test_the_model_map_decides_and_is_written():
    transformed(
        """
        from huggingface_hub import InferenceApi
        from langchain.llms import HuggingFaceHub
        api = InferenceApi("gpt2", task="text-generation")
        print(api("Hi")[0]["generated_text"])
        llm = HuggingFaceHub(repo_id="gpt2")
        chain = LLMChain(llm=llm)
        """,
        """
        from huggingface_hub import InferenceClient
        from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint
        api = InferenceClient(model="Qwen/Qwen2.5-7B-Instruct")
        print(api.chat_completion(messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content)
        llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="Qwen/Qwen2.5-7B-Instruct"))
        chain = LLMChain(llm=llm)
        """,
        models={"gpt2": "Qwen/Qwen2.5-7B-Instruct"},
    )


def test_a_slice_that_cut_the_prompt_off_is_dropped_and_a_batch_is_marked():
    transformed(
        """
        from huggingface_hub import InferenceApi
        api = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", "text-generation")
        out = api(prompt)
        answer = out[0]["generated_text"][len(prompt):]
        """,
        """
        from huggingface_hub import InferenceClient
        api = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        out = api.chat_completion(messages=[{"role": "user", "content": prompt}])
        answer = out.choices[0].message.content
        """,
    )
    result = run(
        'from huggingface_hub import InferenceApi\napi = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", "text-generation")\nout = api(["a", "b"])\n'
    )
    assert 'out = api(["a", "b"])' in result and "a batch of inputs (one chat_completion per prompt)" in result


def test_get_generated_text_reads_are_converted():
    transformed(
        """
        from huggingface_hub import InferenceApi
        api = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", "text-generation")
        out = api(prompt)
        text = out[0].get("generated_text")
        bot = InferenceApi("meta-llama/Llama-3.1-8B-Instruct", "conversational")
        reply = bot({"text": prompt}).get("generated_text")
        """,
        """
        from huggingface_hub import InferenceClient
        api = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        out = api.chat_completion(messages=[{"role": "user", "content": prompt}])
        text = out.choices[0].message.content
        bot = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")
        reply = bot.chat_completion(messages=[{"role": "user", "content": prompt}]).choices[0].message.content
        """,
    )
