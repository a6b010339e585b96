"""`cyberdent diagnose`: the 11 questions in the terminal, or answers from a file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.markup import escape

from cyberdent.cli.errors import UsageError
from cyberdent.cli.inputs import read_mapping, referential_from
from cyberdent.domain.answers import (
    ANSWER_LABELS,
    BASE_ANSWERS,
    Answer,
    allowed_answers,
    parse_answers,
)
from cyberdent.domain.assessment import Assessment, RiskLevel, assess
from cyberdent.domain.errors import AnswersError
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import PRIORITY_HEADINGS
from cyberdent.domain.serialize import assessment_to_dict

# Keys a person types at the prompt, in French.
KEYS: dict[str, Answer] = {
    "o": Answer.YES,
    "n": Answer.NO,
    "j": Answer.UNKNOWN,
    "c": Answer.NOT_APPLICABLE,
}
LEVEL_STYLES = {
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
    console.print("[bold]Diagnostic CyberDent[/] — 11 questions, environ 5 minutes.")
    console.print("Répondez par o (oui), n (non), j (je ne sais pas) ; ? pour l’aide.\n")
    raw: dict[str, str] = {}
    entries = [(q.id, q.text, q.how_to_check, allowed_answers(q)) for q in ref.questions]
    entries += [(c.id, c.text, c.how_to_check, BASE_ANSWERS) for c in ref.complementary]
    for number, (qid, text, help_text, allowed) in enumerate(entries, start=1):
        keys = [k for k, a in KEYS.items() if a in allowed]
        choices = " / ".join(f"{k} = {ANSWER_LABELS[KEYS[k]]}" for k in keys)
        console.print(f"[bold]{number}. {escape(text)}[/]")
        while True:
            typed = _read(console, f"   ({choices}, ? = aide) : ")
            if typed == "?":
                console.print(f"   [italic]Comment vérifier ?[/] {escape(help_text)}")
            elif typed in keys:
                raw[qid] = KEYS[typed].value
                break
            else:
                console.print("   Réponse non reconnue, tapez l’une des lettres proposées.")
    console.print()
    return raw


def print_assessment(ref: Referential, assessment: Assessment, console: Console) -> None:
    style = LEVEL_STYLES[assessment.level]
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
