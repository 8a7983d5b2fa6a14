"""rules/text_generation_chat/conversion.py: LLM text generation becomes a chat completion (HFM107/HFM204/HFM205)."""

from tests.rewrite.helpers import constant, noop, transformed

L = "https://api-inference.huggingface.co"
CHAT = "https://router.huggingface.co/v1/chat/completions"


def test_payload_in_a_variable_and_response_read_later():
    transformed(
        f'''
        API_URL = "{L}/models/HuggingFaceH4/zephyr-7b-beta"

        def ask(prompt):
            payload = {{"inputs": prompt, "parameters": {{"max_new_tokens": 50, "temperature": 0.2}}}}
            response = requests.post(API_URL, headers=headers, json=payload)
            response.raise_for_status()
            return response.json()[0]["generated_text"]
        ''',
        f'''
        API_URL = "{CHAT}"

        def ask(prompt):
            payload = {{"model": "HuggingFaceH4/zephyr-7b-beta", "messages": [{{"role": "user", "content": prompt}}], "max_tokens": 50, "temperature": 0.2}}
            response = requests.post(API_URL, headers=headers, json=payload)
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"]
        ''',
    )


def test_inline_payload_with_data_json_dumps_and_a_chained_read():
    transformed(
        f'''
        def ask(prompt, model):
            url = f"{L}/models/{{model}}"
            return requests.post(url, data=json.dumps({{"inputs": prompt, "parameters": {{"do_sample": False, "stop_sequences": ["\\\\n"]}}}})).json()[0]['generated_text']
        ''',
        f'''
        def ask(prompt, model):
            url = "{CHAT}"
            return requests.post(url, data=json.dumps({{"model": model, "messages": [{{"role": "user", "content": prompt}}], "temperature": 0, "stop": ["\\\\n"]}})).json()['choices'][0]['message']['content']
        ''',
    )


def test_multiline_payload_drops_parameters_with_a_marker_and_json_assigned_read():
    transformed(
        f'''
        URL = "{L}/models/mistralai/Mistral-7B-Instruct-v0.3"

        def ask(prompt):
            payload = {{
                "inputs": prompt,
                "parameters": {{"max_new_tokens": 20, "top_k": 5, "repetition_penalty": 1.1, "num_return_sequences": 2}},
                "options": {{"wait_for_model": True}},
            }}
            r = requests.post(URL, json=payload)
            data = r.json()
            return data[0]["generated_text"]
        ''',
        f'''
        URL = "{CHAT}"

        def ask(prompt):
            # hfmigrate: TODO(HFM204): dropped top_k, repetition_penalty (no chat-completions field); check the output
            payload = {{
                "model": "mistralai/Mistral-7B-Instruct-v0.3",
                "messages": [{{"role": "user", "content": prompt}}],
                "max_tokens": 20,
                "n": 2,
            }}
            r = requests.post(URL, json=payload)
            data = r.json()
            return data["choices"][0]["message"]["content"]
        ''',
    )


def test_url_joined_on_a_prefix_constant_from_another_module():
    transformed(
        """
        from config import HF_API_BASE, MODEL_ID
        API_URL = f"{HF_API_BASE}/models/{MODEL_ID}"

        def ask(prompt):
            out = requests.post(API_URL, json={"inputs": prompt, "parameters": {"max_new_tokens": 9}})
            return out.json()[0]["generated_text"]
        """,
        f'''
        from config import HF_API_BASE, MODEL_ID
        API_URL = "{CHAT}"

        def ask(prompt):
            out = requests.post(API_URL, json={{"model": MODEL_ID, "messages": [{{"role": "user", "content": prompt}}], "max_tokens": 9}})
            return out.json()["choices"][0]["message"]["content"]
        ''',
        constants=(constant("config", "HF_API_BASE", L),),
    )


def test_temperature_above_two_is_clamped_and_flagged():
    transformed(
        f'''
        def ask(p):
            payload = {{"inputs": p, "parameters": {{"temperature": 5.0}}}}
            return requests.post("{L}/models/gpt2", json=payload).json()[0]["generated_text"]
        ''',
        f'''
        def ask(p):
            # hfmigrate: TODO(HFM204): temperature 5.0 clamped to 2 (the chat maximum); check the output
            payload = {{"model": "gpt2", "messages": [{{"role": "user", "content": p}}], "temperature": 2}}
            return requests.post("{CHAT}", json=payload).json()["choices"][0]["message"]["content"]
        ''',
    )


