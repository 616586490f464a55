"""Generate ``extract/vocab/sdgs.yaml``: the 17 SDGs and their 169 targets.

Reads ``sdg_goals.yaml`` (titles and the number of numbered and lettered targets
per goal) and expands the target numbering 1.1 ... 1.5, 1.a, 1.b, ... 17.19.

Usage: python extract/vocab_tools/build_sdgs.py [--check]
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

import yaml
from generated import render_generated, write_or_check

HERE = Path(__file__).resolve().parent
GOALS_FILE = HERE / "sdg_goals.yaml"
OUTPUT_FILE = HERE.parent / "vocab" / "sdgs.yaml"
SDG_URI = "http://metadata.un.org/sdg/"


def target_numbers(goal: int, numbered: int, lettered: int) -> list[str]:
    """Target numbers of one goal: ``goal.1`` ... ``goal.numbered``, then ``goal.a`` ..."""
    letters = string.ascii_lowercase[:lettered]
    return [f"{goal}.{n}" for n in range(1, numbered + 1)] + [f"{goal}.{x}" for x in letters]


def goal_entry(goal: dict) -> dict:
    number = str(goal["number"])
    return {
        "key": f"sdg-{number}", "class": "SDGGoal",
        "zh": f"可持续发展目标{number}", "en": f"Sustainable Development Goal {number}",
        "aliases": [f"可持续发展目标第{number}项"],
        "short": [f"目标{number}"],
        "en_aliases": [f"SDG {number}", f"SDG{number}"],
        "en_short": [f"Goal {number}"],  # like 目标N: the SDG only where the text speaks of SDGs
        "number": number, "uri": f"{SDG_URI}{number}",
        "title_zh": goal["title_zh"], "title_en": goal["title_en"],
        "zh_full": goal["zh_full"], "en_full": goal["en_full"],
    }


def target_entry(number: str, goal_key: str) -> dict:
    return {
        "key": f"sdg-{number}", "class": "SDGTarget",
        "zh": f"具体目标{number}", "en": f"Target {number}",
        "aliases": [f"可持续发展目标{number}", f"可持续发展目标具体目标{number}", f"目标{number}"],
        "en_aliases": [f"SDG target {number}", f"SDG {number}"],
        "number": number, "goal": goal_key, "uri": f"{SDG_URI}{number}",
    }


def build_entries() -> tuple[str, list[dict]]:
    with GOALS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    goals = data["goals"]
    if [goal["number"] for goal in goals] != list(range(1, 18)):
        sys.exit(f"{GOALS_FILE.name}: goals must be numbered 1 to 17 in order")
    entries = [goal_entry(goal) for goal in goals]
    for goal in goals:
        numbers = target_numbers(goal["number"], goal["numbered_targets"],
                                 goal["lettered_targets"])
        entries.extend(target_entry(number, f"sdg-{goal['number']}") for number in numbers)
    return " ".join(data["source"].split()), entries


def render() -> tuple[str, int]:
    """The text of sdgs.yaml and its number of entries."""
    return render_generated(build_entries, "build_sdgs.py", "sdg_goals.yaml")


def main(argv: list[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], OUTPUT_FILE, *render(), argv)


if __name__ == "__main__":
    sys.exit(main())
