"""rules/pin_files.py: reading pins, and where they are written, out of each kind of dependency file."""

from __future__ import annotations

from hfmigrate.rules.pin_files import find_pins


def test_requirements_pins_with_positions():
    text = (
        "requests>=2\n"
        "huggingface_hub==0.20.3\n"
        "huggingface-hub[cli] >= 0.20, < 0.29 ; python_version > '3.8'\n"
        "# huggingface_hub==0.1  (commented out)\n"
        "langchain_community==0.2.1  # inline comment\n"
        "langchain-huggingface\n"
    )
    pins = [(p.package, p.spec, text[p.start : p.end]) for p in find_pins("requirements.txt", text)]
    assert pins == [
        ("huggingface-hub", "==0.20.3", "huggingface_hub==0.20.3"),
        ("huggingface-hub", ">= 0.20, < 0.29", "huggingface-hub[cli] >= 0.20, < 0.29"),
        ("langchain-community", "==0.2.1", "langchain_community==0.2.1"),
        ("langchain-huggingface", "", "langchain-huggingface"),
    ]


def test_pyproject_pep621_and_poetry_and_setup_cfg():
    pyproject = (
        "[project]\n"
        'dependencies = ["huggingface_hub<0.29", "numpy"]\n'
        "[tool.poetry.dependencies]\n"
        'huggingface-hub = "^0.20"\n'
        'langchain-community = {version = "0.2.1", extras = ["x"]}\n'
    )
    pins = [(p.package, p.spec, pyproject.count("\n", 0, p.start) + 1) for p in find_pins("pyproject.toml", pyproject)]
    assert sorted(pins) == [
        ("huggingface-hub", "<0.29", 2),
        ("huggingface-hub", "^0.20", 4),
        ("langchain-community", "0.2.1", 5),
    ]
    setup_cfg = "[options]\ninstall_requires =\n    huggingface_hub>=0.19,<0.25\n"
    (pin,) = find_pins("setup.cfg", setup_cfg)
    assert (pin.spec, setup_cfg[pin.start : pin.end]) == (">=0.19,<0.25", "huggingface_hub>=0.19,<0.25")


def test_package_json_pins():
    text = '{\n  "dependencies": {\n    "@huggingface/inference": "^2.8.0"\n  }\n}\n'
    (pin,) = find_pins("package.json", text)
    assert (pin.package, pin.spec, text[pin.start : pin.end]) == (
        "@huggingface/inference",
        "^2.8.0",
        '"@huggingface/inference"',
    )
    assert text[: pin.start].count("\n") == 2
    assert find_pins("package.json", "{not json") == []
    assert find_pins("package.json", "[1]") == []
    assert find_pins("package.json", '{"dependencies": ["@huggingface/inference"]}') == []
