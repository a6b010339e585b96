"""Writes to the observatory: contribute, withdraw, import paper questionnaires, demo data, staff.

Every write changes the contributions and their blocks in one transaction, so the roll-up the
pages read is always the sum of the contributions.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cyberdent.domain.answers import Answer
from cyberdent.domain.observatory.blocks import RISK_LEVELS, BlockKey, Contribution, Tally, tally
from cyberdent.domain.observatory.cohort import Period, months_between
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import models
from cyberdent.observatory.selectors import GENERATION_KEY, current_period, forget_generation
from cyberdent.observatory.slots import contribution_slot, practice_contributor

T = TypeVar("T")
Where = tuple[BlockKey, bool]  # a block of the roll-up: its key, and whether it is demo data


def _apply(deltas: Mapping[Where, list[tuple[Tally, int]]]) -> None:
    """Add (+1) or remove (-1) tallies to their blocks: one locked read of the blocks concerned
    (in a fixed order, so that two writers never wait for each other in a circle), then one
    bulk update, one bulk insert and one delete. Two writers creating the same new block at
    once: the second breaks the unique constraint, and its caller tries once more."""
    if not deltas:
        return
    periods = sorted({str(key.period) for key, _ in deltas})
    existing = {
        (b.departement, b.size_band, b.period, b.demo): b
        for b in models.Block.objects.select_for_update()
        .filter(period__in=periods)
        .order_by("period", "departement", "size_band", "demo")
    }
    to_create, to_update, to_delete = [], [], []
    for (key, demo), changes in deltas.items():
        ident = (key.departement, key.size_band, str(key.period), demo)
        block = existing.get(ident)
        is_new = block is None
        if block is None:
            block = models.Block(
                departement=key.departement,
                size_band=key.size_band,
                period=str(key.period),
                demo=demo,
                met={},
            )
        met = dict(block.met)
        for one, sign in changes:
            block.n += sign
            setattr(block, one.level, getattr(block, one.level) + sign)
            for question in one.met:
                met[question] = met.get(question, 0) + sign
        block.met = {q: c for q, c in met.items() if c}
        if block.n and is_new:
            to_create.append(block)
        elif block.n:
            to_update.append(block)
        elif not is_new:
            to_delete.append(block.pk)
    models.Block.objects.bulk_update(to_update, ["n", *RISK_LEVELS, "met"], batch_size=500)
    models.Block.objects.bulk_create(to_create, batch_size=500)
    models.Block.objects.filter(pk__in=to_delete).delete()
    blocks_changed()


def blocks_changed() -> None:
    """A new generation of the figures (selectors.observatory_standing): now, and again once
    the transaction commits — a page that read the old blocks in between kept its figures
    under the generation set now, which the second one retires."""

    def renew() -> None:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        forget_generation()

    renew()
    transaction.on_commit(renew)


# A write can lose two races (creating the same new block; the same slot, a double tap), each
# at most once per competing writer: a few tries settle any realistic burst.
WRITE_ATTEMPTS = 5


def _retrying(write: Callable[[], T]) -> T:
    """Run a write transaction; again if it lost a race to create the same row."""
    for _ in range(WRITE_ATTEMPTS - 1):
        try:
            return write()
        except IntegrityError:
            continue
    return write()


def _row(ref: Referential, contribution: Contribution, *, slot: str | None, demo: bool) -> Any:
    return models.Contribution(
        referential_id=ref.id,
        referential_version=ref.version,
        answers={q: a.value for q, a in contribution.answers.items()},
        departement=contribution.departement,
        size_band=contribution.size_band,
        period=str(contribution.period),
        slot=slot,
        demo=demo,
    )


def _stored(ref: Referential, row: Any) -> tuple[tuple[BlockKey, bool], Tally]:
    key = BlockKey(row.departement, row.size_band, Period.parse(row.period))
    answers = {q: Answer(a) for q, a in row.answers.items()}
    return (key, row.demo), tally(ref, answers)


def _remove(ref: Referential, rows: Iterable[Any]) -> int:
    deltas: dict[Where, list[tuple[Tally, int]]] = defaultdict(list)
    ids = []
    for row in rows:
        where, one = _stored(ref, row)
        deltas[where].append((one, -1))
        ids.append(row.pk)
    _apply(deltas)
    models.Contribution.objects.filter(pk__in=ids).delete()
    return len(ids)


def contribution_record(
    *,
    ref: Referential,
    answers: Mapping[str, Answer],
    departement: str,
    size_band: str,
    contributor: str,
) -> None:
    """The contributor's contribution for the current month; a later one that month replaces it.

    Two first contributions of the same month at the same instant (a double tap) both find
    nothing to replace; the second then breaks the slot's uniqueness, and one more try replaces
    the first."""
    _retrying(lambda: _record(ref, answers, departement, size_band, contributor))


@transaction.atomic
def _record(
    ref: Referential,
    answers: Mapping[str, Answer],
    departement: str,
    size_band: str,
    contributor: str,
) -> None:
    period = current_period()
    slot = contribution_slot(contributor=contributor, period=period)
    scored = {q.id: answers[q.id] for q in ref.questions}
    _remove(ref, models.Contribution.objects.select_for_update().filter(slot=slot))
    contribution = Contribution(departement, size_band, period, scored)
    _row(ref, contribution, slot=slot, demo=False).save()
    _apply({(contribution.key, False): [(tally(ref, scored), 1)]})


def _slots_since(contributor: str, first: Period) -> list[str]:
    return [
        contribution_slot(contributor=contributor, period=period)
        for period in months_between(first, current_period())
    ]


@transaction.atomic
def contributions_withdraw(*, ref: Referential, contributor: str, since: Period) -> int:
    """Remove every contribution of this contributor from `since` to now; how many there were."""
    slots = _slots_since(contributor, since)
    return _remove(ref, models.Contribution.objects.select_for_update().filter(slot__in=slots))


def practice_withdraw(*, ref: Referential, practice: Any) -> int:
    created = timezone.localdate(practice.created_at)
    return contributions_withdraw(
        ref=ref,
        contributor=practice_contributor(practice),
        since=Period(created.year, created.month),
    )


def contributions_import(
    *, ref: Referential, contributions: list[Contribution], demo: bool = False
) -> int:
    """Add contributions that have no contributor (paper questionnaires, demo data), all or
    none."""
    deltas: dict[Where, list[tuple[Tally, int]]] = defaultdict(list)
    for contribution in contributions:
        deltas[(contribution.key, demo)].append((tally(ref, contribution.answers), 1))

    @transaction.atomic
    def write() -> int:
        _insert(ref, contributions, demo=demo)
        _apply(deltas)
        return len(contributions)

    return _retrying(write)


_COPY = (
    "COPY observatory_contribution (id, referential_id, referential_version, answers, "
    "departement, size_band, period, slot, demo) FROM STDIN"
)


def _insert(ref: Referential, contributions: list[Contribution], *, demo: bool) -> None:
    """Insert rows without a contributor. On PostgreSQL through COPY: a million demo rows take
    minutes with INSERT (psycopg quotes every value in Python), seconds with COPY."""
    if connection.vendor != "postgresql":
        models.Contribution.objects.bulk_create(
            (_row(ref, c, slot=None, demo=demo) for c in contributions), batch_size=2000
        )
        return
    with connection.cursor() as cursor, cursor.cursor.copy(_COPY) as copy:
        for c in contributions:
            copy.write_row(
                (
                    uuid.uuid4(),
                    ref.id,
                    ref.version,
                    json.dumps({q: a.value for q, a in c.answers.items()}),
                    c.departement,
                    c.size_band,
                    str(c.period),
                    None,
                    demo,
                )
            )


@transaction.atomic
def demo_clear() -> int:
    deleted, _ = models.Contribution.objects.filter(demo=True).delete()
    models.Block.objects.filter(demo=True).delete()
    blocks_changed()
    return int(deleted)


def staff_add(*, email: str) -> tuple[Any, bool]:
    """Make the account of this e-mail union staff, creating the account if needed (its owner
    then sets a password with « Mot de passe oublié ? »). Returns (user, created)."""
    user_model = get_user_model()
    # Lower case, as allauth stores and looks up addresses (« Mot de passe oublié ? » must find it).
    email = email.strip().lower()
    with transaction.atomic():
        user = user_model.objects.filter(email__iexact=email).first()
        created = user is None
        if user is None:
            user = user_model.objects.create_user(username=email[:150], email=email)
            user.set_unusable_password()
            user.save()
            # The union vouches for the address: no confirmation loop at the first login.
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        models.StaffMember.objects.get_or_create(user=user)
    return user, created


def staff_remove(*, email: str) -> bool:
    deleted, _ = models.StaffMember.objects.filter(user__email__iexact=email.strip()).delete()
    return bool(deleted)
