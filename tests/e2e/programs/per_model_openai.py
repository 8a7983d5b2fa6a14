"""An OpenAI client on a per-model (TGI) URL of the retired host, sending a placeholder model (issue 9, point 3)."""
import os

from openai import OpenAI

MODEL_ID = "meta-llama/Llama-3.1-8B-Instruct"
client = OpenAI(
    base_url=f"https://api-inference.huggingface.co/models/{MODEL_ID}/v1/",
    api_key=os.environ["HF_TOKEN"],
)


def main():
    out = client.chat.completions.create(model="tgi", messages=[{"role": "user", "content": "Hi"}], max_tokens=20)
    print(out.choices[0].message.content)


main()
