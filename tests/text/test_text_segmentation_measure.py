"""Segmentation measured against ANERcorp and UniversalPetrarch (rasd.text.segmentation_eval); the floors sit a
few points under the measured figures so a regression in the lexicon or the decision rule fails here."""

from __future__ import annotations

import pytest

from rasd.text import segmentation_eval as E


@pytest.mark.skipif(not E.ANERCORP.exists(), reason="shared/data/ner not present")
def test_anercorp_implied_segmentation() -> None:
    r = E.anercorp()
    assert r["with_clitic_n"] > 1000 and r["without_clitic_n"] > 10000
    assert r["with_clitic_acc"] >= 0.88
    assert r["without_clitic_acc"] >= 0.91
    assert r["lookalike_acc"] >= 0.80  # names starting with و ف ب ل ك that are not clitics (واشنطن, بريطانيا)


@pytest.mark.skipif(not E.UP_DIR.exists(), reason="shared/data/dictionaries not present")
def test_universalpetrarch_forms() -> None:
    r = E.universalpetrarch()
    assert r["bare_n"] > 2500
    for group in ("al", "wal", "bal", "lil"):
        assert r[group + "_acc"] >= 0.95, group
    assert r["bare_acc"] >= 0.90 and r["w_acc"] >= 0.90
    assert r["entry_clitic_acc"] >= 0.78
