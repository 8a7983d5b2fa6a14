"""hfmigrate: find and migrate code that still calls the retired Hugging Face Inference API host."""

__version__ = "0.1.0"