def test_the_classic_wrapper_snippet_is_converted_with_its_call_site():
    transformed(
        f'''
        API_URL = "{L}/models/gpt2"

        def query(payload):
            return requests.post(API_URL, json=payload).json()

        print(query({{"inputs": "Once upon a time"}})[0]["generated_text"])
        ''',
        f'''
        API_URL = "{CHAT}"

        def query(payload):
            return requests.post(API_URL, json=payload).json()

        print(query({{"model": "gpt2", "messages": [{{"role": "user", "content": "Once upon a time"}}]}})["choices"][0]["message"]["content"])
        ''',
    )


def test_result_returned_unread_is_converted_with_a_marker_saying_what_it_returns_now():
    transformed(
        f'''
        def ask(p):
            return requests.post("{L}/models/gpt2", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()
        ''',
        f'''
        def ask(p):
            # hfmigrate: TODO(HFM107): ask() returns a chat completion now, {{"choices": [{{"message": {{"content": ...}}}}]}}, no longer [{{"generated_text": ...}}]; the text is at ["choices"][0]["message"]["content"]; update its callers
            return requests.post("{CHAT}", json={{"model": "gpt2", "messages": [{{"role": "user", "content": p}}], "max_tokens": 5}}).json()
        ''',
    )


def test_image_to_text_is_never_converted():
    transformed(
        f'''
        API_URL = "{L}/models/Salesforce/blip-image-captioning-large"

        def caption(filename):
            with open(filename, "rb") as f:
                data = f.read()
            response = requests.post(API_URL, headers=headers, data=data)
            return response.json()[0]["generated_text"]
        ''',
        """
        API_URL = "https://router.huggingface.co/hf-inference/models/Salesforce/blip-image-captioning-large"

        def caption(filename):
            with open(filename, "rb") as f:
                data = f.read()
            response = requests.post(API_URL, headers=headers, data=data)
            return response.json()[0]["generated_text"]
        """,
    )


def test_summarization_keeps_the_legacy_payload():
    transformed(
        f'''
        def summarize(text):
            payload = {{"inputs": text, "parameters": {{"max_length": 60}}}}
            return requests.post("{L}/models/facebook/bart-large-cnn", json=payload).json()[0]["summary_text"]
        ''',
        """
        def summarize(text):
            payload = {"inputs": text, "parameters": {"max_length": 60}}
            return requests.post("https://router.huggingface.co/hf-inference/models/facebook/bart-large-cnn", json=payload).json()[0]["summary_text"]
        """,
    )


def test_shared_url_is_not_converted_for_one_caller():
    source = f'''
        API_URL = "{L}/models/gpt2"

        def a(p):
            return requests.post(API_URL, json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()[0]["generated_text"]

        def b(p):
            return requests.post(API_URL, json={{"inputs": p}}).json()
        '''
    import textwrap

    from tests.rewrite.helpers import run

    result = run(textwrap.dedent(source))
    assert 'API_URL = "https://router.huggingface.co/hf-inference/models/gpt2"' in result
    assert '[0]["generated_text"]' in result and "TODO(HFM107)" in result


def test_router_chat_code_is_a_noop():
    noop(
        f'''
        def ask(p):
            body = {{"model": "openai/gpt-oss-120b:groq", "messages": [{{"role": "user", "content": p}}]}}
            return requests.post("{CHAT}", json=body).json()["choices"][0]["message"]["content"]
        '''
    )


def test_dedicated_endpoint_with_the_legacy_payload_is_a_noop():
    noop(
        """
        def ask(p):
            payload = {"inputs": p, "parameters": {"max_new_tokens": 5}}
            return requests.post("https://xyz.us-east-1.aws.endpoints.huggingface.cloud", json=payload).json()[0]["generated_text"]
        """
    )


