"""Load and validate a référentiel YAML file into typed models, with precise error messages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.french import typography
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.referential_paths import DEFAULT_REFERENTIAL as DEFAULT_REFERENTIAL
from cyberdent.domain.referential_paths import REFERENTIAL_DIR as REFERENTIAL_DIR
from cyberdent.domain.referential_paths import REFERENTIAL_SEARCH_DIRS as REFERENTIAL_SEARCH_DIRS
from cyberdent.domain.safe_input import InputFileError, load_data

M = TypeVar("M", bound=BaseModel)


def _location(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(racine)"


def validated_yaml(
    path: Path,
    model: type[M],
    error: type[ReferentialError],
    typeset: Callable[[object], object],
) -> M:
    """One content file read within safe_input's limits, typeset, and validated by `model`;
    `error` names the file and the first bad key (and how many more)."""
    try:
        data = load_data(path, "yaml")
    except InputFileError as exc:
        raise error(str(exc)) from exc
    if not isinstance(data, dict):
        raise error(f"{path}: the top level must be a mapping")
    try:
        return model.model_validate(typeset(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise error(f"{path}: {_location(first['loc'])}: {first['msg']}{more}") from exc


def load_referential(path: Path | str) -> Referential:
    """Read, parse and validate one référentiel file; raise ReferentialError naming file and key.

    The file is read within safe_input's limits (size, nesting, no YAML aliases)."""
    path = Path(path)
    referential = validated_yaml(path, Referential, ReferentialError, _typeset)
    problems = check_references(referential)
    if problems:
        raise ReferentialError(
            f"{path}: {problems[0]}"
            + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
        )
    return referential


# Keys whose strings are not French prose: ids and references to ids, codes, and the
# addresses that must stay as written (a URL, a phone number, an e-mail address).
_NOT_PROSE = frozenset(
    {"id", "version", "locale", "measure", "who", "status", "critical", "facts", "contacts"}
    | {"fallback_contact", "phone", "url", "email", "website"}
)


def _typeset(data: object, key: str = "") -> object:
    """The raw référentiel with French typography (see french.typography) applied to every
    human-facing string, so that each page, PDF and e-mail shows it alike; mapping keys (ids)
    and the values of the keys in _NOT_PROSE are left as written."""
    if isinstance(data, str):
        return data if key in _NOT_PROSE else typography(data)
    if isinstance(data, dict):
        return {k: _typeset(v, k if isinstance(k, str) else "") for k, v in data.items()}
    if isinstance(data, list):
        return [_typeset(item, key) for item in data]
    return data


@cache
def default_referential() -> Referential:
    """The référentiel shipped with CyberDent, loaded once per process."""
    return load_referential(DEFAULT_REFERENTIAL)


# (id, version, search dirs as given) → the référentiel: a page showing 5,000 saved diagnostics
# looks each one's version up with a dict lookup, not by resolving paths. Only files that loaded
# are kept, so it holds at most one entry per file (and per way of naming the folders).
_VERSIONS: dict[tuple[str, str, tuple[Path | str, ...]], Referential] = {}


def load_referential_version(
    referential_id: str,
    version: str,
    search_dirs: Sequence[Path | str] = REFERENTIAL_SEARCH_DIRS,
) -> Referential:
    """The shipped référentiel with this id and version, so that a saved diagnostic shows the
    result it had when it was made. Raise ReferentialError when no file matches.

    Cached per (id, version, search_dirs): the files are read once per process."""
    key = (referential_id, version, tuple(search_dirs))
    found = _VERSIONS.get(key)
    if found is None:
        found = _VERSIONS[key] = _load_version(referential_id, version, key[2])
    return found


def _load_version(
    referential_id: str, version: str, search_dirs: tuple[Path | str, ...]
) -> Referential:
    dirs = tuple(Path(d).resolve() for d in search_dirs)
    path = _referential_index(dirs).get((referential_id, version))
    if path is None:
        raise ReferentialError(
            f"référentiel '{referential_id}' version '{version}' not found in "
            + ", ".join(str(d) for d in dirs)
        )
    if path == DEFAULT_REFERENTIAL.resolve():
        return default_referential()
    return _load_cached(path)


@cache
def _load_cached(path: Path) -> Referential:
    return load_referential(path)


# Content that lives beside the référentiel without being one (its own model and loader).
NOT_REFERENTIALS = frozenset({"phishing_training.yaml", "mailcheck.yaml"})


def referential_files(directory: Path) -> list[Path]:
    """The référentiel files of a directory (versions of the questions, rule and plan)."""
    if not directory.is_dir():
        return []
    return [p for p in sorted(directory.glob("*.yaml")) if p.name not in NOT_REFERENTIALS]


@cache
def _referential_index(dirs: tuple[Path, ...]) -> dict[tuple[str, str], Path]:
    """(id, version) → file, reading only the two keys; two files with the same pair are an
    error, since a saved diagnostic could then show two different results."""
    index: dict[tuple[str, str], Path] = {}
    for directory in dirs:
        for path in referential_files(directory):
            key = _id_and_version(path)
            if key in index:
                raise ReferentialError(
                    f"{path}: id '{key[0]}' version '{key[1]}' is also in {index[key]}"
                )
            index[key] = path
    return index


