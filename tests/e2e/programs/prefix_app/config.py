"""Settings: the inference host, overridable from the environment."""
import os

HF_API_BASE = os.environ.get("HF_API_BASE", "https://api-inference.huggingface.co")
HEADERS = {"Authorization": f"Bearer {os.environ.get('HF_TOKEN', '')}"}
