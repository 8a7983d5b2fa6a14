"""InferenceApi text generation on a chat model (issue 9, point 4)."""
import os

from huggingface_hub.inference_api import InferenceApi

api = InferenceApi(repo_id="mistralai/Mistral-7B-Instruct-v0.3", task="text-generation", token=os.environ["HF_TOKEN"])


def ask(prompt):
    out = api(inputs=prompt, params={"max_new_tokens": 50, "temperature": 0.2})
    return out[0]["generated_text"]


print(ask("Summarise: printer offline"))
