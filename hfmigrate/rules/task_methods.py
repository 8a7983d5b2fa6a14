"""The InferenceClient task method for each legacy task, and what its result looks like now (HFM301, HFM302).

InferenceApi and ``InferenceClient.post`` returned raw JSON; the task methods parse their answers (strings,
dataclasses, arrays), so a converted call gets a marker naming what changed. Text generation (or the old
``conversational`` task) on a chat model becomes ``chat_completion`` instead: today's LLMs are served only for chat
(hf-api.md §0).
"""

from __future__ import annotations

# task → (method, what the result looks like now)
TASK_METHODS = {
    "text-generation": ("text_generation", "a str (the generated text), not [{'generated_text': ...}]"),
    "text2text-generation": ("text_generation", "a str, not [{'generated_text': ...}]"),
    "summarization": ("summarization", "an object with .summary_text, not [{'summary_text': ...}]"),
    "translation": ("translation", "an object with .translation_text, not [{'translation_text': ...}]"),
    "text-classification": ("text_classification", "a flat list of (label, score) elements, not [[...]]"),
    "sentiment-analysis": ("text_classification", "a flat list of (label, score) elements, not [[...]]"),
    "token-classification": ("token_classification", "a list of elements with .entity_group/.word/.score"),
    "feature-extraction": ("feature_extraction", "a numpy array, not nested lists"),
    "fill-mask": ("fill_mask", "a list of elements with .token_str/.score"),
    "text-to-image": ("text_to_image", "a PIL.Image, not bytes"),
    "image-to-text": ("image_to_text", "an object with .generated_text, not [{'generated_text': ...}]"),
    "image-classification": ("image_classification", "a list of (label, score) elements"),
    "automatic-speech-recognition": ("automatic_speech_recognition", "an object with .text"),
    "zero-shot-classification": ("zero_shot_classification", "a list of (label, score) elements"),
}
CHAT_TASKS = frozenset({"text-generation", "conversational"})
NOT_CHAT_HINT = "; if {model} is an LLM, use chat_completion(messages=[...]): today's LLMs are served only for chat"
