"""Typed errors with a message a user can act on; one handler at the edge turns them into outcomes."""

from __future__ import annotations


class KerjasamaError(Exception):
    """Base class: `stage` says where it failed, `hint` what to do about it."""

    stage = "pipeline"
    hint = "Check the file and drop it into the intake folder again."

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UnsupportedFileError(KerjasamaError):
    stage = "intake"
    hint = "Convert it to PDF, TIFF, PNG, JPG or DOCX and drop it again."


class CorruptFileError(KerjasamaError):
    stage = "read"
    hint = "The file looks damaged or truncated: export or scan it again."


class EncryptedPdfError(KerjasamaError):
    stage = "read"
    hint = "Remove the password (print to PDF or ask the sender for an unprotected copy) and drop it again."


class TooLargeError(KerjasamaError):
    stage = "read"
    hint = "Split the document or scan it at a lower resolution, then drop it again."


class OcrError(KerjasamaError):
    stage = "ocr"
    hint = "Tesseract could not read the page; check the scan quality or rescan."


class MacroDocumentError(KerjasamaError):
    """A macro-enabled Office document: quarantined for a person to check (macros are never run)."""

    stage = "read"
    hint = (
        "Agreements need no macros: open it in Word only if you trust the sender, save it as a plain "
        "Word document (.docx) or as PDF, and drop that again."
    )
