"""`cyberdent diagnose`: the 11 questions in the terminal, or answers from a file."""

from __future__ import annotations

import argparse
from functools import cache
from typing import TYPE_CHECKING, Any

from cyberdent.cli.errors import UsageError

# The domain, pydantic and rich are imported by the handlers: `cyberdent --help` and the other
# commands do not pay for them (tests/cli/test_startup.py).
if TYPE_CHECKING:
    from rich.console import Console

    from cyberdent.domain.answers import Answer
    from cyberdent.domain.assessment import Assessment, RiskLevel
    from cyberdent.domain.referential_models import Referential


@cache
def keys() -> dict[str, Answer]:
    """Keys a person types at the prompt, in French."""
    from cyberdent.domain.answers import Answer

    return {"o": Answer.YES, "n": Answer.NO, "j": Answer.UNKNOWN, "c": Answer.NOT_APPLICABLE}


@cache
def level_styles() -> dict[RiskLevel, str]:
    from cyberdent.domain.assessment import RiskLevel

    return {
        RiskLevel.HIGH: "bold red",
        RiskLevel.MODERATE: "bold yellow",
        RiskLevel.LOW: "bold green",
    }


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("diagnose", help="run the 11-question self-diagnostic")
    parser.add_argument("--answers", metavar="FILE", help="JSON or YAML: question id → answer")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--referential", metavar="FILE", help="another référentiel file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from rich.console import Console

    from cyberdent.cli.inputs import read_mapping, referential_from
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.assessment import assess
    from cyberdent.domain.errors import AnswersError
    from cyberdent.domain.serialize import assessment_to_dict

    ref = referential_from(args.referential)
    console = Console(highlight=False)
    if args.answers:
        raw = read_mapping(args.answers)
        source = args.answers
    else:
        if args.format == "json":
            raise UsageError("--format json needs --answers FILE")
        raw = ask_questions(ref, console)
        source = "terminal"
    try:
        answers = parse_answers(ref, raw)
    except AnswersError as exc:
        raise UsageError(f"{source}: " + "; ".join(exc.problems)) from exc
    assessment = assess(ref, answers)
    if args.format == "json":
        print(json.dumps(assessment_to_dict(ref, assessment), ensure_ascii=False, indent=2))
    else:
        print_assessment(ref, assessment, console)
    return 0


def _read(console: Console, prompt: str) -> str:
    try:
        return console.input(prompt).strip().lower()
    except EOFError as exc:
        raise UsageError("input ended before every question was answered") from exc


def ask_questions(ref: Referential, console: Console) -> dict[str, str]:
    """Ask each question in order; '?' shows the "Comment vérifier ?" help."""
    from rich.markup import escape

    from cyberdent.domain.answers import ANSWER_LABELS, BASE_ANSWERS, allowed_answers

    console.print("[bold]Diagnostic CyberDent[/] — 11 questions, environ 5 minutes.")
    console.print("Répondez par o (oui), n (non), j (je ne sais pas) ; ? pour l’aide.\n")
    raw: dict[str, str] = {}
    entries = [(q.id, q.text, q.how_to_check, allowed_answers(q)) for q in ref.questions]
    entries += [(c.id, c.text, c.how_to_check, BASE_ANSWERS) for c in ref.complementary]
    typed_keys = keys()
    for number, (qid, text, help_text, allowed) in enumerate(entries, start=1):
        allowed_keys = [k for k, a in typed_keys.items() if a in allowed]
        choices = " / ".join(f"{k} = {ANSWER_LABELS[typed_keys[k]]}" for k in allowed_keys)
        console.print(f"[bold]{number}. {escape(text)}[/]")
        while True:
            typed = _read(console, f"   ({choices}, ? = aide) : ")
            if typed == "?":
                console.print(f"   [italic]Comment vérifier ?[/] {escape(help_text)}")
            elif typed in allowed_keys:
                raw[qid] = typed_keys[typed].value
                break
            else:
                console.print("   Réponse non reconnue, tapez l’une des lettres proposées.")
    console.print()
    return raw


def print_assessment(ref: Referential, assessment: Assessment, console: Console) -> None:
    from rich.markup import escape

    from cyberdent.domain.report import PRIORITY_HEADINGS

    style = level_styles()[assessment.level]
    console.print(f"Score : [bold]{assessment.score}/{assessment.max_score}[/]")
    console.print(f"Niveau de risque : [{style}]{escape(assessment.level_info.label)}[/]")
    console.print(escape(assessment.verdict))
    console.print("\n[bold]Pourquoi ?[/]")
    for reason in assessment.reasons:
        console.print(f" • {escape(reason)}")
    console.print("\n[bold]Votre plan d’action[/]")
    heading = None
    for number, action in enumerate(assessment.actions, start=1):
        if action.priority is not heading:
            heading = action.priority
            console.print(f"\n[underline]{PRIORITY_HEADINGS[heading]}[/]")
        console.print(f"{number}. [bold]{escape(action.title)}[/]")
        console.print(f"   Qui : {action.who_label} — Effort : {escape(action.effort)}")
        for step in action.steps:
            console.print(f"   - {escape(step)}")
    console.print(
        f"\nRéférentiel : {assessment.referential_id} version {assessment.referential_version}"
    )