def test_streamed_generation_is_marked_not_converted_and_scan_then_sees_only_markers(tmp_path):
    transformed(
        f'''
        def stream(p):
            payload = {{"inputs": p, "parameters": {{"max_new_tokens": 5}}, "stream": True}}
            for line in requests.post("{L}/models/gpt2", json=payload, stream=True).iter_lines():
                yield json.loads(line[5:])["token"]["text"]
        ''',
        """
        def stream(p):
            # hfmigrate: TODO(HFM205): streamed text generation: move it to chat completions with stream=True and parse choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)
            payload = {"inputs": p, "parameters": {"max_new_tokens": 5}, "stream": True}
            for line in requests.post("https://router.huggingface.co/hf-inference/models/gpt2", json=payload, stream=True).iter_lines():
                # hfmigrate: TODO(HFM205): streamed text generation: move it to chat completions with stream=True and parse choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)
                yield json.loads(line[5:])["token"]["text"]
        """,
    )
    from hfmigrate.scan import scan_paths

    path = tmp_path / "stream.py"
    path.write_text(
        f'import json, requests\nURL = "{L}/models/gpt2"\n\ndef stream(p):\n    payload = {{"inputs": p, "stream": True}}\n'
        '    for line in requests.post(URL, json=payload).iter_lines():\n        yield json.loads(line)["token"]["text"]\n'
    )
    from hfmigrate.rewrite import rewrite_paths

    rewrite_paths([path])
    assert [f.marker for f in scan_paths([path]).findings] == [True, True]


def test_requests_request_post_and_awaited_httpx_post():
    transformed(
        f'''
        async def ask(client, p):
            r = await client.post("{L}/models/gpt2", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}})
            return r.json()[0]["generated_text"]

        def ask2(p):
            r = rq.request("POST", "{L}/models/gpt2", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}})
            return r.json()[0]["generated_text"]
        ''',
        f'''
        async def ask(client, p):
            r = await client.post("{CHAT}", json={{"model": "gpt2", "messages": [{{"role": "user", "content": p}}], "max_tokens": 5}})
            return r.json()["choices"][0]["message"]["content"]

        def ask2(p):
            r = rq.request("POST", "{CHAT}", json={{"model": "gpt2", "messages": [{{"role": "user", "content": p}}], "max_tokens": 5}})
            return r.json()["choices"][0]["message"]["content"]
        ''',
    )


def test_best_of_details_and_return_full_text_true_are_named_in_the_marker():
    transformed(
        f'''
        def ask(p):
            payload = {{"inputs": p, "parameters": {{"max_new_tokens": 5, "best_of": 2, "details": True, "return_full_text": True}}}}
            return requests.post("{L}/models/gpt2", json=payload).json()[0]["generated_text"]
        ''',
        f'''
        def ask(p):
            # hfmigrate: TODO(HFM204): dropped best_of, details (no chat-completions field); the answer no longer starts with the prompt (return_full_text); check the output
            payload = {{"model": "gpt2", "messages": [{{"role": "user", "content": p}}], "max_tokens": 5}}
            return requests.post("{CHAT}", json=payload).json()["choices"][0]["message"]["content"]
        ''',
    )


def test_qa_regressions_that_must_not_convert():
    """Captioning with base64 inputs, a later use of the payload, and ** in the payload stay on hf-inference."""
    for body in (
        'b64 = base64.b64encode(open(f, "rb").read()).decode()\n    r = requests.post(URL, json={"inputs": b64, "parameters": {"max_new_tokens": 30}})',
        'payload = {"inputs": p, "parameters": {"max_new_tokens": 5}}\n    payload["parameters"].update(extra)\n    r = requests.post(URL, json=payload)',
        'r = requests.post(URL, json={**base, "inputs": p, "parameters": {"max_new_tokens": 5}})',
    ):
        source = f'URL = "{L}/models/gpt2"\n\ndef f(p, f=None, extra=None, base=None):\n    {body}\n    return r.json()[0]["generated_text"]\n'
        from tests.rewrite.helpers import run

        result = run(source)
        assert CHAT + '"' not in result and '[0]["generated_text"]' in result, result


def test_a_captioning_model_gets_no_chat_advice():
    transformed(
        f'''
        def caption(img):
            r = requests.post("{L}/models/Salesforce/blip-image-captioning-large", json={{"inputs": img, "parameters": {{"max_new_tokens": 9}}}})
            return r.json()[0]["generated_text"]
        ''',
        """
        def caption(img):
            r = requests.post("https://router.huggingface.co/hf-inference/models/Salesforce/blip-image-captioning-large", json={"inputs": img, "parameters": {"max_new_tokens": 9}})
            return r.json()[0]["generated_text"]
        """,
    )


