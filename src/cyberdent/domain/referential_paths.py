"""Where the référentiel files are: a module of its own, with no import beyond pathlib, so that
the CLI can name the default file in its help without loading pydantic (cyberdent.domain.loader
re-exports these names)."""

from __future__ import annotations

from pathlib import Path

REFERENTIAL_DIR = Path(__file__).resolve().parent.parent / "referential"
DEFAULT_REFERENTIAL = REFERENTIAL_DIR / "urps_cd_occitanie.yaml"
# Where a saved diagnostic's référentiel is looked for: the current files, then the versions
# kept when the content changed (copy the old file to archive/ before bumping its version).
REFERENTIAL_SEARCH_DIRS: tuple[Path, ...] = (REFERENTIAL_DIR, REFERENTIAL_DIR / "archive")
