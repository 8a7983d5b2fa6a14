"""InferenceClient.post (removed in huggingface_hub 0.31) with task text-generation on a chat model (point 4)."""
import json
import os

from huggingface_hub import InferenceClient

client = InferenceClient(token=os.environ["HF_TOKEN"])
answer = json.loads(client.post(
    json={"inputs": "Summarise: printer offline", "parameters": {"max_new_tokens": 40}},
    model="meta-llama/Llama-3.1-8B-Instruct",
    task="text-generation",
))
print(answer[0]["generated_text"])