def _id_and_version(path: Path) -> tuple[str, str]:
    try:
        data = load_data(path, "yaml")
    except InputFileError as exc:
        raise ReferentialError(f"{path}: cannot read file ({exc.detail})") from exc
    if not isinstance(data, dict):
        raise ReferentialError(f"{path}: the top level must be a mapping")
    ref_id, version = data.get("id"), data.get("version")
    if not isinstance(ref_id, str) or not isinstance(version, str):
        raise ReferentialError(f"{path}: id and version must be strings")
    return ref_id, version


def check_references(ref: Referential) -> list[str]:
    """Cross-reference checks that a schema alone cannot express; each problem names its key."""
    problems: list[str] = []

    def unique(kind: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                problems.append(f"{kind}: duplicate id '{item_id}'")
            seen.add(item_id)

    question_ids = [q.id for q in ref.questions]
    actions = [q.action for q in ref.questions]
    actions += [c.action for c in ref.complementary] + list(ref.maintenance)
    unique("questions", question_ids + [c.id for c in ref.complementary])
    unique("measures", [m.id for m in ref.measures])
    unique("actions", [a.id for a in actions])
    unique("facts", [f.id for f in ref.facts])
    unique("incident.contacts", [c.id for c in ref.incident.contacts])
    unique("incident.steps", [s.id for s in ref.incident.steps])
    unique("questions.priority", [str(q.priority) for q in ref.questions])
    unique("rule.critical", list(ref.rule.critical))

    measure_ids = {m.id for m in ref.measures}
    for action in actions:
        if action.measure not in measure_ids:
            problems.append(f"action '{action.id}'.measure: unknown measure '{action.measure}'")
    used = {a.measure for a in actions}
    for measure_id in sorted(measure_ids - used):
        problems.append(f"measures: measure '{measure_id}' is used by no action")

    # Sets, not lists: a hostile file of a megabyte must not cost quadratic time.
    known_questions, critical = set(question_ids), set(ref.rule.critical)
    for critical_id in ref.rule.critical:
        if critical_id not in known_questions:
            problems.append(f"rule.critical: unknown question '{critical_id}'")
    for q in ref.questions:
        if q.critical != (q.id in critical):
            problems.append(f"questions.{q.id}.critical: disagrees with rule.critical")

    levels = {lvl.id: lvl for lvl in ref.rule.levels}
    if set(levels) != {"high", "moderate", "low"}:
        problems.append("rule.levels: must define exactly high, moderate and low")
    elif not (
        levels["high"].min_score == 0
        and levels["moderate"].min_score == ref.rule.high_if_score_at_most + 1
        and levels["moderate"].min_score < levels["low"].min_score <= len(ref.questions)
    ):
        problems.append("rule.levels: min_score must be 0 < high threshold + 1 < low <= questions")

    fact_ids = {f.id for f in ref.facts}
    contact_ids = {c.id for c in ref.incident.contacts}
    for where, refs in _fact_references(ref):
        for fact_id in refs:
            if fact_id not in fact_ids:
                problems.append(f"{where}.facts: unknown fact '{fact_id}'")
    for step in ref.incident.steps:
        for contact_id in step.contacts:
            if contact_id not in contact_ids:
                problems.append(
                    f"incident.steps.{step.id}.contacts: unknown contact '{contact_id}'"
                )
    right_now = ref.incident.right_now
    if right_now is not None and right_now.fallback_contact not in contact_ids:
        problems.append(
            f"incident.right_now.fallback_contact: unknown contact '{right_now.fallback_contact}'"
        )
    return problems


def _fact_references(ref: Referential) -> list[tuple[str, list[str]]]:
    refs: list[tuple[str, list[str]]] = [("source.publisher", ref.source.publisher.facts)]
    for q in ref.questions:
        refs += [
            (f"questions.{q.id}", q.facts),
            (f"actions.{q.action.id}", q.action.facts),
        ]
    for c in ref.complementary:
        refs += [
            (f"complementary.{c.id}", c.facts),
            (f"actions.{c.action.id}", c.action.facts),
        ]
    refs += [(f"maintenance.{a.id}", a.facts) for a in ref.maintenance]
    refs += [(f"why_protect[{i}]", s.facts) for i, s in enumerate(ref.why_protect)]
    refs += [(f"incident.steps.{s.id}", s.facts) for s in ref.incident.steps]
    refs += [(f"incident.contacts.{c.id}", c.facts) for c in ref.incident.contacts]
    refs.append(("incident.personal_data", ref.incident.personal_data.facts))
    if ref.incident.right_now is not None:
        refs.append(("incident.right_now", ref.incident.right_now.facts))
    return refs


def referenced_fact_ids(ref: Referential) -> set[str]:
    """Every fact id the content points at (used by the coherence tests)."""
    return {fact_id for _, ids in _fact_references(ref) for fact_id in ids}
