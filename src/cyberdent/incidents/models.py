"""A practice's incidents, the protocol steps done, and the append-only journal."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import connection, models, transaction

from cyberdent.domain.evidence import HASH_LENGTH, entry_hash, genesis_hash, iso_utc
from cyberdent.domain.incident import (
    KIND_SHORT,
    LONG_MAX_LENGTH,
    PATIENT_DATA_LABELS,
    SHORT_MAX_LENGTH,
    Exemption,
    Risk,
)

# Short labels in the database choices (lists); the start form shows the long ones.
KIND_CHOICES = [(kind.value, label.capitalize()) for kind, label in KIND_SHORT.items()]
PATIENT_DATA_CHOICES = [(value.value, label) for value, label in PATIENT_DATA_LABELS.items()]


class Incident(models.Model):
    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="incidents"
    )
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    discovered_at = models.DateTimeField()
    patient_data = models.CharField(max_length=8, choices=PATIENT_DATA_CHOICES)
    complaint_reference = models.CharField(max_length=SHORT_MAX_LENGTH, blank=True)
    affected_systems = models.TextField(max_length=LONG_MAX_LENGTH, blank=True)
    contacted = models.TextField(max_length=LONG_MAX_LENGTH, blank=True)
    # The personal-data decision helper's answers (blank until answered).
    risk = models.CharField(max_length=10, blank=True, choices=[(r.value, r.value) for r in Risk])
    exemption = models.CharField(
        max_length=16,
        default=Exemption.NONE.value,
        choices=[(e.value, e.value) for e in Exemption],
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    lessons_what_happened = models.TextField(max_length=LONG_MAX_LENGTH, blank=True)
    lessons_what_would_help = models.TextField(max_length=LONG_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-discovered_at", "-id"]

    def __str__(self) -> str:
        return f"Incident {self.pk} ({self.kind}) of practice {self.practice_id}"


class StepDone(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps_done")
    step_id = models.CharField(max_length=64)
    done_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=254, blank=True)
    # When "Fait" was pressed, when the person gave an earlier time for done_at (else null).
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "step_id"], name="one_done_per_step")
        ]
        ordering = ["done_at", "id"]

    def __str__(self) -> str:
        return f"{self.step_id} done at {self.done_at:%Y-%m-%d %H:%M}"


class AppendOnlyError(Exception):
    """The journal is proof: its entries are never changed nor removed."""


APPEND_ONLY_MESSAGE = (
    "Le journal d’incident ne se modifie pas et ne se supprime pas : ajoutez une nouvelle entrée "
    "pour corriger."
)


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)


class JournalEntry(models.Model):
    """Append-only. The default manager refuses bulk update and delete; an instance refuses
    to be saved twice or deleted. Database triggers (migration 0003) refuse the same to every
    other path, raw SQL included; deleting the practice (or a person's account, which sets
    `author` to null) still works: see `cyberdent.incidents.evidence`.

    Each entry carries `chain_hash`, chained to the previous entry of the same incident
    (`cyberdent.domain.evidence`); `save()` computes it with the incident row locked."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="journal")
    created_at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the journal still says who wrote it after an account is deleted.
    author_name = models.CharField(max_length=254, blank=True)
    text = models.TextField()
    chain_hash = models.CharField(max_length=HASH_LENGTH, blank=True, editable=False)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Journal entry {self.pk} of incident {self.incident_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError(APPEND_ONLY_MESSAGE)
        kwargs["force_insert"] = True
        with transaction.atomic(using=kwargs.get("using")):
            self.chain_hash = self._next_chain_hash()
            super().save(*args, **kwargs)

    def _next_chain_hash(self) -> str:
        """The hash of this entry, read with the incident locked: two entries written at the
        same moment wait for each other instead of both chaining from the same previous one."""
        if connection.vendor == "sqlite":
            # SQLite ignores FOR UPDATE: take the database's write lock before reading instead.
            Incident.objects.filter(pk=self.incident_id).update(id=models.F("id"))
        discovered_at = (
            Incident.objects.select_for_update()
            .filter(pk=self.incident_id)
            .values_list("discovered_at", flat=True)
            .get()
        )
        last = (
            JournalEntry._base_manager.filter(incident_id=self.incident_id)
            .order_by("-id")
            .values_list("chain_hash", flat=True)
            .first()
        )
        previous = (
            last
            if last is not None
            else genesis_hash(incident_id=self.incident_id, discovered_at=iso_utc(discovered_at))
        )
        return entry_hash(
            previous,
            incident_id=self.incident_id,
            created_at=iso_utc(self.created_at),
            author_name=self.author_name,
            text=self.text,
        )

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY_MESSAGE)
