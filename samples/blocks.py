"""The document model between composing and rendering: blocks of text, signatures and tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Signatory:
    """One signature column: lines above the signature, the printed name, the stamp's text."""

    above: list[str]
    name: str
    stamp: str
    seed: int
    below: list[str] = field(default_factory=list)  # lines under the printed name (post, 'on behalf of')


@dataclass
class Block:
    """kind: title | center | heading | para | gap | sign | table | break | pair."""

    kind: str
    text: str = ""
    label: str = ""
    indent: int = 0
    rows: list[list[str]] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # table column widths as fractions of the body
    sign_col: bool = False  # table: a signature in the last column of every row but the header
    left: list[Block] = field(default_factory=list)
    right: list[Block] = field(default_factory=list)


@dataclass
class Composed:
    """Blocks in reading order plus the gold strings exactly as they were printed."""

    sections: list[list[Block]]
    head: list[Block]
    tail: list[Block]
    title: str
    duration_text: str | None
    scope: list[str]
    obligations: list[tuple[str, str]]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def items(texts: list[str], numbered: bool, indent: int = 1) -> list[Block]:
    """A list with a) b) or 1. 2. labels; ';' after each item, '.' after the last."""
    out = []
    for i, t in enumerate(texts):
        label = f"{i + 1}." if numbered else f"{chr(ord('a') + i)}."
        out.append(Block("para", cap(t) + (";" if i < len(texts) - 1 else "."), label=label, indent=indent))
    return out


def heading(word: str, n: int, name: str) -> list[Block]:
    return [Block("heading", f"{word} {n}"), Block("heading", name)]


def title_lines(
    doc_name: str, names: list[str], between: str, conj: str, about: str, topic: str
) -> list[str]:
    """'NOTA KESEPAHAMAN / ANTARA / A, / B, / DAN / C / TENTANG / TOPIC' as printed lines."""
    lines = [doc_name, between]
    for i, name in enumerate(names):
        if i == len(names) - 1:
            lines.append(conj)
        lines.append(name + ("," if len(names) > 2 and i < len(names) - 1 else ""))
    return lines + [about, topic]


def join_title(lines: list[str]) -> str:
    return " ".join(lines)
