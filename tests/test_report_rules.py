"""``hfmigrate rules``: the catalogue table and one rule's explanation."""

from __future__ import annotations

import pytest

from hfmigrate import rules
from hfmigrate.errors import UsageError
from hfmigrate.report.rules import render_rule, render_rule_table


def test_table_lists_every_rule_once():
    table = render_rule_table()
    for rule in rules.RULES:
        assert table.count(f"  {rule.code}  ") == 1, rule.code


def test_table_is_grouped_by_family_in_code_order():
    lines = render_rule_table().splitlines()
    families = [line[:-1] for line in lines if line.endswith(":") and not line.startswith(" ")]
    assert families == list(rules.FAMILIES.values())
    security = lines.index("security:")
    assert lines[security + 1].split()[0] == "HFM901"
    codes = [line.split()[0] for line in lines if line.startswith("  HFM")]
    assert codes == sorted(rule.code for rule in rules.RULES)


def test_table_marks_only_fixable_rules():
    lines = {line.split()[0]: line for line in render_rule_table().splitlines() if line.startswith("  HFM")}
    assert lines["HFM101"].split()[:3] == ["HFM101", "legacy-model-url", "[*]"]
    assert lines["HFM101"].endswith("[*]  Legacy model URL on the retired host")
    assert "[*]" not in lines["HFM104"]
    assert sum("[*]" in line for line in lines.values()) == sum(rule.fixable for rule in rules.RULES)


def test_one_rule_in_full():
    rule = rules.get("HFM301")
    text = render_rule("HFM301")
    assert text.startswith("HFM301 (inference-api-class): `huggingface_hub.InferenceApi`\n\nFamily: client libraries\n")
    assert "removed in huggingface_hub 1.0" in text
    assert "Before:\n" + "\n".join("    " + line for line in rule.before.splitlines()) + "\n" in text
    assert "After:\n" + "\n".join("    " + line for line in rule.after.splitlines()) + "\n" in text
    assert text.endswith("Fixable: yes, `hfmigrate rewrite` fixes this.\n")


def test_rule_rewrite_does_not_fix():
    assert render_rule("HFM104").endswith("Fixable: no, `hfmigrate rewrite` leaves this to you.\n")


def test_explanation_is_wrapped_without_breaking_urls():
    text = render_rule("HFM101")
    explanation = text.split("\n\n")[2]
    assert all(len(line) <= 100 or " " not in line for line in explanation.splitlines())
    assert "`https://router.huggingface.co/hf-inference/models/{id}`" in text


def test_code_is_case_insensitive():
    assert render_rule("hfm901") == render_rule("HFM901")


@pytest.mark.parametrize("code", ["HFM000", "E501", ""])
def test_unknown_code_is_a_usage_error(code):
    with pytest.raises(UsageError) as caught:
        render_rule(code)
    assert str(caught.value) == f"unknown rule {code!r}; run `hfmigrate rules` to list them"
