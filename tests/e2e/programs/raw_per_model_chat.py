"""A raw POST to a per-model chat URL of the retired host, with the TGI placeholder model (issue 9, point 3)."""
import os

import requests

MODEL_ID = "mistralai/Mistral-7B-Instruct-v0.3"
response = requests.post(
    f"https://api-inference.huggingface.co/models/{MODEL_ID}/v1/chat/completions",
    headers={"Authorization": f"Bearer {os.environ['HF_TOKEN']}"},
    json={"model": "tgi", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 20},
    timeout=10,
)
response.raise_for_status()
print(response.json()["choices"][0]["message"]["content"])
