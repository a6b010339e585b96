"""`cyberdent incident verify`: exit 0 when the journal holds, 1 with the first altered entry,
2 with one message for bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cyberdent.cli.main import main
from cyberdent.incidents.evidence import incident_chain_hash
from cyberdent.incidents.services import incident_journal_add
from tests.french import fr
from tests.incidents.evidence_helpers import tamper
from tests.incidents.helpers import make_incident


def _journal(personas: Any, *texts: str) -> Any:
    incident = make_incident(personas.practice_a, personas.owner_a)
    for text in texts:
        incident_journal_add(
            incident=incident, user=personas.member_a, text=text, at=timezone.now()
        )
    return incident


@pytest.mark.django_db
def test_an_intact_journal(personas: Any, capsys: pytest.CaptureFixture[str]) -> None:
    incident = _journal(personas, "Écran bloqué", "Appel au prestataire")
    assert main(["incident", "verify", "--incident", str(incident.pk)]) == 0
    out = capsys.readouterr().out
    assert out == fr(
        f"Journal intact : 2 entrées, empreinte {incident_chain_hash(incident=incident)}\n"
    )


@pytest.mark.django_db
def test_an_empty_journal(personas: Any, capsys: pytest.CaptureFixture[str]) -> None:
    incident = _journal(personas)
    assert main(["incident", "verify", "--incident", str(incident.pk)]) == 0
    assert fr("Journal intact : 0 entrée, empreinte aucune") in capsys.readouterr().out


@pytest.mark.django_db
def test_an_altered_journal(personas: Any, capsys: pytest.CaptureFixture[str]) -> None:
    incident = _journal(personas, "Écran bloqué", "Appel au prestataire", "Plainte déposée")
    second = incident.journal.order_by("id")[1]
    tamper("UPDATE incidents_journalentry SET text = %s WHERE id = %s", ["Rien vu", second.pk])
    assert main(["incident", "verify", "--incident", str(incident.pk)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(fr(f"Journal altéré : entrée 2 sur 3 (n° {second.pk}) : "))
    assert "modifiée" in out


@pytest.mark.django_db
def test_an_unknown_incident(personas: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["incident", "verify", "--incident", "999999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "cyberdent: error: --incident: no incident n° 999999\n"


@pytest.mark.parametrize(
    "value", ["abc", "0", "-3", "1.5", "1_0", " 3", str(2**63), "9" * 5000, "٣"]
)
def test_a_bad_incident_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["incident", "verify", "--incident", value])
    assert exit_info.value.code == 2
    assert "not an incident number" in capsys.readouterr().err


def test_the_number_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["incident", "verify"])
    assert exit_info.value.code == 2
    assert "--incident" in capsys.readouterr().err
