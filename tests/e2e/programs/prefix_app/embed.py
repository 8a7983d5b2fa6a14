"""Embeddings through a host held in a local variable and joined in the same function (point 5)."""
import os

import requests

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def embed(text):
    base = os.getenv("HF_BASE", "https://api-inference.huggingface.co")
    url = f"{base}/pipeline/feature-extraction/{MODEL}"
    response = requests.post(url, headers={"Authorization": f"Bearer {os.environ['HF_TOKEN']}"}, json={"inputs": text}, timeout=10)
    response.raise_for_status()
    return response.json()


print(len(embed("reset password")))
