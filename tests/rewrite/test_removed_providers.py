from tests.rewrite.helpers import noop, transformed


def test_removed_provider_keyword_suffix_and_path_are_marked_not_changed():
    message = "provider `{}` was removed from the router on 2026-07-01; pick a live provider (`hfmigrate check-models MODEL`) or use `:fastest`"
    transformed(
        'client = InferenceClient(provider="sambanova")\n'
        'model = "meta-llama/Llama-3.3-70B-Instruct:nebius"\n'
        'base = "https://router.huggingface.co/hyperbolic/v1"\n',
        f"# hfmigrate: TODO(HFM501): {message.format('sambanova')}\n"
        'client = InferenceClient(provider="sambanova")\n'
        f"# hfmigrate: TODO(HFM501): {message.format('nebius')}\n"
        'model = "meta-llama/Llama-3.3-70B-Instruct:nebius"\n'
        f"# hfmigrate: TODO(HFM501): {message.format('hyperbolic')}\n"
        'base = "https://router.huggingface.co/hyperbolic/v1"\n',
    )


def test_live_providers_and_policies_are_noops():
    noop('c = InferenceClient(provider="together")\nm = "openai/gpt-oss-120b:fastest"\nn = "nvidia/Nemotron-Mini"\n')
