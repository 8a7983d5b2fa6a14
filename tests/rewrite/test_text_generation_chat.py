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
        '''
        from config import HF_API_BASE, MODEL_ID
        API_URL = f"{HF_API_BASE}/models/{MODEL_ID}"

        def ask(prompt):
            out = requests.post(API_URL, json={"inputs": prompt, "parameters": {"max_new_tokens": 9}})
            return out.json()[0]["generated_text"]
        ''',
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


def test_payload_from_a_parameter_is_out_of_reach_url_goes_to_hf_inference_with_a_marker():
    transformed(
        f'''
        API_URL = "{L}/models/gpt2"

        def query(payload):
            return requests.post(API_URL, json=payload).json()

        print(query({{"inputs": "Once upon a time"}})[0]["generated_text"])
        ''',
        f'''
        API_URL = "https://router.huggingface.co/hf-inference/models/gpt2"

        def query(payload):
            # hfmigrate: TODO(HFM107): this looks like LLM text generation, kept on hf-inference, which serves few LLMs; move it to POST {CHAT} with messages and read ["choices"][0]["message"]["content"]
            return requests.post(API_URL, json=payload).json()
        ''' + '''
        print(query({"inputs": "Once upon a time"})[0]["generated_text"])
        ''',
    )


def test_result_returned_unread_keeps_the_legacy_payload_with_a_marker():
    transformed(
        f'''
        def ask(p):
            return requests.post("{L}/models/gpt2", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()
        ''',
        f'''
        def ask(p):
            # hfmigrate: TODO(HFM107): this looks like LLM text generation, kept on hf-inference, which serves few LLMs; move it to POST {CHAT} with messages and read ["choices"][0]["message"]["content"]
            return requests.post("https://router.huggingface.co/hf-inference/models/gpt2", json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()
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
        '''
        API_URL = "https://router.huggingface.co/hf-inference/models/Salesforce/blip-image-captioning-large"

        def caption(filename):
            with open(filename, "rb") as f:
                data = f.read()
            response = requests.post(API_URL, headers=headers, data=data)
            return response.json()[0]["generated_text"]
        ''',
    )


def test_summarization_keeps_the_legacy_payload():
    transformed(
        f'''
        def summarize(text):
            payload = {{"inputs": text, "parameters": {{"max_length": 60}}}}
            return requests.post("{L}/models/facebook/bart-large-cnn", json=payload).json()[0]["summary_text"]
        ''',
        '''
        def summarize(text):
            payload = {"inputs": text, "parameters": {"max_length": 60}}
            return requests.post("https://router.huggingface.co/hf-inference/models/facebook/bart-large-cnn", json=payload).json()[0]["summary_text"]
        ''',
    )


def test_shared_url_is_not_converted_for_one_caller():
    source = f'''
        API_URL = "{L}/models/gpt2"

        def a(p):
            return requests.post(API_URL, json={{"inputs": p, "parameters": {{"max_new_tokens": 5}}}}).json()[0]["generated_text"]

        def b(p):
            return requests.post(API_URL, json={{"inputs": p}}).json()
        '''
    from tests.rewrite.helpers import run
    import textwrap

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
        '''
        def ask(p):
            payload = {"inputs": p, "parameters": {"max_new_tokens": 5}}
            return requests.post("https://xyz.us-east-1.aws.endpoints.huggingface.cloud", json=payload).json()[0]["generated_text"]
        '''
    )


def test_streamed_generation_is_marked_not_converted_and_scan_then_sees_only_markers(tmp_path):
    transformed(
        f'''
        def stream(p):
            payload = {{"inputs": p, "parameters": {{"max_new_tokens": 5}}, "stream": True}}
            for line in requests.post("{L}/models/gpt2", json=payload, stream=True).iter_lines():
                yield json.loads(line[5:])["token"]["text"]
        ''',
        '''
        def stream(p):
            # hfmigrate: TODO(HFM205): streamed text generation: move it to chat completions with stream=True and parse choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)
            payload = {"inputs": p, "parameters": {"max_new_tokens": 5}, "stream": True}
            for line in requests.post("https://router.huggingface.co/hf-inference/models/gpt2", json=payload, stream=True).iter_lines():
                # hfmigrate: TODO(HFM205): streamed text generation: move it to chat completions with stream=True and parse choices[0].delta.content events until `data: [DONE]` (the TGI token.text events are gone)
                yield json.loads(line[5:])["token"]["text"]
        ''',
    )
    from hfmigrate.scan import scan_paths

    path = tmp_path / "stream.py"
    path.write_text(f'import json, requests\nURL = "{L}/models/gpt2"\n\ndef stream(p):\n    payload = {{"inputs": p, "stream": True}}\n'
                    '    for line in requests.post(URL, json=payload).iter_lines():\n        yield json.loads(line)["token"]["text"]\n')
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
        '''
        def caption(img):
            r = requests.post("https://router.huggingface.co/hf-inference/models/Salesforce/blip-image-captioning-large", json={"inputs": img, "parameters": {"max_new_tokens": 9}})
            return r.json()[0]["generated_text"]
        ''',
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
        f'''
        # hfmigrate: TODO(HFM107): this looks like LLM text generation, kept on hf-inference, which serves few LLMs; move it to POST {CHAT} with messages and read ["choices"][0]["message"]["content"]
        API_URL = "https://router.huggingface.co/hf-inference/models/gpt2"

        def query(payload, url=API_URL):
            return requests.post(url, json=payload).json()

        print(query({{"inputs": "Hi", "parameters": {{"max_new_tokens": 5}}}})[0]["generated_text"])
        ''',
    )
