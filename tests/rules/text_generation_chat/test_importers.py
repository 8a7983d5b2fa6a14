"""rules/text_generation_chat/importers.py: which names the tree's other modules import from each module that generates
text."""

from __future__ import annotations

from pathlib import Path

from hfmigrate.rules.text_generation_chat.importers import STAR, asking, names_imported_from


def _imports(files: dict[str, str], stems: set[str]) -> dict[str, frozenset[str]]:
    return names_imported_from(((Path(name), text.encode()) for name, text in files.items()), stems)


def test_transformed_every_spelling_of_an_import_is_read() -> None:
    files = {
        "a.py": "from gen import query, other\n",
        "b.py": "from pkg.gen import (\n    wrap as w,\n    third,\n)\n",
        "c.py": "import pkg.gen\n\npkg.gen.fourth(1)\ngen.not_this_one\n",  # read through the name imported
        "d.py": "from .gen import *\n",
    }
    assert _imports(files, {"gen"}) == {"gen": frozenset({"query", "other", "wrap", "third", "fourth", STAR})}


def test_noop_a_module_that_only_mentions_the_name_imports_nothing() -> None:
    files = {
        "a.py": "# gen is the generator module\nprint('gen')\nimport os\n",
        "b.py": "from general import query\nfrom gen2 import other\n",
        "gen.py": "from gen import itself\n",  # its own name
    }
    assert _imports(files, {"gen"}) == {}


def test_noop_no_module_asks() -> None:
    assert _imports({"a.py": "from gen import query\n"}, set()) == {}


def test_only_modules_that_generate_text_ask() -> None:
    files = [(Path("gen.py"), b'x = {"inputs": 1}\n'), (Path("plain.py"), b"x = 1\n")]
    assert asking(files) == {"gen"}
