"""Typed errors with a message a user can act on; one handler at the edge turns them into outcomes."""

from __future__ import annotations

from schemas.status import Stage


class KerjasamaError(Exception):
    """Base class: `stage` says where it failed, `hint` what to do about it."""

    stage: Stage = Stage.PIPELINE
    hint = "Check the file and drop it into the intake folder again."

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UnsupportedFileError(KerjasamaError):
    stage = Stage.INTAKE
    hint = "Convert it to PDF, TIFF, PNG, JPG or DOCX and drop it again."


class CorruptFileError(KerjasamaError):
    stage = Stage.READ
    hint = "The file looks damaged or truncated: export or scan it again."


class EncryptedPdfError(KerjasamaError):
    stage = Stage.READ
    hint = "Remove the password (print to PDF or ask the sender for an unprotected copy) and drop it again."


class TooLargeError(KerjasamaError):
    stage = Stage.READ
    hint = "Split the document or scan it at a lower resolution, then drop it again."


class OcrError(KerjasamaError):
    stage = Stage.OCR
    hint = "Tesseract could not read the page; check the scan quality or rescan."


class MacroDocumentError(KerjasamaError):
    """A macro-enabled Office document: quarantined for a person to check (macros are never run)."""

    stage = Stage.READ
    hint = (
        "Agreements need no macros: open it in Word only if you trust the sender, save it as a plain "
        "Word document (.docx) or as PDF, and drop that again."
    )


# Exit codes of the command line (README "Exit codes").
EXIT_OK = 0
EXIT_QUARANTINED = 1  # the run finished, some documents were quarantined
EXIT_USAGE = 2  # a wrong command line or a bad setting
EXIT_ENVIRONMENT = 3  # the machine, not a document: database, folder, Tesseract, disk


class SettingsError(ValueError):
    """A setting (KERJASAMA_* variable or kerjasama.toml) that cannot be used: fix it and run again."""


class EnvironmentFault(Exception):
    """The machine failed, not the document: nothing is quarantined or stored partial because of it.

    Not a `KerjasamaError` on purpose, so the handlers that quarantine a bad document never catch it.
    `resource` names what failed (a database URL without its password, a folder, a language)."""

    resource = "environment"
    hint = "Fix the machine, then run again; the documents stay where they were."

    def __init__(self, message: str, *, resource: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        if resource:
            self.resource = resource
        if hint:
            self.hint = hint

    def __reduce__(self):  # keep message, resource and hint across processes (`kerjasama extract` workers)
        return _rebuild, (type(self), str(self), self.resource, self.hint, dict(self.__dict__))

    def line(self) -> str:
        """The one line the command line prints."""
        return f"{self}: {self.hint}" if self.hint else str(self)


def _rebuild(cls: type[EnvironmentFault], message: str, resource: str, hint: str, state: dict):
    fault = cls.__new__(cls)
    EnvironmentFault.__init__(fault, message, resource=resource, hint=hint)
    fault.__dict__.update(state)
    return fault


class TesseractMissingError(EnvironmentFault):
    resource = "tesseract"
    hint = "install it (apt-get install tesseract-ocr) or put it on the PATH"


class OcrLanguageMissingError(EnvironmentFault):
    hint = "install the language data or fix KERJASAMA_OCR_LANG"

    def __init__(self, language: str) -> None:
        super().__init__(
            f"Tesseract language '{language}' is not installed",
            resource=f"tesseract language {language}",
            hint=f"apt-get install tesseract-ocr-{language} or fix KERJASAMA_OCR_LANG",
        )
        self.language = language


class DatabaseUnavailableError(EnvironmentFault):
    hint = "check that the database is running, reachable and writable (kerjasama doctor), then run again"


class FolderNotWritableError(EnvironmentFault):
    hint = "fix its permissions or free space (kerjasama doctor), then run again"


def redact_url(url: str) -> str:
    """A database URL fit to print: the password replaced by ***."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can parse: print no part that could be a password
        return url.split("@")[-1] if "@" in url else url


def environment_fault(exc: BaseException, database_url: str | None = None) -> EnvironmentFault | None:
    """The environment fault behind `exc` (or one of its causes), or None when it is not one.

    A database error names the database (URL without the password); a file system error that says a
    folder cannot be written, is read-only or full names the folder."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, EnvironmentFault):
            return current
        fault = _database_fault(current, database_url) or _folder_fault(current)
        if fault is not None:
            return fault
        current = current.__cause__ or current.__context__
    return None


def _database_fault(exc: BaseException, database_url: str | None) -> EnvironmentFault | None:
    """SQLAlchemy's OperationalError (locked, read-only, cannot open, connection refused), a connection
    lost mid-statement, or sqlite3's own OperationalError."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError, OperationalError

    lost = isinstance(exc, DBAPIError) and exc.connection_invalidated
    if not (isinstance(exc, OperationalError | sqlite3.OperationalError) or lost):
        return None
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    where = redact_url(database_url) if database_url else "the database"
    return DatabaseUnavailableError(f"database {where} cannot be used: {detail}", resource=where)


_FOLDER_ERRNOS = {13: "is not writable", 1: "is not writable", 30: "is on a read-only file system",
                  28: "is full (no space left on the device)", 122: "is over its disk quota"}  # fmt: skip


def _folder_fault(exc: BaseException) -> EnvironmentFault | None:
    if not isinstance(exc, OSError) or exc.errno not in _FOLDER_ERRNOS:
        return None
    import os

    path = exc.filename2 or exc.filename
    if path is None:
        return None
    folder = os.fspath(path)
    folder = folder if os.path.isdir(folder) else os.path.dirname(folder) or "."
    return FolderNotWritableError(f"folder {folder} {_FOLDER_ERRNOS[exc.errno]}", resource=folder)
