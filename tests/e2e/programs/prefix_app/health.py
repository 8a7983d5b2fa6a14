"""An unrelated module with a variable of the same name: it must not block config.HF_API_BASE (point 5)."""
HF_API_BASE = "http://localhost:8080"


def health_url(HF_API_BASE=HF_API_BASE):
    return HF_API_BASE + "/health"


if __name__ == "__main__":
    print(health_url())
