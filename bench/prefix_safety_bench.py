"""How long does rewrite's first pass take to judge a host constant by binding (``prefixes.with_safety``)?

    .venv/bin/python bench/prefix_safety_bench.py                       # this checkout
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/prefix_safety_bench.py   # compare another one

301 modules: the constant's own, and 300 that import it and read it 40 times inside functions (the worst case
for following bindings; ``ast.parse`` of the modules is most of the time). Prints the median of 5 runs.
"""

from __future__ import annotations

import time
from pathlib import Path

import hfmigrate.rewrite.prefixes as prefixes

LEGACY = "https://api-inference.huggingface.co"
BODY = "".join(
    f"def f{i}(x, y=1):\n    z = x + y\n    for k in range(3):\n        z += k\n"
    f"    return f'{{HF_API_BASE}}/models/{{x}}' + str(z)\n\n"
    for i in range(40)
)


def main() -> None:
    sources = [(Path("config.py"), f'HF_API_BASE = "{LEGACY}"\n')]
    sources += [(Path(f"m{i}.py"), "from config import HF_API_BASE\n" + BODY) for i in range(300)]
    constants = [prefixes.PrefixConstant("config", "HF_API_BASE", LEGACY)]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        judged = prefixes.with_safety(constants, sources)
        times.append(time.perf_counter() - start)
    assert judged[0].safe
    print(f"{prefixes.__file__}: with_safety on {len(sources)} modules, median {sorted(times)[2] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
