"""huggingface_hub's InferenceClient with a per-model base URL of the retired host, no model in the call (point 3)."""
import os

from huggingface_hub import InferenceClient

client = InferenceClient(
    base_url="https://api-inference.huggingface.co/models/mistralai/Mistral-7B-Instruct-v0.3",
    token=os.environ["HF_TOKEN"],
)
out = client.chat_completion(
    messages=[{"role": "user", "content": "Hi"}],
    max_tokens=20,
)
print(out.choices[0].message.content)
