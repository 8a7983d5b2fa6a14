"""Sentiment through a host constant imported from config (issue 9, point 5)."""
import requests

from config import HEADERS, HF_API_BASE

MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english"

response = requests.post(f"{HF_API_BASE}/models/{MODEL}", headers=HEADERS, json={"inputs": "I love it"}, timeout=10)
response.raise_for_status()
print(response.json()[0][0]["label"])
