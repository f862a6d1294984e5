"""Tesseract in this process: libtesseract's C API through ctypes, each language loaded once per process.

The `tesseract` command that pytesseract runs loads the traineddata of every language it is given on every
call (about 0.24 s of CPU for `ind+eng`, 11 - 15 % of a page) and reads the page from a PGM file. Here a
`TessBaseAPI` is initialised once per process and language string (`TessBaseAPIInit3`, the same data
folder the command uses) and kept; a page goes in as its raw 8-bit grey pixels (`TessBaseAPISetImage`),
is read with the command's options (page segmentation 3, `user_defined_dpi`, `tessedit_do_invert`) under a
deadline (`TessMonitorSetDeadlineMSecs`), and its words come back as Tesseract's own TSV
(`TessBaseAPIGetTsvText`), parsed as pytesseract parses the command's: the same `Page` follows.

One API reads one page at a time: a page thread takes an idle API of its language from the pool or
initialises another (so at most as many per language as pages read at once in the process). A forked
worker starts with the parent's idle APIs (copy-on-write) under a fresh lock.

When the library cannot be loaded, `library()` returns None and says why once in the log; the engine then
runs the command (`pipeline.text.ocr.TesseractEngine`).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import logging
import os
import re
import threading
from contextlib import contextmanager
from typing import Any

import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

LIBRARY_NAMES = ("libtesseract.so.5",)
PSM_AUTO = 3  # the command's default page segmentation (the API's own default is 6, a single block)
# pytesseract's DICT: every column but the text as int(float(value)) (conf 96.53 -> 96)
TSV_COLUMNS = (
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
)  # fmt: skip


class TessApiError(Exception):
    """Tesseract failed on a page in this process (not a timeout, not a language)."""


class TessApiTimeout(TessApiError):
    """The page's deadline passed before Tesseract finished its words."""


class TessApiLanguageError(TessApiError):
    """`TessBaseAPIInit3` failed: `language` is the first part of the language string without data."""

    def __init__(self, language: str, message: str) -> None:
        super().__init__(message)
        self.language = language


class Library:
    """The C functions used, with their argument and result types."""

    def __init__(self, cdll: ctypes.CDLL, name: str) -> None:
        self.name = name
        self.cdll = cdll
        p, c, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        signatures = {
            "TessVersion": ([], c),
            "TessBaseAPICreate": ([], p),
            "TessBaseAPIDelete": ([p], None),
            "TessBaseAPIInit3": ([p, c, c], i),
            "TessBaseAPISetVariable": ([p, c, c], i),
            "TessBaseAPISetPageSegMode": ([p, i], None),
            "TessBaseAPISetImage": ([p, p, i, i, i, i], None),
            "TessBaseAPIRecognize": ([p, p], i),
            "TessBaseAPIGetTsvText": ([p, i], p),  # a char* to free with TessDeleteText
            "TessBaseAPIClear": ([p], None),
            "TessBaseAPIEnd": ([p], None),
            "TessBaseAPIGetLoadedLanguagesAsVector": ([p], ctypes.POINTER(ctypes.c_void_p)),
            "TessDeleteTextArray": ([ctypes.POINTER(ctypes.c_void_p)], None),
            "TessDeleteText": ([p], None),
            "TessMonitorCreate": ([], p),
            "TessMonitorDelete": ([p], None),
            "TessMonitorSetDeadlineMSecs": ([p, i], None),
        }
        for function, (argtypes, restype) in signatures.items():
            fn = getattr(cdll, function)  # AttributeError when the library lacks it
            fn.argtypes, fn.restype = argtypes, restype
            setattr(self, function, fn)

    def __getattr__(self, name: str) -> Any:  # the functions set above (for the type checker)
        raise AttributeError(name)

    @property
    def version(self) -> str:
        return (self.TessVersion() or b"").decode()


_LOCK = threading.Lock()
_LIBRARY: list[Library | None] = []  # [] = not tried yet
_IDLE: dict[tuple[str, str], list[int]] = {}  # (language, data folder) -> idle initialised APIs


def _reset_after_fork() -> None:
    global _LOCK
    _LOCK = threading.Lock()  # the parent's lock may have been held by another thread when it forked


os.register_at_fork(after_in_child=_reset_after_fork)


@atexit.register
def _end() -> None:
    """Free the idle APIs at exit (else Tesseract's object cache warns of a leak on stderr)."""
    lib = _LIBRARY[0] if _LIBRARY else None
    with _LOCK:
        handles = [handle for idle in _IDLE.values() for handle in idle]
        _IDLE.clear()
    for handle in handles:
        assert lib is not None  # APIs exist only once the library is loaded
        lib.TessBaseAPIEnd(handle)
        lib.TessBaseAPIDelete(handle)


def library() -> Library | None:
    """libtesseract, loaded on first use (after `configure_threads` set OMP_THREAD_LIMIT, which its
    OpenMP reads when it is loaded); None, said once in the log, when it cannot be loaded."""
    with _LOCK:
        if not _LIBRARY:
            _LIBRARY.append(_load())
        return _LIBRARY[0]


def _load() -> Library | None:
    names = [*LIBRARY_NAMES, ctypes.util.find_library("tesseract")]
    problems = []
    for name in dict.fromkeys(n for n in names if n):
        try:
            loaded = Library(ctypes.CDLL(name), name)
        except (OSError, AttributeError) as exc:
            problems.append(f"{name}: {exc}")
            continue
        log.debug("Tesseract in process: %s, version %s", name, loaded.version)
        return loaded
    log.warning(
        "libtesseract cannot be loaded (%s): each page is read by running the tesseract command",
        "; ".join(problems) or "not found",
    )
    return None


