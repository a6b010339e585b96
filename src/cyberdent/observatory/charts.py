"""The observatory's figures as pages show them: rows for the tables and SVG geometry for the
charts beside them (presentation only: every number comes from a published domain Table).

The SVGs are drawn in a fixed viewBox (units below) and scaled to the page by the browser.
A withheld figure (None) draws no bar: its label says « moins de 5 », like the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cyberdent.domain.french import NNBSP, number_label, percent_label
from cyberdent.domain.observatory.blocks import RISK_LEVELS
from cyberdent.domain.observatory.cohort import DEPARTEMENT_NAMES, SIZE_BAND_NAMES, Period
from cyberdent.domain.observatory.suppression import K
from cyberdent.domain.observatory.tables import Figures, Table
from cyberdent.domain.referential_models import Referential

WITHHELD = f"moins de {K}"
WITHHELD_SHARE = f"moins de {K} réponses"
LEVEL_WORDS = {"high": "Risque élevé", "moderate": "Risque modéré", "low": "Risque faible"}
SHORT_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip

WIDTH = 400
# Horizontal bars: a label line, then the bar and its value.
BAR_LABEL_Y = 15
BAR_Y = 22
BAR_HEIGHT = 16
ROW_HEIGHT = 50
VALUE_ROOM = 92  # right of the bars' track: the value, up to « moins de 5 »


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(value: int | None) -> str:
    return WITHHELD if value is None else number_label(value)


def _share(value: float | None) -> str:
    return WITHHELD_SHARE if value is None else percent_label(value)


@dataclass(frozen=True)
class QuestionRow:
    id: str
    title: str
    met: int | None
    base: int
    share: float | None


@dataclass(frozen=True)
class RiskRow:
    level: str
    word: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class HBar:
    """One horizontal bar: its label above, the bar, the value written after it."""

    label: str
    value: str
    css: str
    withheld: bool  # no bar: the value is written inside the empty track
    label_y: float
    y: float
    width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    bar_height: int
    track: int
    bars: tuple[HBar, ...]
    description: str


def hbar_chart(
    items: Sequence[tuple[str, float | None, str]], *, intro: str, css: Sequence[str] = ()
) -> HBarChart:
    """Bars of shares (0–1) with their labels; (label, share or None, value text) per row."""
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, text) in enumerate(items):
        top = index * ROW_HEIGHT
        width = round(room * value, 1) if value is not None else 0.0
        bars.append(
            HBar(
                label=label,
                value=text,
                css=css[index] if index < len(css) else "",
                withheld=value is None,
                label_y=top + BAR_LABEL_Y,
                y=top + BAR_Y,
                width=width,
                value_x=8 if value is None else room + 8,
                value_y=top + BAR_Y + BAR_HEIGHT - 3,
            )
        )
    description = intro + " " + " ; ".join(f"{b.label} : {b.value}" for b in bars) + "."
    return HBarChart(
        width=WIDTH,
        height=max(ROW_HEIGHT * len(bars), ROW_HEIGHT),
        bar_height=BAR_HEIGHT,
        track=room,
        bars=tuple(bars),
        description=description.replace(" :", f"{NNBSP}:").replace(" ;", f"{NNBSP};"),
    )


@dataclass(frozen=True)
class Overview:
    """The figures of one group (the total of a table): contributions, levels, questions."""

    contributions: int | None
    risk_base: int
    risk: tuple[RiskRow, ...]
    questions: tuple[QuestionRow, ...]  # weakest first; withheld last
    risk_chart: HBarChart
    questions_chart: HBarChart


def questions_weakest_first(figures: Figures, ref: Referential) -> tuple[QuestionRow, ...]:
    """The questions from the least met to the most (brochure order between equals); those
    withheld everywhere come last: where the union's next webinar should go comes first."""
    rows = [
        QuestionRow(
            q.id,
            _capitalized(q.topic),
            figures.met(q.id),
            figures.met_base.get(q.id, 0),
            figures.met_share(q.id),
        )
        for q in ref.questions
    ]
    order = {row.id: i for i, row in enumerate(rows)}
    return tuple(
        sorted(rows, key=lambda r: (r.share is None, r.share or 0.0, order[r.id]))  # stable
    )


def overview(figures: Figures, ref: Referential) -> Overview:
    risk = tuple(
        RiskRow(level, LEVEL_WORDS[level], figures.risk(level), figures.risk_share(level))
        for level in RISK_LEVELS
    )
    questions = questions_weakest_first(figures, ref)
    return Overview(
        contributions=figures.contributions,
        risk_base=figures.risk_base,
        risk=risk,
        questions=questions,
        risk_chart=hbar_chart(
            [(r.word, r.share, _share(r.share)) for r in risk],
            intro="Part des diagnostics à chaque niveau de risque.",
            css=[f"bar-{r.level}" for r in risk],
        ),
        questions_chart=hbar_chart(
            [(q.title, q.share, _share(q.share)) for q in questions],
            intro="Part des réponses où la mesure est en place, de la moins répandue à la plus "
            "répandue.",
        ),
    )


