"""Regression gate: recall and precision on seeds/ and fixtures/ must not drop below the numbers
measured and committed in eval_thresholds.json (regenerate with .ci/update-eval-thresholds after a
deliberate change, and say why in the commit)."""
import json
import os

import pytest

from conftest import ROOT
from newslint.evaluate import evaluate

THRESHOLDS = json.load(open(os.path.join(os.path.dirname(__file__), "eval_thresholds.json"), encoding="utf-8"))


@pytest.mark.parametrize("corpus", sorted(THRESHOLDS))
def test_quality_does_not_regress(corpus):
    s = evaluate(os.path.join(ROOT, corpus))
    t = THRESHOLDS[corpus]
    for cat, want in t["recall"].items():
        got = s.hit[cat] / s.total[cat] if s.total[cat] else 1.0
        assert got >= want - 1e-9, f"{corpus}: recall of {cat} fell to {got:.3f} (committed {want:.3f}); missed: " + str(
            [m for m in s.missed if m[2] == cat][:10]
        )
    assert s.precision >= t["precision"] - 1e-9, f"{corpus}: precision fell to {s.precision:.3f} (committed {t['precision']:.3f})"
    assert len(s.clean_false_alarms) <= t["clean_false_alarms"], s.clean_false_alarms[:10]


def test_seed_annotations_are_well_formed():
    import yaml

    for name in sorted(os.listdir(os.path.join(ROOT, "seeds"))):
        if name.endswith(".yaml"):
            meta = yaml.safe_load(open(os.path.join(ROOT, "seeds", name), encoding="utf-8"))
            lines = open(os.path.join(ROOT, "seeds", meta["article"]), encoding="utf-8").read().split("\n")
            assert len(lines) == meta["lines"]
            for d in meta["defects"]:
                assert d["text"] in lines[d["line"] - 1], (name, d)


def test_fixture_annotations_are_well_formed():
    import yaml

    count = clean = 0
    for root, _, files in os.walk(os.path.join(ROOT, "fixtures")):
        for name in files:
            if not name.endswith(".yaml"):
                continue
            meta = yaml.safe_load(open(os.path.join(root, name), encoding="utf-8"))
            text = open(os.path.join(root, meta["article"]), encoding="utf-8").read()
            lines = text.split("\n")
            count += 1
            clean += bool(meta.get("clean"))
            assert meta["lines"] in (len(lines), len(lines) - 1), (name, meta["lines"], len(lines))
            assert isinstance(meta.get("defects"), list), name
            if meta.get("clean"):
                assert meta["defects"] == [], f"{name}: a clean article lists defects"
            for d in meta["defects"]:
                assert d["category"] in ("typo", "mechanics", "table", "unattributed", "ai_marker", "fabricated_interview",
                                         "boilerplate", "numeric_contradiction"), (name, d)
                assert d["text"] in lines[d["line"] - 1], (name, d)
    assert count >= 60 and clean * 3 >= count, (count, clean)