def data_folder() -> str:
    """The tessdata folder the `tesseract` command uses: TESSDATA_PREFIX when set, else libtesseract's
    built-in default (an empty string here, passed on as NULL)."""
    return os.environ.get("TESSDATA_PREFIX", "")


@contextmanager
def api_for(lib: Library, lang: str):
    """An initialised API for `lang`, this thread's alone until the block ends (then idle for reuse)."""
    key = (lang, data_folder())
    with _LOCK:
        idle = _IDLE.setdefault(key, [])
        handle = idle.pop() if idle else None
    if handle is None:
        handle = _initialised(lib, *key)
    try:
        yield handle
    finally:
        lib.TessBaseAPIClear(handle)
        with _LOCK:
            _IDLE.setdefault(key, []).append(handle)


def _initialised(lib: Library, lang: str, folder: str) -> int:
    handle = _init(lib, lang, folder)
    if handle is None:
        missing = _first_missing(lib, lang, folder)
        raise TessApiLanguageError(missing, f"Failed loading language '{missing}' (TessBaseAPIInit3)")
    return handle


def _init(lib: Library, lang: str, folder: str) -> int | None:
    """An API with every part of `lang` loaded, or None (Tesseract itself carries on with the parts it
    could load when one of several is missing: "eng+xyz" reads as "eng")."""
    handle = lib.TessBaseAPICreate()
    if lib.TessBaseAPIInit3(handle, folder.encode() or None, lang.encode()) == 0:
        if set(lang.split("+")) <= set(_loaded_languages(lib, handle)):
            # Tesseract's progress messages ('Detected 7 diacritics') go nowhere, not to our stderr (the
            # command's stderr, which pytesseract captured, held them)
            lib.TessBaseAPISetVariable(handle, b"debug_file", b"/dev/null")
            return handle
        lib.TessBaseAPIEnd(handle)
    lib.TessBaseAPIDelete(handle)
    return None


def _loaded_languages(lib: Library, handle: int) -> list[str]:
    array = lib.TessBaseAPIGetLoadedLanguagesAsVector(handle)
    if not array:
        return []
    languages: list[str] = []
    try:
        while array[len(languages)]:  # a NULL-terminated array of strings
            languages.append(ctypes.string_at(array[len(languages)]).decode())
    finally:
        lib.TessDeleteTextArray(array)
    return languages


def _first_missing(lib: Library, lang: str, folder: str) -> str:
    """The first part of `lang` that cannot be loaded alone (all of `lang` when each part can)."""
    for part in lang.split("+"):
        if (handle := _init(lib, part, folder)) is None:
            return part
        lib.TessBaseAPIDelete(handle)
    return lang


def image_to_data(
    image: Image.Image, lang: str, dpi: int, *, invert_retry: bool, timeout: float = 0
) -> dict[str, list]:
    """Tesseract's words of an 8-bit grey page, as pytesseract's `image_to_data(..., Output.DICT)` gives
    them for the same image, language and options. Raises `TessApiTimeout` when `timeout` (seconds, 0 =
    none) passed before the words were read, `TessApiLanguageError`, `TessApiError`."""
    lib = library()
    if lib is None:
        raise TessApiError("libtesseract is not loaded")
    if image.mode != "L":
        image = image.convert("L")
    pixels = np.ascontiguousarray(np.asarray(image, dtype=np.uint8))
    height, width = pixels.shape
    with api_for(lib, lang) as api:
        lib.TessBaseAPISetPageSegMode(api, PSM_AUTO)
        lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(int(dpi)).encode())
        lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"1" if invert_retry else b"0")
        lib.TessBaseAPISetImage(api, pixels.ctypes.data, width, height, 1, width)
        monitor = lib.TessMonitorCreate()
        try:
            if timeout > 0:
                lib.TessMonitorSetDeadlineMSecs(monitor, max(1, round(timeout * 1000)))
            failed = lib.TessBaseAPIRecognize(api, monitor) != 0
        finally:
            lib.TessMonitorDelete(monitor)
        if failed:
            if timeout > 0:
                raise TessApiTimeout(f"Tesseract timed out after {timeout}s")
            raise TessApiError("TessBaseAPIRecognize failed")
        text = lib.TessBaseAPIGetTsvText(api, 0)
        try:
            tsv = ctypes.string_at(text).decode("utf-8", errors="replace") if text else ""
        finally:
            if text:
                lib.TessDeleteText(text)
    return tsv_to_dict(tsv)


_NUMBER = re.compile(r"-?\d+(\.\d*)?")


def tsv_to_dict(tsv: str) -> dict[str, list]:
    """Tesseract's TSV lines (no header) in pytesseract's DICT shape: a list per column, numbers as
    int(float(value)), the text as it is."""
    result: dict[str, list] = {column: [] for column in TSV_COLUMNS}
    for line in tsv.split("\n"):
        if not line:
            continue
        cells = line.split("\t")
        cells += [""] * (len(TSV_COLUMNS) - len(cells))
        for column, cell in zip(TSV_COLUMNS[:-1], cells, strict=False):
            result[column].append(int(float(cell)) if _NUMBER.fullmatch(cell) else cell)
        result["text"].append("\t".join(cells[len(TSV_COLUMNS) - 1 :]))
    return result
