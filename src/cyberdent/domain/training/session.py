"""A training session: drawing the examples, scoring the answers, marking the clues in place."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.training.models import Clue, Example, Training, Verdict

SESSION_SIZE = 10
# How many legitimate messages a session holds (at least, at most): enough that the lesson is
# "look at the clues", not "everything is a trap".
LEGIT_PER_SESSION = (2, 3)
# A session is passed with at least 8 right answers out of 10 (80 %, rounded up for other sizes):
# "Je ne sais pas" is never a right answer.
PASS_NUMERATOR, PASS_DENOMINATOR = 4, 5


class Answer(StrEnum):
    """What the person answered: « Arnaque », « Légitime » or « Je ne sais pas »."""

    SCAM = "scam"
    LEGIT = "legit"
    UNKNOWN = "unknown"


ANSWER_LABELS: Mapping[Answer, str] = {
    Answer.SCAM: "Arnaque",
    Answer.LEGIT: "Légitime",
    Answer.UNKNOWN: "Je ne sais pas",
}


class Outcome(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    """How one example of the session was answered."""

    example_id: str
    expected: Verdict
    answer: Answer
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class MissedClue:
    """A clue (or, for a legitimate message, a reassurance) of an example not answered right."""

    example_id: str
    clue: Clue


@dataclass(frozen=True, slots=True)
class SessionResult:
    score: int
    total: int
    outcomes: tuple[ExampleOutcome, ...]
    missed: tuple[MissedClue, ...]

    @property
    def passed(self) -> bool:
        """At least 80 % right answers (8 out of 10)."""
        return self.total > 0 and self.score * PASS_DENOMINATOR >= self.total * PASS_NUMERATOR


def draw_session(training: Training, *, size: int = SESSION_SIZE, seed: int) -> list[str]:
    """The ids of `size` distinct examples, the same for the same seed and content.

    2 or 3 are legitimate (fewer if the content or the size does not allow it); the scams cover
    as many kinds as possible (one per kind before a second of any kind). The order is shuffled.
    Raise ValueError when `size` is not between 1 and the number of examples."""
    if not 1 <= size <= len(training.examples):
        raise ValueError(f"size must be between 1 and {len(training.examples)}, not {size}")
    rng = random.Random(seed)  # noqa: S311 -- a drill, not a secret
    scams = [e for e in training.examples if e.verdict is Verdict.SCAM]
    legits = [e for e in training.examples if e.verdict is Verdict.LEGIT]
    low, high = LEGIT_PER_SESSION
    legit_count = min(rng.randint(low, high), len(legits), size)
    legit_count = max(legit_count, size - len(scams))
    chosen = _cover_kinds(legits, legit_count, rng, set())
    chosen += _cover_kinds(scams, size - legit_count, rng, {e.kind for e in chosen})
    rng.shuffle(chosen)
    return [e.id for e in chosen]


def _cover_kinds(
    pool: Sequence[Example], count: int, rng: random.Random, covered: set[str]
) -> list[Example]:
    """`count` examples of `pool`, round after round one per kind, kinds not yet `covered`
    first."""
    by_kind: dict[str, list[Example]] = {}
    for example in pool:
        by_kind.setdefault(example.kind, []).append(example)
    for examples in by_kind.values():
        rng.shuffle(examples)
    kinds = sorted(by_kind)
    rng.shuffle(kinds)
    kinds.sort(key=lambda kind: kind in covered)  # stable: uncovered kinds first
    chosen: list[Example] = []
    while len(chosen) < count:
        for kind in kinds:
            if by_kind[kind] and len(chosen) < count:
                chosen.append(by_kind[kind].pop())
    return chosen


def score_session(
    training: Training, ids: Sequence[str], answers: Mapping[str, Answer]
) -> SessionResult:
    """Score the answers to the examples `ids`; an example with no answer counts as unknown.

    Raise ValueError for an id that is not in the training, a repeated id, or an answer to an
    example that is not in the session."""
    unknown_ids = [i for i in ids if i not in {e.id for e in training.examples}]
    if unknown_ids:
        raise ValueError(f"unknown example ids: {', '.join(unknown_ids)}")
    if len(set(ids)) != len(ids):
        raise ValueError("an example appears twice in the session")
    stray = sorted(set(answers) - set(ids))
    if stray:
        raise ValueError(f"answers to examples not in the session: {', '.join(stray)}")
    outcomes: list[ExampleOutcome] = []
    missed: list[MissedClue] = []
    for example_id in ids:
        example = training.example(example_id)
        answer = Answer(answers.get(example_id, Answer.UNKNOWN))
        if answer is Answer.UNKNOWN:
            outcome = Outcome.UNKNOWN
        elif answer.value == example.verdict.value:
            outcome = Outcome.RIGHT
        else:
            outcome = Outcome.WRONG
        outcomes.append(ExampleOutcome(example_id, example.verdict, answer, outcome))
        if outcome is not Outcome.RIGHT:
            missed += [MissedClue(example_id, clue) for clue in example.all_clues]
    score = sum(o.outcome is Outcome.RIGHT for o in outcomes)
    return SessionResult(score, len(ids), tuple(outcomes), tuple(missed))


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a text: `quotes` holds the indexes (in the list given to highlight) of every
    quote covering it; an empty tuple is plain text."""

    text: str
    quotes: tuple[int, ...] = ()

    @property
    def highlighted(self) -> bool:
        return bool(self.quotes)


def highlight(text: str, quotes: Sequence[str]) -> list[Segment]:
    """Split `text` into plain and highlighted runs, every occurrence of every quote marked.

    Overlapping and repeated quotes are handled: a run changes wherever the set of quotes
    covering it changes. Joining the segments' texts gives `text` back exactly."""
    events: dict[int, list[tuple[int, int]]] = {}  # position → (+1 open / -1 close, quote)
    for index, quote in enumerate(quotes):
        if not quote:
            continue
        start = text.find(quote)
        while start != -1:
            events.setdefault(start, []).append((1, index))
            events.setdefault(start + len(quote), []).append((-1, index))
            start = text.find(quote, start + 1)
    segments: list[Segment] = []
    open_count: dict[int, int] = {}
    position = 0
    for boundary in sorted(events):
        if boundary > position:
            covering = tuple(sorted(i for i, n in open_count.items() if n > 0))
            segments.append(Segment(text[position:boundary], covering))
            position = boundary
        for delta, index in events[boundary]:
            open_count[index] = open_count.get(index, 0) + delta
    if position < len(text):
        segments.append(Segment(text[position:]))
    return _merge(segments)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring runs covered by the same quotes (two occurrences that touch)."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].quotes == segment.quotes:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.quotes)
        else:
            merged.append(segment)
    return merged