def test_the_prompt_slice_goes_away_with_chat_and_do_sample_false_wins():
    transformed(
        f'''
        def complete(prompt):
            r = requests.post("{L}/models/gpt2", json={{"inputs": prompt, "parameters": {{"do_sample": False, "temperature": 0.7}}}})
            return r.json()[0]["generated_text"][len(prompt):]
        ''',
        f'''
        def complete(prompt):
            # hfmigrate: TODO(HFM204): temperature 0.7 became 0 (do_sample=False means greedy); check the output
            r = requests.post("{CHAT}", json={{"model": "gpt2", "messages": [{{"role": "user", "content": prompt}}], "temperature": 0}})
            return r.json()["choices"][0]["message"]["content"]
        ''',
    )


def test_qa_text_generation_through_a_models_prefix_constant_is_converted():
    transformed(
        f'''
        HF_MODELS_URL = "{L}/models/"

        def generate(prompt):
            r = requests.post(HF_MODELS_URL + "gpt2", json={{"inputs": prompt, "parameters": {{"max_new_tokens": 5}}}})
            return r.json()[0]["generated_text"]
        ''',
        f'''
        HF_MODELS_URL = "https://router.huggingface.co/hf-inference/models/"

        def generate(prompt):
            r = requests.post("{CHAT}", json={{"model": "gpt2", "messages": [{{"role": "user", "content": prompt}}], "max_tokens": 5}})
            return r.json()["choices"][0]["message"]["content"]
        ''',
    )


def test_qa_comments_inside_the_payload_keep_it_legacy_with_a_marker():
    from tests.rewrite.helpers import run

    source = (
        f'URL = "{L}/models/gpt2"\n\ndef f(p):\n    payload = {{\n        "inputs": p,  # the user text\n'
        '        "parameters": {"max_new_tokens": 5},\n    }\n    return requests.post(URL, json=payload).json()[0]["generated_text"]\n'
    )
    result = run(source)
    assert "# the user text" in result and "TODO(HFM107)" in result and '"inputs": p' in result


def test_qa_a_classifier_sharing_the_url_of_a_generation_call_gets_no_chat_advice():
    from tests.rewrite.helpers import run

    source = (
        f'API_URL = "{L}/models/gpt2"\n\ndef gen(p):\n    return requests.post(API_URL, json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()[0]["generated_text"]\n\n'
        'def classify(t):\n    return requests.post(API_URL, json={"inputs": t}).json()\n'
    )
    result = run(source)
    assert result.count("TODO(HFM107)") == 1 and result.index("TODO(HFM107)") < result.index("def classify")


def test_qa_a_model_url_no_chain_reaches_gets_the_chat_advice_where_it_is_defined():
    transformed(
        f'''
        API_URL = "{L}/models/gpt2"

        def query(payload, url=API_URL):
            return requests.post(url, json=payload).json()

        print(query({{"inputs": "Hi", "parameters": {{"max_new_tokens": 5}}}})[0]["generated_text"])
        ''',
        f"""
        # hfmigrate: TODO(HFM107): this looks like LLM text generation; hf-inference serves no LLM (it answers 404): move it to POST {CHAT} with "model" and "messages", and read ["choices"][0]["message"]["content"]
        API_URL = "https://router.huggingface.co/hf-inference/models/gpt2"

        def query(payload, url=API_URL):
            return requests.post(url, json=payload).json()

        print(query({{"inputs": "Hi", "parameters": {{"max_new_tokens": 5}}}})[0]["generated_text"])
        """,
    )


# --- issue 9: the shapes real code has ---------------------------------------------------------------------------

M = "mistralai/Mistral-7B-Instruct-v0.3"


def test_wrapper_with_several_call_sites_converts_every_body_and_every_read():
    transformed(
        f'''
        API_URL = "{L}/models/{M}"

        def query(payload):
            response = requests.post(API_URL, headers=headers, json=payload)
            return response.json()

        def main():
            out = query({{"inputs": "a", "parameters": {{"max_new_tokens": 5}}}})
            print(out[0]["generated_text"])
            second = query({{"inputs": "b"}})
            return second[0].get("generated_text", "")
        ''',
        f'''
        API_URL = "{CHAT}"

        def query(payload):
            response = requests.post(API_URL, headers=headers, json=payload)
            return response.json()

        def main():
            out = query({{"model": "{M}", "messages": [{{"role": "user", "content": "a"}}], "max_tokens": 5}})
            print(out["choices"][0]["message"]["content"])
            second = query({{"model": "{M}", "messages": [{{"role": "user", "content": "b"}}]}})
            return second["choices"][0]["message"].get("content", "")
        ''',
    )


