"""The SARIF report: valid against the official OASIS SARIF 2.1.0 schema, with a full rules table."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from hfmigrate import __version__, rules
from hfmigrate.findings import Finding, ScanResult
from hfmigrate.report import render_scan
from tests.report_samples import ROUTER_URL, assert_no_canary, canary_result, sample_result

# Schemata/sarif-schema-2.1.0.json of the OASIS SARIF TC (errata01), vendored byte for byte
SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def render(result: ScanResult) -> dict:
    return json.loads(render_scan(result, "sarif"))


def results_by_rule(log: dict) -> dict[str, dict]:
    return {result["ruleId"]: result for result in log["runs"][0]["results"]}


def test_valid_against_the_official_schema(validator):
    for result in (sample_result(), ScanResult(), canary_result()):
        validator.validate(render(result))


def test_the_schema_catches_invalid_output(validator):
    log = render(sample_result())
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)
    log = render(sample_result())
    log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)


def test_log_header_and_driver():
    log = render(sample_result())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("hfmigrate", __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_table_is_the_whole_catalogue():
    driver_rules = render(ScanResult())["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in driver_rules] == [rule.code for rule in rules.RULES]
    hfm101 = driver_rules[0]
    catalogue = rules.get("HFM101")
    assert hfm101["name"] == "legacy-model-url"
    assert hfm101["shortDescription"]["text"] == catalogue.summary
    assert hfm101["fullDescription"]["text"] == catalogue.explanation
    assert f"Before:\n{catalogue.before}\n" in hfm101["help"]["text"]
    assert f"After:\n{catalogue.after}\n" in hfm101["help"]["text"]
    assert "`hfmigrate rewrite` fixes this." in hfm101["help"]["text"]
    assert hfm101["defaultConfiguration"] == {"level": "error"}
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver_rules}
    assert levels["HFM201"] == levels["HFM401"] == "warning"
    assert levels["HFM901"] == "error"
    assert "security" in driver_rules[-1]["properties"]["tags"]


def test_result_points_at_the_region():
    log = render(sample_result())
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    result = results_by_rule(log)["HFM101"]
    assert driver_rules[result["ruleIndex"]]["id"] == "HFM101"
    assert result["level"] == "error"
    assert result["message"]["text"] == f'Legacy model URL on the retired host Suggested replacement: "{ROUTER_URL}"'
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "app/client.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 12, "startColumn": 11, "endLine": 12, "endColumn": 80},
            }
        }
    ]
    assert result["properties"] == {"replacement": f'"{ROUTER_URL}"', "fixable": True}
    assert "fixes" not in result


def test_replacement_already_in_the_message_is_not_repeated():
    finding = Finding("a.py", 1, 1, "HFM101", f"legacy URL; use {ROUTER_URL}", 1, 2, replacement=ROUTER_URL)
    result = render(ScanResult([finding]))["runs"][0]["results"][0]
    assert result["message"]["text"] == f"legacy URL; use {ROUTER_URL}"
    assert result["properties"] == {"replacement": ROUTER_URL}


def test_results_are_ordered_with_matching_rule_indexes():
    log = render(sample_result())
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["HFM101", "HFM201", "HFM104", "HFM301"]
    assert all(driver_rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert results_by_rule(log)["HFM201"]["level"] == "warning"


def test_uri_is_percent_encoded_and_relative():
    location = results_by_rule(render(sample_result()))["HFM104"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/my%20dir/100%25%2Ca%3Ab.py", "uriBaseId": "%SRCROOT%"}


def test_windows_separators_become_slashes():
    finding = Finding("app\\win\\client.py", 1, 1, "HFM101", "m", 1, 2)
    location = render(ScanResult([finding]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/win/client.py"


def test_absolute_path_is_a_file_uri():
    finding = Finding("/srv/app/client.py", 1, 1, "HFM101", "m", 1, 2)
    location = render(ScanResult([finding]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///srv/app/client.py"}


def test_notebook_result_names_the_cell():
    result = results_by_rule(render(sample_result()))["HFM301"]
    assert result["message"]["text"] == "cell 3, line 2, column 5: `huggingface_hub.InferenceApi` was removed"
    assert result["properties"] == {
        "notebookCell": 3,
        "cellStartLine": 2,
        "cellStartColumn": 5,
        "cellEndLine": 2,
        "cellEndColumn": 17,
        "fixable": True,
    }
    # cell lines are not file lines: the region is the file's first line only
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_unknown_rule_code_has_no_rule_index(validator):
    log = render(ScanResult([Finding("a.py", 1, 1, "HFM999", "future rule", 1, 2)]))
    validator.validate(log)
    assert "ruleIndex" not in log["runs"][0]["results"][0]


def test_no_token_in_output():
    assert_no_canary(render_scan(canary_result(), "sarif"))
