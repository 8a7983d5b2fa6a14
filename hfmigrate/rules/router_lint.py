"""HFM6xx: router URLs and calls that do not work today (placeholder until the family lands)."""

from __future__ import annotations

from hfmigrate.engine.rule_api import RuleFamily

FAMILY = RuleFamily("router_lint")
