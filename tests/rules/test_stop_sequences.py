"""HFM305 (hfmigrate/rules/stop_sequences.py): ``text_generation(stop_sequences=...)`` becomes ``stop=``."""

from tests.rules.spec import codes, noop, transformed


def test_transformed_on_a_client_bound_to_a_name():
    transformed(
        'from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation(p, stop_sequences=["\\n"], max_new_tokens=5)\n',
        'from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation(p, stop=["\\n"], max_new_tokens=5)\n',
    )


def test_transformed_on_an_async_client_and_an_inline_client():
    transformed(
        """
        from huggingface_hub import AsyncInferenceClient, InferenceClient
        aclient = AsyncInferenceClient()
        await aclient.text_generation(p, stop_sequences=stops)
        InferenceClient().text_generation(p, max_new_tokens=3, stop_sequences=["."])
        """,
        """
        from huggingface_hub import AsyncInferenceClient, InferenceClient
        aclient = AsyncInferenceClient()
        await aclient.text_generation(p, stop=stops)
        InferenceClient().text_generation(p, max_new_tokens=3, stop=["."])
        """,
    )


def test_transformed_on_self_attribute_bound_in_init_below_the_method():
    transformed(
        """
        import huggingface_hub as hh

        class Bot:
            def answer(self, p):
                return self.client.text_generation(p, stop_sequences=["\\n"])

            def __init__(self):
                self.client = hh.InferenceClient(model="bigcode/starcoder2-3b")
        """,
        """
        import huggingface_hub as hh

        class Bot:
            def answer(self, p):
                return self.client.text_generation(p, stop=["\\n"])

            def __init__(self):
                self.client = hh.InferenceClient(model="bigcode/starcoder2-3b")
        """,
    )


def test_transformed_marker_when_stop_is_also_given():
    transformed(
        'from huggingface_hub import InferenceClient\nInferenceClient().text_generation(p, stop=["a"], stop_sequences=["b"])\n',
        "from huggingface_hub import InferenceClient\n"
        "# hfmigrate: TODO(HFM305): the call passes both `stop` and the removed `stop_sequences`: keep one list, named `stop`\n"
        'InferenceClient().text_generation(p, stop=["a"], stop_sequences=["b"])\n',
    )


def test_noop_outside_huggingface_hub():
    noop('from text_generation import Client\nClient(url).generate(p, stop_sequences=["x"])\n')


def test_noop_on_an_object_that_is_not_known_to_be_an_inference_client():
    """The disagreement issue 12 names: rewrite used to rename this, scan reported nothing. Now both leave it."""
    source = """
        import huggingface_hub

        def relay(gen):
            return gen.text_generation("hi", stop_sequences=["\\n"])
        """
    noop(source)
    assert "HFM305" not in codes(source)


def test_noop_when_a_local_name_hides_the_module_client():
    noop(
        """
        from huggingface_hub import InferenceClient
        from text_generation import Client
        client = InferenceClient()

        def tgi():
            client = Client("http://localhost:8080")
            return client.text_generation("hi", stop_sequences=["\\n"])
        """
    )


def test_noop_when_already_migrated():
    noop('from huggingface_hub import InferenceClient\nInferenceClient().text_generation(p, stop=["a"])\n')


def test_transformed_on_a_parameter_annotated_as_a_client():
    transformed(
        "from huggingface_hub import InferenceClient\n\ndef ask(client: InferenceClient, p):\n"
        '    return client.text_generation(p, stop_sequences=["\\n"])\n',
        "from huggingface_hub import InferenceClient\n\ndef ask(client: InferenceClient, p):\n"
        '    return client.text_generation(p, stop=["\\n"])\n',
    )
    transformed(
        'import huggingface_hub\n\ndef ask(client: "huggingface_hub.InferenceClient", p):\n'
        '    return client.text_generation(p, stop_sequences=["\\n"])\n',
        'import huggingface_hub\n\ndef ask(client: "huggingface_hub.InferenceClient", p):\n'
        '    return client.text_generation(p, stop=["\\n"])\n',
    )