def test_wrapper_with_a_model_local_to_it_injects_the_model_into_its_request():
    transformed(
        f'''
        def query(payload, model="{M}"):
            return requests.post(f"{L}/models/{{model}}", json=payload).json()

        print(query({{"inputs": "a", "parameters": {{"max_new_tokens": 5}}}})[0]["generated_text"])
        ''',
        f'''
        def query(payload, model="{M}"):
            return requests.post("{CHAT}", json={{"model": model, **payload}}).json()

        print(query({{"messages": [{{"role": "user", "content": "a"}}], "max_tokens": 5}})["choices"][0]["message"]["content"])
        ''',
    )


def test_a_wrapper_with_one_blocking_call_site_gets_one_marker_naming_it_and_nothing_is_converted():
    source = f'''
        API_URL = "{L}/models/{M}"

        def query(payload):
            return requests.post(API_URL, json=payload).json()

        out = query({{"inputs": "Hi", "parameters": {{"max_new_tokens": 5}}}})
        print(out[0]["generated_text"])
        data = load()
        print(query(data)[0]["generated_text"])
        '''
    import textwrap

    from tests.rewrite.helpers import run

    result = run(textwrap.dedent(source))
    assert (
        result.count("TODO(HFM107)") == 1 and "the call at line 10: `data` is not one dict assigned in reach" in result
    )
    assert CHAT + '"' not in result and result.count('[0]["generated_text"]') == 2 and '"inputs": "Hi"' in result
    assert f'API_URL = "https://router.huggingface.co/hf-inference/models/{M}"' in result


def test_a_body_built_over_several_statements():
    transformed(
        f'''
        def ask(p):
            payload = {{"inputs": p}}
            payload["parameters"] = {{"max_new_tokens": 50, "top_k": 3}}
            payload["parameters"]["temperature"] = 0.2
            r = requests.post("{L}/models/{M}", json=payload)
            return r.json()[0]["generated_text"]
        ''',
        f'''
        def ask(p):
            # hfmigrate: TODO(HFM204): dropped top_k (no chat-completions field); check the output
            payload = {{"model": "{M}", "messages": [{{"role": "user", "content": p}}]}}
            payload.update({{"max_tokens": 50}})
            payload["temperature"] = 0.2
            r = requests.post("{CHAT}", json=payload)
            return r.json()["choices"][0]["message"]["content"]
        ''',
    )


def test_a_module_level_body_and_isinstance_checks_of_the_result():
    transformed(
        f'''
        PAYLOAD = {{"inputs": "Tell me a joke", "parameters": {{"max_new_tokens": 20}}}}

        def ask():
            out = requests.post("{L}/models/{M}", json=PAYLOAD).json()
            if isinstance(out, list) and len(out) > 0:
                return out[0]["generated_text"]
            elif isinstance(out, dict) and "error" in out:
                raise RuntimeError(out["error"])
        ''',
        f'''
        PAYLOAD = {{"model": "{M}", "messages": [{{"role": "user", "content": "Tell me a joke"}}], "max_tokens": 20}}

        def ask():
            out = requests.post("{CHAT}", json=PAYLOAD).json()
            if (isinstance(out, dict) and "choices" in out) and len(out) > 0:
                return out["choices"][0]["message"]["content"]
            elif (isinstance(out, dict) and "choices" not in out) and "error" in out:
                raise RuntimeError(out["error"])
        ''',
    )


def test_results_read_in_a_comprehension_a_loop_and_through_an_item_variable():
    transformed(
        f'''
        def ask(p):
            out = requests.post("{L}/models/{M}", json={{"inputs": p, "parameters": {{"num_return_sequences": 3}}}}).json()
            texts = [o["generated_text"] for o in out]
            for item in out:
                print(item.get("generated_text"))
            first = out[0]
            return texts, first["generated_text"]
        ''',
        f'''
        def ask(p):
            out = requests.post("{CHAT}", json={{"model": "{M}", "messages": [{{"role": "user", "content": p}}], "n": 3}}).json()
            texts = [o["message"]["content"] for o in out["choices"]]
            for item in out["choices"]:
                print(item["message"].get("content"))
            first = out["choices"][0]
            return texts, first["message"]["content"]
        ''',
    )