@dataclass(frozen=True)
class GroupRow:
    """One département or size band: its contributions and its levels (each on its base)."""

    code: str
    label: str
    contributions: int | None
    risk_base: int
    high: float | None
    moderate: float | None
    low: float | None


def group_rows(table: Table) -> tuple[GroupRow, ...]:
    """The rows of a table grouped by one key (département or size band), labelled."""
    names = {"departement": DEPARTEMENT_NAMES, "size_band": SIZE_BAND_NAMES}[table.query.by[0]]
    out = []
    for row in table.rows:
        code = row.key[0]
        label = names.get(code, code)
        if table.query.by[0] == "departement" and code in DEPARTEMENT_NAMES and code.isdigit():
            label = f"{label} ({code})"
        f = row.figures
        out.append(
            GroupRow(
                code,
                label,
                f.contributions,
                f.risk_base,
                f.risk_share("high"),
                f.risk_share("moderate"),
                f.risk_share("low"),
            )
        )
    return tuple(out)


# Vertical bars: contributions by month.
V_HEIGHT = 230
V_LEFT = 40
V_RIGHT = 8
V_TOP = 22
V_BOTTOM = 44


@dataclass(frozen=True)
class VBar:
    period: str
    label: str  # « mars 2026 », for the table
    month: str  # « mars », under the bar when there is room
    year: str  # under the month of January and of the first bar
    count: int | None
    value: str  # « 12 », « <5 »
    x: float
    center: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class MonthChart:
    width: int
    height: int
    left: float
    right: float
    bottom: float
    bars: tuple[VBar, ...]
    grid: tuple[GridLine, ...]
    show_values: bool
    description: str

    @property
    def axis_label_x(self) -> float:
        return self.left - 6


def nice_top(value: int) -> int:
    """The smallest of 5, 10, 20, 50, 100, 200, 500… at least `value`."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            top = step * magnitude
            if top >= max(value, K):
                return top
        magnitude *= 10


def month_chart(table: Table) -> MonthChart:
    """Contributions per month of a table grouped by month (oldest on the left)."""
    rows = table.rows
    counts = [row.figures.contributions for row in rows]
    top = nice_top(max([c for c in counts if c is not None], default=0))
    plot_w = WIDTH - V_LEFT - V_RIGHT
    plot_h = V_HEIGHT - V_TOP - V_BOTTOM
    base_y = V_HEIGHT - V_BOTTOM
    slot = plot_w / max(len(rows), 1)
    every = max(1, -(-len(rows) // 6))  # at most 6 month labels: they must not touch
    bars = []
    for index, row in enumerate(rows):
        period = Period.parse(row.key[0])
        count = row.figures.contributions
        height = round(plot_h * (count or 0) / top, 1)
        x = V_LEFT + slot * index
        labelled = index % every == 0
        bars.append(
            VBar(
                period=str(period),
                label=period.label,
                month=SHORT_MONTHS[period.month - 1] if labelled else "",
                year=str(period.year) if labelled and (index == 0 or period.month <= every) else "",
                count=count,
                value="<5" if count is None else number_label(count),
                x=round(x + slot * 0.15, 1),
                center=round(x + slot / 2, 1),
                y=round(base_y - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
            )
        )
    grid = [GridLine(base_y, "0"), GridLine(V_TOP, number_label(top))]
    if top % 2 == 0:
        grid.insert(1, GridLine(round(V_TOP + plot_h / 2, 1), number_label(top // 2)))
    published = [b for b in bars if b.count is not None]
    if not bars:
        description = "Aucun mois dans la période choisie."
    elif not published:
        description = f"Chaque mois de la période compte {WITHHELD} contributions."
    else:
        most = max(published, key=lambda b: b.count or 0)
        description = (
            f"Contributions par mois, de {bars[0].label} à {bars[-1].label} : "
            f"au plus {number_label(most.count or 0)}, en {most.label}. "
            "Le détail est dans le tableau qui suit."
        ).replace(" :", f"{NNBSP}:")
    return MonthChart(
        width=WIDTH,
        height=V_HEIGHT,
        left=V_LEFT,
        right=WIDTH - V_RIGHT,
        bottom=base_y,
        bars=tuple(bars),
        grid=tuple(grid),
        show_values=len(bars) <= 18,
        description=description,
    )


def period_label(start: Period | None, end: Period | None) -> str:
    """« de janvier 2026 à décembre 2026 », « depuis le début », …"""
    if start and end:
        if start == end:
            return f"en {start.label}"
        return f"de {start.label} à {end.label}"
    if start:
        return f"depuis {start.label}"
    if end:
        return f"jusqu’à {end.label}"
    return "depuis le début"
