"""Probe of issue 16: `rasd ner --conll` on CAraNER gave 55,387 tokens for 55,389 (so scoring failed): two CAraNER
tokens are a lone U+200F mark, which a reader that strips bidi marks (as the shared scorer does) sees as a line with
only a tag. Every input token must stay one readable `token TAG` line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rasd.cli import cli

# CAraNER's own tokens (sentences 976, 1215, 1222 and 83), a blank line between sentences.
TOKENS = ["وقال", "\u200f", "الأمير", "", "\u202a", "\u200fببساطة", "الحريق\u202c", "", "\u200e\u200f", "الرياض"]


def scorer_tokens(path: Path) -> list[tuple[str, str]]:
    """Tokens as the shared scorer reads a prediction file: bidi marks removed, then `token TAG` per line."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.replace("\u200e", "").replace("\u200f", "").split()
        if len(parts) >= 2:
            out.append((parts[0], parts[-1]))
    return out


def test_every_token_of_the_input_is_one_scored_line(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("\n".join(TOKENS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ner", "--conll", str(src), str(dst)])
    assert result.exit_code == 0, result.output
    assert len(scorer_tokens(dst)) == sum(1 for t in TOKENS if t)
    lines = dst.read_text(encoding="utf-8").splitlines()
    assert lines[5].split()[0] == "\u200fببساطة"  # visible tokens are written as they are
