"""Reading the CLI's input files (JSON or YAML), with one clear message per problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from cyberdent.cli.errors import UsageError
from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.loader import default_referential, load_referential
from cyberdent.domain.referential_models import Referential


def read_mapping(path: str) -> dict[str, Any]:
    """Parse a JSON (by .json suffix) or YAML file whose top level must be a mapping."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read file ({exc.__class__.__name__}: {exc})") from exc
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: malformed file ({exc})".replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of keys to values at the top level")
    return data


def referential_from(path: str | None) -> Referential:
    try:
        return load_referential(path) if path else default_referential()
    except ReferentialError as exc:
        raise UsageError(str(exc)) from exc
