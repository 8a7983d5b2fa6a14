"""HFM302-HFM304, HFM308 (hfmigrate/rules/hub_client.py): removed client methods and TGI's legacy clients."""

from hfmigrate.engine.kinds import Applied
from hfmigrate.rules import REGISTRY
from hfmigrate.scan import parse_and_scan
from tests.rules.spec import codes, noop, references, reported, rewrite, transformed

# --- HFM302: InferenceClient.post -------------------------------------------------------------------------------


def test_transformed_post_with_a_known_task_becomes_the_task_method():
    transformed(
        """
        from huggingface_hub import InferenceClient

        client = InferenceClient()
        vectors = client.post(json={"inputs": "hi"}, model="BAAI/bge-small-en-v1.5", task="feature-extraction")
        """,
        """
        from huggingface_hub import InferenceClient

        client = InferenceClient()
        # hfmigrate: TODO(HFM302): feature_extraction returns a numpy array, not nested lists: check how the result is read
        vectors = client.feature_extraction("hi", model="BAAI/bge-small-en-v1.5")
        """,
    )


def test_transformed_post_on_a_chat_model_follows_json_loads_to_the_reads():
    transformed(
        """
        import json
        from huggingface_hub import InferenceClient

        client = InferenceClient(model="Qwen/Qwen2.5-7B-Instruct")
        answer = json.loads(client.post(json={"inputs": "Hi"}, task="text-generation"))[0]["generated_text"]
        """,
        """
        import json
        from huggingface_hub import InferenceClient

        client = InferenceClient(model="Qwen/Qwen2.5-7B-Instruct")
        answer = client.chat_completion(messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content
        """,
    )


def test_transformed_post_on_a_parameter_annotated_as_a_client():
    """One behaviour for scan and rewrite (the engine's): a parameter annotated InferenceClient is a client. The
    older scan visitor never treated it as one, and the older rewrite only followed assigned names."""
    transformed(
        """
        from huggingface_hub import InferenceClient


        def embed(client: InferenceClient, text: str):
            return client.post(json={"inputs": text}, task="feature-extraction")
        """,
        """
        from huggingface_hub import InferenceClient


        def embed(client: InferenceClient, text: str):
            # hfmigrate: TODO(HFM302): feature_extraction returns a numpy array, not nested lists: check how the result is read
            return client.feature_extraction(text)
        """,
    )


def test_post_without_a_task_is_reported_and_marked():
    source = "from huggingface_hub import InferenceClient\nc = InferenceClient()\nraw = c.post(json={'inputs': 'x'})\n"
    reported(source, "HFM302")
    result, applied = rewrite(source)
    assert "# hfmigrate: TODO(HFM302): InferenceClient.post was removed in 0.31" in result
    assert applied == {Applied.marker("HFM302"): 1}


def test_noop_post_on_a_local_http_client_that_hides_a_module_client():
    """The older rewrite matched the name `client` anywhere in the module and marked httpx's post; scan never did."""
    noop(
        """
        import httpx
        from huggingface_hub import InferenceClient

        client = InferenceClient()


        def submit():
            client = httpx.Client()
            return client.post("/submit", json={"x": 1})
        """
    )
    source = (
        "import httpx\nfrom huggingface_hub import InferenceClient\nclient = InferenceClient()\n"
        "def submit():\n    client = httpx.Client()\n    return client.post('/submit', json={'x': 1})\n"
    )
    assert "HFM302" not in codes(source)


def test_noop_post_on_other_objects_and_decorators():
    noop(
        """
        import requests
        from fastapi import FastAPI
        from huggingface_hub import InferenceClient

        app = FastAPI()
        client = InferenceClient()


        @app.post("/chat")
        def chat():
            return requests.post("https://example.com", json={"inputs": "x"})
        """
    )


def test_scan_tells_dependency_rules_the_tree_calls_post():
    scanned = parse_and_scan(
        "m.py", "from huggingface_hub import InferenceClient\nInferenceClient().post(json={'inputs': 1})\n"
    )
    assert not isinstance(scanned, str) and scanned.uses_client_post


# --- HFM303: get_model_status / list_deployed_models ------------------------------------------------------------


def test_removed_hub_functions_are_reported_with_a_marker():
    source = (
        "from huggingface_hub import InferenceClient, get_model_status\n"
        "status = InferenceClient().get_model_status('gpt2')\n"
        "loaded = get_model_status('gpt2').loaded\n"
    )
    assert len(reported(source, "HFM303")) == 3
    result, applied = rewrite(source)
    assert result.count("# hfmigrate: TODO(HFM303): `get_model_status` / `list_deployed_models`; see") == 3
    assert applied == {Applied.marker("HFM303"): 3}


def test_noop_same_named_methods_of_other_objects():
    noop("class Registry:\n    def get_model_status(self):\n        return 1\n\n\nRegistry().get_model_status()\n")
    assert "HFM303" not in codes("Registry().get_model_status()\nregistry.list_deployed_models()\n")


# --- HFM304: get_endpoint_info on a Hub model id ----------------------------------------------------------------


def test_endpoint_info_for_a_hub_model_is_reported_with_a_marker():
    source = (
        "from huggingface_hub import InferenceClient\nMODEL = 'gpt2'\n"
        "bound = InferenceClient(model=MODEL)\ninfo = bound.get_endpoint_info()\n"
    )
    reported(source, "HFM304")
    result, applied = rewrite(source)
    assert "# hfmigrate: TODO(HFM304): `get_endpoint_info(model=...)` reads the legacy host; see" in result
    assert applied == {Applied.marker("HFM304"): 1}


def test_noop_endpoint_info_on_an_endpoint_url():
    noop(
        """
        from huggingface_hub import InferenceClient

        URL = "https://xyz.us-east-1.aws.endpoints.huggingface.cloud"
        endpoint = InferenceClient(URL)
        info = endpoint.get_endpoint_info()
        local = InferenceClient(base_url="http://localhost:8080").get_endpoint_info()
        """
    )


# --- HFM308: TGI's InferenceAPIClient ---------------------------------------------------------------------------


def test_tgi_legacy_clients_are_reported_with_a_marker_also_the_async_one():
    source = (
        "from text_generation import InferenceAPIAsyncClient\nclient = InferenceAPIAsyncClient('bigscience/bloomz')\n"
    )
    assert len(reported(source, "HFM308")) == 2
    assert REGISTRY.may_match(source.encode()), "the older pre-filter had no needle for the async client"
    result, applied = rewrite(source)
    assert applied == {Applied.marker("HFM308"): 2}
    assert result.count("# hfmigrate: TODO(HFM308): TGI `InferenceAPIClient` / `deployed_models`; see") == 2


def test_noop_tgi_client_on_an_endpoint():
    noop("from text_generation import Client\nlocal = Client('http://localhost:8080')\n")


# --- the model a TGI client is built with (check-models --from-code reads it) ----------------------------------


def test_references_the_model_of_a_tgi_client():
    source = """
        from text_generation import InferenceAPIClient, InferenceAPIAsyncClient

        client = InferenceAPIClient("bigscience/bloomz")
        other = InferenceAPIAsyncClient(repo_id="google/flan-t5-xl", token=TOKEN)
        """
    assert references(source) == [("bigscience/bloomz", 4, None, None), ("google/flan-t5-xl", 5, None, None)]


def test_references_nothing_for_a_client_of_another_package():
    assert references('from mytgi import InferenceAPIClient\nc = InferenceAPIClient("bigscience/bloomz")\n') == []
