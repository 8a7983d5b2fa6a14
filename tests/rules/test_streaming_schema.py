"""HFM205 (hfmigrate/rules/streaming_schema.py): a hand-parsed TGI stream gets a marker; a person migrates the parser."""

from tests.rules.spec import codes, noop, reported, transformed

MARKER = "# hfmigrate: TODO(HFM205): Hand-parsed TGI stream; see `hfmigrate rules HFM205`"


def test_transformed_a_token_text_read_in_a_module_rewrite_leaves_without_needles():
    """Before, rewrite left the read unmarked: its statement was kept by scan's pruning only, and the leftover pass
    skipped the rewritten module (a router URL is no needle), so the finding vanished from the migrated file."""
    transformed(
        """
        import json

        API_URL = "https://api-inference.huggingface.co/models/bigcode/starcoder"


        def tokens(lines):
            for line in lines:
                yield json.loads(line)["token"]["text"]
        """,
        """
        import json

        # hfmigrate: TODO(HFM107): this looks like LLM text generation; hf-inference serves no LLM (it answers 404): move it to POST https://router.huggingface.co/v1/chat/completions with "model" and "messages", and read ["choices"][0]["message"]["content"]
        API_URL = "https://router.huggingface.co/hf-inference/models/bigcode/starcoder"


        def tokens(lines):
            for line in lines:
                %s
                yield json.loads(line)["token"]["text"]
        """
        % MARKER,
    )


def test_transformed_a_streamed_payload_beside_a_client_gets_the_marker():
    transformed(
        """
        from huggingface_hub import InferenceClient

        client = InferenceClient("https://api-inference.huggingface.co/models/bigcode/starcoder")
        body = {"inputs": "def f():", "stream": True}
        """,
        """
        from huggingface_hub import InferenceClient

        client = InferenceClient("bigcode/starcoder")
        %s
        body = {"inputs": "def f():", "stream": True}
        """
        % MARKER,
    )


def test_reported_without_a_fix():
    reported('API = "https://api-inference.huggingface.co/models/x"\nbody = {"inputs": p, "stream": True}\n', "HFM205")


def test_noop_a_stream_that_is_not_tgi_s_or_a_module_that_is_not_about_hf_inference():
    legacy = 'API = "https://api-inference.huggingface.co/models/x"\n'
    assert "HFM205" not in codes(legacy + 'body = {"inputs": p, "stream": False}\n')
    assert "HFM205" not in codes(legacy + 'body = {"prompt": p, "stream": True}\n')
    noop('import json\n\n\ndef tokens(encoded):\n    return encoded["token"]["text"]\n')  # a tokenizer's output
