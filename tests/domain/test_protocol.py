"""Crisis contacts validation and the poster object."""

from __future__ import annotations

import pytest

from cyberdent.domain.errors import ContactsError
from cyberdent.domain.protocol import build_poster, parse_contacts
from cyberdent.domain.referential_models import Referential


def problems(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ContactsError) as caught:
        parse_contacts(raw)
    return caught.value.problems


def test_every_field_is_optional_and_trimmed() -> None:
    contacts = parse_contacts({"practice": "  Cabinet  ", "insurer": {"phone": " 01 02 03 04 05 "}})
    assert contacts.practice == "Cabinet"
    assert contacts.insurer.phone == "01 02 03 04 05"
    assert contacts.lead.name == ""


@pytest.mark.parametrize("phone", ["abc", "04 67 xx", "1", "0" * 30, "04<67>", "( - )"])
def test_bad_phone_numbers(phone: str) -> None:
    assert "it_provider.phone" in problems({"it_provider": {"phone": phone}})


@pytest.mark.parametrize(
    "phone", ["04 67 12 34 56", "+33 4 67 12 34 56", "04.67.12.34.56", "(0)4-67"]
)
def test_good_phone_numbers(phone: str) -> None:
    assert parse_contacts({"lead": {"phone": phone}}).lead.phone == phone


def test_too_long_and_unknown_keys_and_types() -> None:
    found = problems(
        {
            "practice": "x" * 5000,
            "insurer": {"contrat": "1"},
            "police": "commissariat",
            "extra": 1,
            "lead": {"name": 12},
        }
    )
    assert "120 caractères au maximum (5000 saisis)" in found["practice"]
    assert "clé inconnue" in found["insurer.contrat"]
    assert "ensemble de champs" in found["police"]
    assert "clé inconnue" in found["extra"]
    assert "valeur texte" in found["lead.name"]


def test_control_characters_refused() -> None:
    assert "lead.name" in problems({"lead": {"name": "Dr\x00X"}})


def test_poster_fills_the_practice_contacts_into_their_steps(ref: Referential) -> None:
    contacts = parse_contacts(
        {
            "it_provider": {"name": "Info", "phone": "04 00 00 00 00"},
            "insurer": {"name": "Assur", "contract": "42"},
            "lead": {"name": "Dr X"},
        }
    )
    poster = build_poster(ref, contacts)
    by_step = {s.step_id: s for s in poster.steps}
    assert [s.step_id for s in poster.steps] == [
        "call_it_provider", "isolate", "file_complaint", "notify_insurer", "report_incident",
    ]  # fmt: skip
    # The IT provider is in the « Tout de suite » gestures at the top, not again in step 1.
    assert by_step["call_it_provider"].own_contacts == ()
    call = poster.right_now[1]
    assert call.contact is not None and call.contact.line == "Info — 04 00 00 00 00"
    assert "17cyber.gouv.fr" in call.fallback
    assert [c.line for c in by_step["notify_insurer"].own_contacts] == [
        "Assur — contrat n°\u00a042"
    ]
    assert by_step["file_complaint"].own_contacts[0].name.endswith("(à compléter)")
    # The référentiel's contacts with a phone number come under their step.
    assert [(c.name, c.phone) for c in by_step["report_incident"].own_contacts] == [
        ("CERT Santé", "09 72 43 91 25")
    ]
    assert poster.lead is not None and poster.lead.line == "Dr X"
    assert [c.id for c in poster.fixed_contacts] == [
        "cert_sante",
        "signalement_portal",
        "cyber17",
        "cnil",
    ]
    assert poster.sources and all(f.sources for f in poster.sources)
    assert poster.dont_pay


@pytest.mark.parametrize("with_box", [True, False], ids=["référentiel", "without its box"])
def test_poster_first_gestures(ref: Referential, with_box: bool) -> None:
    """« Tout de suite », from the référentiel when it has the box: off the network without
    switching off, call the IT provider or, without one, 17Cyber, neither pay nor answer."""
    if not with_box:
        ref = ref.model_copy(
            update={"incident": ref.incident.model_copy(update={"right_now": None})}
        )
    poster = build_poster(ref, parse_contacts({}))
    texts = [f"{g.lead} {g.text}" for g in poster.right_now]
    assert len(texts) == 3
    assert "Débranchez du réseau" in texts[0]
    assert "câble réseau" in texts[0] and "Wi-Fi" in texts[0] and "mode avion" in texts[0]
    assert "Ne les éteignez pas" in texts[0]
    assert "prestataire informatique" in texts[1]
    assert "Ne payez pas" in texts[2] and "ne répondez pas" in texts[2]
    call = poster.right_now[1]
    assert call.contact is not None and call.contact.name == "(à compléter)"
    assert "17Cyber" in call.fallback and "17cyber.gouv.fr" in call.fallback
    assert poster.lead is None
    assert poster.source_url.startswith("https://")


def test_poster_first_gestures_follow_the_référentiel(ref: Referential) -> None:
    box = ref.incident.right_now
    assert box is not None
    poster = build_poster(ref, parse_contacts({}))
    assert [g.lead for g in poster.right_now] == [
        box.isolate.lead, box.alert.lead, box.do_not_pay.lead,
    ]  # fmt: skip


def test_poster_fallback_when_the_provider_is_known(ref: Referential) -> None:
    box = ref.incident.right_now
    assert box is not None
    known = build_poster(ref, parse_contacts({"it_provider": {"phone": "04 00 00 00 00"}}))
    unknown = build_poster(ref, parse_contacts({}))
    when_known = getattr(box, "fallback_when_known", "") or box.fallback
    assert known.right_now[1].fallback.startswith(when_known)
    assert unknown.right_now[1].fallback.startswith(box.fallback)
    assert "17cyber.gouv.fr" in known.right_now[1].fallback
