"""Load and validate the phishing training file, with errors naming the file and the key."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cyberdent.domain.french import typography
from cyberdent.domain.loader import REFERENTIAL_DIR, default_referential, validated_yaml
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.training.models import Part, Training, TrainingError

DEFAULT_TRAINING = REFERENTIAL_DIR / "phishing_training.yaml"

# Keys whose strings are not French prose: ids, codes, and what must stay exactly as a person
# would see it in a mailbox (an address, a link's target, a file name).
_NOT_PROSE = frozenset(
    {"id", "version", "locale", "kind", "channel", "verdict", "part", "reflexes", "facts"}
    | {"sender_address", "target", "attachments"}
)
# A clue's quote is typeset like the part it points at, so that it is still found there.
_PROSE_PARTS = frozenset({Part.SENDER_NAME, Part.SUBJECT, Part.BODY, Part.LINK})


def load_training(path: Path | str, referential: Referential | None = None) -> Training:
    """Read, parse and validate one training file; raise TrainingError naming file and key.

    Fact ids of the reflexes are checked against `referential` (the shipped one by default).
    The file is read within safe_input's limits (size, nesting, no YAML aliases)."""
    path = Path(path)
    training = validated_yaml(path, Training, TrainingError, _typeset)
    problems = check_facts(training, referential or default_referential())
    if problems:
        raise TrainingError(
            f"{path}: {problems[0]}"
            + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
        )
    return training


def check_facts(training: Training, referential: Referential) -> list[str]:
    """Each reflex's fact ids must exist in the référentiel; each problem names its key."""
    fact_ids = {f.id for f in referential.facts}
    return [
        f"reflexes.{reflex.id}.facts: unknown fact '{fact_id}'"
        for reflex in training.reflexes
        for fact_id in reflex.facts
        if fact_id not in fact_ids
    ]


@cache
def default_training() -> Training:
    """The training content shipped with CyberDent, loaded once per process."""
    return load_training(DEFAULT_TRAINING)


def _typeset(data: object, key: str = "") -> object:
    """The raw file with French typography on every human-facing string (see
    french.typography); ids, addresses, link targets and file names are left as written."""
    if isinstance(data, str):
        return data if key in _NOT_PROSE else typography(data)
    if isinstance(data, list):
        return [_typeset(item, key) for item in data]
    if isinstance(data, dict):
        prose_quote = data.get("part") in {p.value for p in _PROSE_PARTS}
        typeset: dict[object, object] = {}
        for k, v in data.items():
            if k == "quote" and isinstance(v, str):
                typeset[k] = typography(v) if prose_quote else v
            else:
                typeset[k] = _typeset(v, k if isinstance(k, str) else "")
        return typeset
    return data
