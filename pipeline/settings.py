"""Settings from KERJASAMA_* environment variables, a kerjasama.toml, or the embedded defaults."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from pipeline.errors import SettingsError

CONFIG_FILE_ENV = "KERJASAMA_CONFIG"
DEFAULT_CONFIG_FILE = "kerjasama.toml"


class Settings(BaseSettings):
    """Everything configurable. Folder paths default to sub-folders of `home`."""

    model_config = SettingsConfigDict(env_prefix="KERJASAMA_", extra="forbid")

    home: Path = Field(default=Path("data"), description="Data root holding the folders and the SQLite file")
    intake_dir: Path | None = None
    processing_dir: Path | None = None
    archive_dir: Path | None = None
    quarantine_dir: Path | None = None
    reports_dir: Path | None = None
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in home")

    ocr_lang: str = "ind+eng"
    dpi: int = Field(default=300, ge=72, le=600, description="Render resolution; the most a scan is read at")
    ocr_min_dpi: int = Field(default=200, ge=72, le=600, description="A scan under it is raised to dpi")
    ocr_decode_scans: bool = Field(default=False, description="Decode a one-scan page at its own resolution")
    ocr_upsample: Literal["render", "lanczos"] = Field(default="render", description="How a scan is raised")
    ocr_detect_language: bool = Field(default=False, description="Read a one-language document in it alone")
    ocr_invert_retry: bool = Field(
        default=False, description="Tesseract reads low-confidence lines again inverted (7 % more CPU)"
    )
    ocr_in_process: bool = Field(
        default=True, description="Tesseract through libtesseract in this process (false: the command)"
    )
    page_workers: int = Field(default=2, ge=1, description="Pages OCR'd at once")
    ocr_timeout: float = Field(default=300.0, ge=0, description="Seconds per page; 0 = no limit")
    max_pages: int = Field(default=300, ge=1)
    stable_seconds: float = Field(default=2.0, ge=0, description="A file must be unchanged this long")
    review_threshold: float = Field(default=0.6, ge=0, le=1)
    expiring_days: int = Field(default=90, ge=0)
    follow_up_months: int = Field(default=12, ge=0, description="NO_FOLLOW_UP: an MoU this long unfollowed")
    own_institution: str = Field(default="", description="Our own institution's names ('A; B'): no partner")
    low_ocr_confidence: float = Field(default=0.70, ge=0, le=1)

    @model_validator(mode="after")
    def _derive_paths(self) -> Settings:
        for name in ("intake", "processing", "archive", "quarantine", "reports"):
            if getattr(self, f"{name}_dir") is None:
                setattr(self, f"{name}_dir", self.home / name)
        if self.database_url is None:
            self.database_url = f"sqlite:///{(self.home / 'kerjasama.db').as_posix()}"
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))

    def folders(self) -> dict[str, Path]:
        return {
            "intake": self.intake_dir,  # type: ignore[dict-item]
            "processing": self.processing_dir,  # type: ignore[dict-item]
            "archive": self.archive_dir,  # type: ignore[dict-item]
            "quarantine": self.quarantine_dir,  # type: ignore[dict-item]
            "reports": self.reports_dir,  # type: ignore[dict-item]
        }

    def ensure_folders(self) -> None:
        for path in self.folders().values():
            path.mkdir(parents=True, exist_ok=True)


ENV_PREFIX = "KERJASAMA_"


def config_file() -> Path:
    return Path(os.environ.get(CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE))


def load_settings(**overrides) -> Settings:
    """The settings, or a `SettingsError` whose one line names what to fix: the KERJASAMA_* variable, or
    the toml file and its key, with the value given and what was wrong with it."""
    path = config_file()
    if CONFIG_FILE_ENV in os.environ and not path.is_file():
        raise SettingsError(f"{CONFIG_FILE_ENV}={path}: no such file")
    try:
        return Settings(**overrides)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from exc
    except ValidationError as exc:
        raise SettingsError(describe(exc, path)) from exc


def describe(exc: ValidationError, path: Path) -> str:
    """Every problem of a settings ValidationError on one line, each naming where the value came from
    (a variable wins over the file, as when the settings are read)."""
    environ = {key.upper(): value for key, value in os.environ.items()}
    from_file = _toml_keys(path)
    problems = []
    for error in exc.errors():
        key = str(error["loc"][0]) if error["loc"] else "settings"
        variable = ENV_PREFIX + key.upper()
        if error["type"] == "extra_forbidden":
            known = ", ".join(Settings.model_fields)
            problems.append(f"{path}: unknown key '{key}' (known keys: {known})")
        elif variable in environ:
            problems.append(f"{variable}={environ[variable]!r}: {error['msg']}")
        elif key in from_file:
            problems.append(f"{path}: {key} = {from_file[key]!r}: {error['msg']}")
        else:
            problems.append(f"setting {key}: {error['msg']}")
    return "; ".join(problems)


def _toml_keys(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
