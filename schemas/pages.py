"""Page text as the pipeline hands it to the extractors: text, words with boxes and confidences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageSource = Literal["text_layer", "ocr"]
OCR_FAILED_NOTE = "OCR failed"  # the note of a page whose OCR failed: "OCR failed: <error>"
SKIPPED_NOTE = "skipped"  # the note of a page not OCR'd for want of printed text: "skipped: <reason>"


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a page: its character span in `Page.text`, box in page pixels, OCR confidence.

    `conf` is in [0, 1]; 1.0 for text-layer words. `bbox` is (x0, y0, x1, y1) in the
    coordinates of the page image (OCR) or PDF points (text layer).
    """

    text: str
    start: int
    end: int
    bbox: tuple[float, float, float, float] | None = None
    conf: float = 1.0


@dataclass(slots=True)
class Page:
    """The text of one page (1-based `number`) and where it came from."""

    number: int
    text: str
    source: PageSource
    words: list[Word] = field(default_factory=list)
    mean_confidence: float | None = None  # OCR only, in [0, 1]
    width: float | None = None
    height: float | None = None
    notes: list[str] = field(default_factory=list)  # decisions and partial failures

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "text": self.text,
            "source": self.source,
            "mean_confidence": self.mean_confidence,
            "width": self.width,
            "height": self.height,
            "notes": list(self.notes),
            "words": [[w.text, w.start, w.end, list(w.bbox) if w.bbox else None, w.conf] for w in self.words],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Page:
        words = [
            Word(t, s, e, tuple(b) if b else None, c)  # type: ignore[arg-type]
            for t, s, e, b, c in data.get("words", [])
        ]
        return cls(
            number=data["number"],
            text=data["text"],
            source=data["source"],
            words=words,
            mean_confidence=data.get("mean_confidence"),
            width=data.get("width"),
            height=data.get("height"),
            notes=list(data.get("notes", [])),
        )
