"""Small inline SVG charts (histograms, bars) generated in Python: no scripts, nothing fetched."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LOW = "#d9534f"
MID = "#f0ad4e"
HIGH = "#3c9d5d"
NEUTRAL = "#4a78b5"
GRID = "#d8dde3"
TEXT = "#333"
FONT = "font-family='system-ui, sans-serif' font-size='11'"


def confidence_colour(value: float | None, threshold: float = 0.6) -> str:
    """Red under the review threshold, amber up to 0.85, green above."""
    if value is None:
        return GRID
    if value < threshold:
        return LOW
    return MID if value < 0.85 else HIGH


def histogram(
    values: Sequence[float],
    *,
    bins: int = 10,
    threshold: float = 0.6,
    width: int = 320,
    height: int = 120,
    label: str = "",
) -> str:
    """Distribution of values in [0, 1] as bars coloured like confidences; empty input gives a note."""
    if not values:
        return _empty(width, height, "tidak ada data / no data")
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(float(value) * bins)))] += 1
    top = max(counts)
    base = height - 24  # the x axis; tick labels below it, counts above the bars
    plot_h = base - (14 if height > 60 else 2)
    bar_w = (width - 20) / bins
    parts = [_open(width, height, label or "histogram")]
    parts.append(f"<line x1='10' y1='{base}' x2='{width - 10}' y2='{base}' stroke='{GRID}'/>")
    for index, count in enumerate(counts):
        bar_h = 0 if top == 0 else plot_h * count / top
        x = 10 + index * bar_w
        colour = confidence_colour((index + 0.5) / bins, threshold)
        parts.append(
            f"<rect x='{x + 1:.1f}' y='{base - bar_h:.1f}' width='{bar_w - 2:.1f}' "
            f"height='{bar_h:.1f}' "
            f"fill='{colour}'><title>{index / bins:.1f}–{(index + 1) / bins:.1f}: {count}</title></rect>"
        )
        if count and height > 60:
            parts.append(_text(x + bar_w / 2, base - bar_h - 3, str(count), anchor="middle"))
    for tick in (0, 0.5, 1):
        parts.append(_text(10 + tick * (width - 20), height - 6, f"{tick:g}", anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)


def bars(
    items: Sequence[tuple[str, float, str]],
    *,
    width: int = 520,
    row: int = 20,
    label_width: int = 150,
    colour_by_value: bool = False,
    threshold: float = 0.6,
) -> str:
    """Horizontal bars for (label, share in [0, 1], caption) rows, e.g. field coverage or accuracy."""
    if not items:
        return _empty(width, 40, "tidak ada data / no data")
    height = row * len(items) + 8
    plot_w = width - label_width - 95
    parts = [_open(width, height, "bars")]
    for index, (label, share, caption) in enumerate(items):
        y = 4 + index * row
        share = max(0.0, min(1.0, float(share)))
        colour = confidence_colour(share, threshold) if colour_by_value else NEUTRAL
        parts.append(_text(label_width - 6, y + row * 0.65, label, anchor="end"))
        parts.append(
            f"<rect x='{label_width}' y='{y + 3}' width='{plot_w}' height='{row - 6}' fill='#eef1f4'/>"
        )
        parts.append(
            f"<rect x='{label_width}' y='{y + 3}' width='{plot_w * share:.1f}' height='{row - 6}' "
            f"fill='{colour}'><title>{escape(label)}: {escape(caption)}</title></rect>"
        )
        parts.append(_text(label_width + plot_w + 6, y + row * 0.65, caption))
    parts.append("</svg>")
    return "".join(parts)


def stacked(parts_in: Sequence[tuple[str, int, str]], *, width: int = 520, height: int = 26) -> str:
    """One bar split into (label, count, colour) segments, e.g. pages by text source."""
    total = sum(count for _, count, _ in parts_in)
    if not total:
        return _empty(width, height, "tidak ada data / no data")
    parts = [_open(width, height, "stacked")]
    x = 0.0
    for label, count, colour in parts_in:
        seg = width * count / total
        parts.append(
            f"<rect x='{x:.1f}' y='0' width='{seg:.1f}' height='{height}' fill='{colour}'>"
            f"<title>{escape(label)}: {count}</title></rect>"
        )
        if seg > 60:
            parts.append(_text(x + 6, height * 0.65, f"{label} {count}", fill="#fff"))
        x += seg
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, role: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{escape(role)}'>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = TEXT) -> str:
    return f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' fill='{fill}' {FONT}>{escape(text)}</text>"


def _empty(width: int, height: int, message: str) -> str:
    return _open(width, height, "empty") + _text(10, height / 2, message, fill="#888") + "</svg>"
