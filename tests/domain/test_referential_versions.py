"""A saved diagnostic is shown with the référentiel version it was made with."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import RiskLevel, assess
from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.loader import (
    DEFAULT_REFERENTIAL,
    REFERENTIAL_SEARCH_DIRS,
    default_referential,
    load_referential,
    load_referential_version,
    referential_files,
)
from tests.conftest import all_yes

REF_ID = "urps_cd_occitanie_cyber"


@pytest.fixture(scope="module")
def real_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_REFERENTIAL.read_text(encoding="utf-8"))
    return data


def write(directory: Path, name: str, data: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def two_versions(tmp_path: Path, real_data: dict[str, Any]) -> tuple[Path, Path]:
    """A current file at 2.0.0 whose high-risk threshold is 7 (not 6), and 1.0.0 archived."""
    old = copy.deepcopy(real_data)
    old["version"] = "1.0.0"
    new = copy.deepcopy(real_data)
    new["version"] = "2.0.0"
    new["rule"]["high_if_score_at_most"] = 7
    next(lvl for lvl in new["rule"]["levels"] if lvl["id"] == "moderate")["min_score"] = 8
    new["questions"][1]["text"] = "Texte changé dans la version 2"
    current, archive = tmp_path / "referential", tmp_path / "referential" / "archive"
    write(current, "urps.yaml", new)
    write(archive, f"{REF_ID}-1.0.0.yaml", old)
    return current, archive


def test_an_archived_version_still_loads_and_gives_the_old_result(
    two_versions: tuple[Path, Path],
) -> None:
    dirs = list(two_versions)
    old = load_referential_version(REF_ID, "1.0.0", dirs)
    new = load_referential_version(REF_ID, "2.0.0", dirs)
    assert (old.version, new.version) == ("1.0.0", "2.0.0")
    # Score 7/11, every critical measure in place: moderate under 1.0.0, high under 2.0.0.
    raw = all_yes(mfa="no", wifi_separation="no", phishing_training="no", auto_lock="no")
    old_result = assess(old, parse_answers(old, raw))
    new_result = assess(new, parse_answers(new, raw))
    assert (old_result.score, old_result.level) == (7, RiskLevel.MODERATE)
    assert (new_result.score, new_result.level) == (7, RiskLevel.HIGH)
    assert old_result.referential_version == "1.0.0"
    assert old.questions[1].text != "Texte changé dans la version 2"


def test_loaded_versions_are_cached(two_versions: tuple[Path, Path]) -> None:
    dirs = list(two_versions)
    assert load_referential_version(REF_ID, "1.0.0", dirs) is load_referential_version(
        REF_ID, "1.0.0", dirs
    )


def test_a_known_version_is_a_lookup(
    two_versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history page asks once per saved diagnostic: no path is resolved, no file read again."""
    dirs = list(two_versions)
    first = load_referential_version(REF_ID, "1.0.0", dirs)

    def no_file_system(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file system was used for a known version")

    monkeypatch.setattr(Path, "resolve", no_file_system)
    monkeypatch.setattr(Path, "is_dir", no_file_system)
    monkeypatch.setattr("cyberdent.domain.loader.load_data", no_file_system)
    assert load_referential_version(REF_ID, "1.0.0", dirs) is first
    assert load_referential_version(REF_ID, "1.0.0", tuple(dirs)) is first


def test_an_absent_version_is_a_referential_error(two_versions: tuple[Path, Path]) -> None:
    with pytest.raises(ReferentialError, match=r"version .0\.9. not found"):
        load_referential_version(REF_ID, "0.9", list(two_versions))
    with pytest.raises(ReferentialError, match=r"'autre' version .1\.0\.0. not found"):
        load_referential_version("autre", "1.0.0", list(two_versions))


def test_a_missing_archive_folder_is_not_an_error(tmp_path: Path, real_data: dict) -> None:
    write(tmp_path / "cur", "urps.yaml", real_data)
    ref = load_referential_version(REF_ID, real_data["version"], [tmp_path / "cur", tmp_path / "x"])
    assert ref.id == REF_ID


def test_the_same_id_and_version_twice_is_an_error(tmp_path: Path, real_data: dict) -> None:
    write(tmp_path / "a", "one.yaml", real_data)
    write(tmp_path / "b", "two.yaml", real_data)
    with pytest.raises(ReferentialError, match=r"two\.yaml: id .* is also in .*one\.yaml"):
        load_referential_version(REF_ID, real_data["version"], [tmp_path / "a", tmp_path / "b"])


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferentialError, match=r"broken\.yaml: cannot read file"):
        load_referential_version(REF_ID, "1.0.0", [tmp_path])


def test_the_shipped_version_is_the_default_referential() -> None:
    ref = default_referential()
    assert load_referential_version(ref.id, ref.version) is ref


def test_every_shipped_referential_file_is_valid() -> None:
    """Archived versions must stay loadable: diagnostics saved with them depend on it."""
    files = [p for d in REFERENTIAL_SEARCH_DIRS for p in referential_files(d)]
    assert DEFAULT_REFERENTIAL in files
    for path in files:
        ref = load_referential(path)
        assert load_referential_version(ref.id, ref.version).version == ref.version