def test_a_printed_and_logged_result_is_converted_with_a_marker_saying_what_it_shows_now():
    transformed(
        f'''
        def ask(p):
            out = requests.post("{L}/models/{M}", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()
            print(out)
            logger.info("got %s", out)
        ''',
        f'''
        def ask(p):
            out = requests.post("{CHAT}", json={{"model": "{M}", "messages": [{{"role": "user", "content": p}}], "max_tokens": 5}}).json()
            # hfmigrate: TODO(HFM107): this shows a chat completion now, {{"choices": [{{"message": {{"content": ...}}}}]}}, no longer [{{"generated_text": ...}}]; the text is at ["choices"][0]["message"]["content"]
            print(out)
            # hfmigrate: TODO(HFM107): this shows a chat completion now, {{"choices": [{{"message": {{"content": ...}}}}]}}, no longer [{{"generated_text": ...}}]; the text is at ["choices"][0]["message"]["content"]
            logger.info("got %s", out)
        ''',
    )


def test_a_wrapper_returning_the_response_with_a_prompt_slice_at_its_caller():
    transformed(
        f'''
        API_URL = "{L}/models/{M}"
        def query(payload):
            response = requests.post(API_URL, json=payload)
            response.raise_for_status()
            return response

        def main(prompt):
            return query({{"inputs": prompt, "parameters": {{"max_new_tokens": 9}}}}).json()[0]["generated_text"][len(prompt):].strip()
        ''',
        f'''
        API_URL = "{CHAT}"
        def query(payload):
            response = requests.post(API_URL, json=payload)
            response.raise_for_status()
            return response

        def main(prompt):
            return query({{"model": "{M}", "messages": [{{"role": "user", "content": prompt}}], "max_tokens": 9}}).json()["choices"][0]["message"]["content"].strip()
        ''',
    )


def test_a_hand_built_chat_template_and_a_message_list_in_inputs():
    transformed(
        f'''
        def ask(p, history):
            a = requests.post("{L}/models/{M}", json={{"inputs": f"<s>[INST] {{p}} [/INST]"}}).json()[0]["generated_text"]
            b = requests.post("{L}/models/{M}", json={{"inputs": [{{"role": "user", "content": p}}]}}).json()[0]["generated_text"]
            return a, b
        ''',
        f'''
        def ask(p, history):
            # hfmigrate: TODO(HFM107): the message still holds a hand-built chat template (`[INST]`): the provider applies the model's own template; send the plain text as messages
            a = requests.post("{CHAT}", json={{"model": "{M}", "messages": [{{"role": "user", "content": f"<s>[INST] {{p}} [/INST]"}}]}}).json()["choices"][0]["message"]["content"]
            b = requests.post("{CHAT}", json={{"model": "{M}", "messages": [{{"role": "user", "content": p}}]}}).json()["choices"][0]["message"]["content"]
            return a, b
        ''',
    )


def test_bad_input_each_blocker_is_named_and_nothing_is_half_converted():
    from tests.rewrite.helpers import run

    cases = {
        "wrapper called from another module": (
            "def query(payload):\n    return requests.post(URL, json=payload).json()\n",
            "`query` is not called in this module (its callers are out of reach)",
        ),
        "body changed after the call": (
            'def ask(p):\n    payload = {"inputs": p, "parameters": {"max_new_tokens": 5}}\n'
            '    r = requests.post(URL, json=payload)\n    payload["inputs"] = "again"\n    return r.json()[0]["generated_text"]\n',
            "the body `payload` is changed after the call (line 7)",
        ),
        "result used as text and as a list": (
            'def ask(p):\n    out = requests.post(URL, json={"inputs": p, "parameters": {"max_new_tokens": 5}}).json()\n'
            '    if out.startswith("Error"):\n        return None\n    return out[0]["generated_text"]\n',
            "line 6: the result's `.startswith` is used (a list has none)",
        ),
        "body changed with update": (
            'def ask(p, extra):\n    payload = {"inputs": p}\n    payload.update(extra)\n'
            '    return requests.post(URL, json=payload).json()[0]["generated_text"]\n',
            "the body is changed with `.update` at line 6",
        ),
    }
    for name, (body, reason) in cases.items():
        source = f'import requests\nURL = "{L}/models/{M}"\n\n{body}'
        result = run(source)
        assert result.count("TODO(HFM107)") == 1 and reason in result, (name, result)
        code = "".join(line for line in result.splitlines(keepends=True) if "TODO(" not in line)
        assert CHAT not in code and '"messages"' not in code and "choices" not in code, name
        assert f"hf-inference/models/{M}" in result, name


