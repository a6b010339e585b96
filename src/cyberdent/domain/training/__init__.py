"""Phishing training: the content (kinds, reflexes, example messages with their clues), its
loader, and the session (drawing 10 examples, scoring the answers, marking the clues in place).

Every public name is re-exported here: `from cyberdent.domain.training import X`.
"""

from cyberdent.domain.training.loader import (
    DEFAULT_TRAINING,
    check_facts,
    default_training,
    load_training,
)
from cyberdent.domain.training.models import (
    MIN_LEGIT_EXAMPLES,
    MIN_SCAM_CLUES,
    Channel,
    Clue,
    Example,
    Kind,
    Link,
    Part,
    Reflex,
    Training,
    TrainingError,
    Verdict,
)
from cyberdent.domain.training.session import (
    ANSWER_LABELS,
    LEGIT_PER_SESSION,
    PASS_DENOMINATOR,
    PASS_NUMERATOR,
    SESSION_SIZE,
    Answer,
    ExampleOutcome,
    MissedClue,
    Outcome,
    Segment,
    SessionResult,
    draw_session,
    highlight,
    score_session,
)

__all__ = [
    "ANSWER_LABELS",
    "DEFAULT_TRAINING",
    "LEGIT_PER_SESSION",
    "MIN_LEGIT_EXAMPLES",
    "MIN_SCAM_CLUES",
    "PASS_DENOMINATOR",
    "PASS_NUMERATOR",
    "SESSION_SIZE",
    "Answer",
    "Channel",
    "Clue",
    "Example",
    "ExampleOutcome",
    "Kind",
    "Link",
    "MissedClue",
    "Outcome",
    "Part",
    "Reflex",
    "Segment",
    "SessionResult",
    "Training",
    "TrainingError",
    "Verdict",
    "check_facts",
    "default_training",
    "draw_session",
    "highlight",
    "load_training",
    "score_session",
]