def test_noop_when_the_chat_conversion_is_already_done():
    noop(
        f'''
        API_URL = "{CHAT}"

        def query(payload):
            return requests.post(API_URL, json=payload).json()

        out = query({{"model": "{M}", "messages": [{{"role": "user", "content": "a"}}], "max_tokens": 5}})
        print(out["choices"][0]["message"]["content"])
        '''
    )


def test_an_llm_url_constant_no_call_reaches_gets_the_advice_but_a_classifier_does_not():
    from tests.rewrite.helpers import run

    llm = run(f'MODEL_URL = "{L}/models/{M}"\n')
    assert "TODO(HFM107)" in llm and f"hf-inference/models/{M}" in llm
    classifier = run(f'MODEL_URL = "{L}/models/distilbert-base-uncased-finetuned-sst-2-english"\n')
    assert "TODO" not in classifier


def test_a_wrapper_another_module_imports_is_marked_not_converted(tmp_path):
    from hfmigrate.rewrite import rewrite_paths

    source = (
        f'import requests\nAPI_URL = "{L}/models/{M}"\n\ndef query(payload):\n    return requests.post(API_URL, json=payload).json()\n\n'
        'print(query({"inputs": "Hi", "parameters": {"max_new_tokens": 5}})[0]["generated_text"])\n'
    )
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "gen.py").write_text(source)
    (tmp_path / "shared" / "other.py").write_text(
        'from gen import query\n\nprint(query({"inputs": "Yo"})[0]["generated_text"])\n'
    )
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "gen.py").write_text(source)
    rewrite_paths([tmp_path / "shared"])
    rewrite_paths([tmp_path / "alone"])
    shared = (tmp_path / "shared" / "gen.py").read_text()
    assert "`query` is imported by another module" in shared and shared.count("TODO(HFM107)") == 1
    assert '"inputs": "Hi"' in shared and '[0]["generated_text"]' in shared and CHAT + '"' not in shared
    assert CHAT + '"' in (tmp_path / "alone" / "gen.py").read_text()  # the same module, with no importer: converted


def test_on_the_partial_path_every_read_and_every_later_change_of_the_body_is_in_view():
    """Only the relevant statements of a long module are parsed; for text generation they are closed over the
    names they bind, so the third-hand read of the result converts and a later change of the body blocks."""
    from tests.rewrite.helpers import run

    padding = "".join(f"\ndef helper_{i}(x):\n    return x + {i}\n" for i in range(40))
    classic = (
        f'import requests\nAPI_URL = "{L}/models/{M}"\n{padding}\ndef query(payload):\n'
        "    return requests.post(API_URL, json=payload).json()\n\n"
        'output = query({"inputs": "Hi", "parameters": {"max_new_tokens": 5}})\nX = 1\n'
        'text = output[0]["generated_text"]\nprint(text)\n'
    )
    converted = run(classic)
    assert 'text = output["choices"][0]["message"]["content"]' in converted and CHAT in converted
    mutated = (
        f'import requests\nAPI_URL = "{L}/models/{M}"\n{padding}\npayload = {{"inputs": "Hi", "parameters": {{"max_new_tokens": 5}}}}\n'
        "output = requests.post(API_URL, json=payload).json()\n"
        'payload["inputs"] = "again"\nprint(output[0]["generated_text"])\n'
    )
    blocked = run(mutated)
    line = mutated.splitlines().index('payload["inputs"] = "again"') + 1
    assert f"the body `payload` is changed after the call (line {line})" in blocked
    assert '[0]["generated_text"]' in blocked and '"messages"' not in blocked.replace('"model" and "messages"', "")
