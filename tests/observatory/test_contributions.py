"""Contributing to the regional figures: the opt-in, what is stored (and not), once per month,
withdrawal, and « où en est votre cabinet »."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from cyberdent.diagnostic.tokens import encode_answers
from cyberdent.domain.answers import Answer, parse_answers
from cyberdent.domain.observatory.blocks import Contribution as DomainContribution
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import services
from cyberdent.observatory.models import Block, Contribution
from cyberdent.observatory.selectors import current_period
from cyberdent.observatory.slots import contribution_slot, practice_contributor
from tests.conftest import Personas, all_yes
from tests.french import fr

pytestmark = pytest.mark.django_db

BOX = "observatoire-contribute"
OPT_IN = {"observatoire-contribute": "on"}


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _new(personas: Personas) -> str:
    return reverse("assessments:new", kwargs={"practice_id": personas.practice_a.pk})


def _cohort(departement: str = "34", size_band: str = "2-5") -> dict[str, str]:
    return {"observatoire-departement": departement, "observatoire-size_band": size_band}


def _block() -> Block:
    return Block.objects.get()


def test_the_box_is_unticked_and_prefilled_from_the_practice(personas: Personas) -> None:
    html = _as(personas.owner_a).get(_new(personas)).content.decode()
    box = html[html.index(f'name="{BOX}"') - 40 : html.index(f'name="{BOX}"') + 120]
    assert "checked" not in box
    assert "Contribuer anonymement aux statistiques régionales" in html
    assert fr("Seuls sont gardés vos 11 réponses") in html
    # Practice A is in Hérault (34) with a team of 4.
    assert '<option value="34" selected>' in html
    assert '<option value="2-5" selected>' in html


def test_saving_without_the_box_sends_nothing(personas: Personas) -> None:
    response = _as(personas.owner_a).post(_new(personas), {**all_yes(), **_cohort()})
    assert response.status_code == 302
    assert not Contribution.objects.exists()
    assert not Block.objects.exists()


def test_a_contribution_keeps_only_the_cohort_and_the_answers(
    personas: Personas, ref: Referential
) -> None:
    response = _as(personas.owner_a).post(
        _new(personas), {**all_yes(mfa="no"), **_cohort(), **OPT_IN}
    )
    assert response.status_code == 302
    stored = Contribution.objects.get()
    fields = {f.name for f in Contribution._meta.get_fields()}
    assert fields == {
        "id",
        "referential_id",
        "referential_version",
        "answers",
        "departement",
        "size_band",
        "period",
        "slot",
        "demo",
    }
    assert stored.answers == {q.id: ("no" if q.id == "mfa" else "yes") for q in ref.questions}
    assert (stored.departement, stored.size_band, stored.period) == (
        "34",
        "2-5",
        str(current_period()),
    )
    assert (stored.referential_id, stored.referential_version) == (ref.id, ref.version)
    assert stored.demo is False
    # Nothing that names the practice or a person, anywhere in the row.
    row = " ".join(str(getattr(stored, name)) for name in fields)
    for secret in (personas.practice_a.name, personas.owner_a.email, personas.owner_a.username):
        assert secret not in row
    # The key is random (no order of writing) and the slot needs the server's secret key.
    assert stored.id.version == 4
    assert stored.slot == contribution_slot(
        contributor=practice_contributor(personas.practice_a), period=current_period()
    )


def test_the_slot_cannot_be_computed_without_the_secret_key(
    personas: Personas, settings: Any
) -> None:
    contributor = practice_contributor(personas.practice_a)
    before = contribution_slot(contributor=contributor, period=Period(2026, 3))
    settings.SECRET_KEY = "another key, as an attacker with only the database would have to guess"
    assert contribution_slot(contributor=contributor, period=Period(2026, 3)) != before


def test_a_practice_counts_once_per_month_the_last_save_wins(personas: Personas) -> None:
    owner = _as(personas.owner_a)
    owner.post(_new(personas), {**all_yes(), **_cohort(), **OPT_IN})
    owner.post(_new(personas), {**all_yes(backups="no"), **_cohort("31", "1"), **OPT_IN})
    stored = Contribution.objects.get()
    assert stored.answers["backups"] == "no"
    block = _block()
    assert (block.departement, block.size_band, block.n, block.high) == ("31", "1", 1, 1)
    assert "backups" not in block.met


def test_each_month_is_a_new_contribution(
    personas: Personas, ref: Referential, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = parse_answers(ref, all_yes()).scored
    contributor = practice_contributor(personas.practice_a)
    for month in (10, 11, 11, 12):
        monkeypatch.setattr(services, "current_period", lambda m=month: Period(2026, m))
        services.contribution_record(
            ref=ref, answers=answers, departement="34", size_band="2-5", contributor=contributor
        )
    assert sorted(Contribution.objects.values_list("period", flat=True)) == [
        "2026-10",
        "2026-11",
        "2026-12",
    ]
    assert sum(Block.objects.values_list("n", flat=True)) == 3


def test_the_owner_withdraws_every_month_and_the_blocks_follow(
    personas: Personas, ref: Referential, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = parse_answers(ref, all_yes()).scored
    contributor = practice_contributor(personas.practice_a)
    now = current_period()
    for back in (2, 1, 0):
        monkeypatch.setattr(services, "current_period", lambda b=back: now.shifted(-b))
        services.contribution_record(
            ref=ref, answers=answers, departement="34", size_band="2-5", contributor=contributor
        )
    monkeypatch.undo()
    paper = [DomainContribution("31", "1", now, answers)]
    services.contributions_import(ref=ref, contributions=paper)
    personas.practice_a.created_at = personas.practice_a.created_at.replace(
        year=now.shifted(-3).year, month=now.shifted(-3).month, day=1
    )
    personas.practice_a.save()
    url = reverse("observatory:practice_withdraw", kwargs={"practice_id": personas.practice_a.pk})
    owner = _as(personas.owner_a)
    response = owner.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/cabinet/{personas.practice_a.pk}/"
    # The paper questionnaire stays; the practice's three months are gone, blocks included.
    assert list(Contribution.objects.values_list("departement", flat=True)) == ["31"]
    assert list(Block.objects.values_list("departement", "n")) == [("31", 1)]
    page = owner.get(response["Location"]).content.decode()
    assert fr("retirées des statistiques régionales (3 mois)") in page


def test_deleting_the_practice_withdraws_its_contributions(personas: Personas) -> None:
    owner = _as(personas.owner_a)
    owner.post(_new(personas), {**all_yes(), **_cohort(), **OPT_IN})
    assert Contribution.objects.count() == 1
    url = reverse("practices:delete", kwargs={"practice_id": personas.practice_a.pk})
    owner.post(url, {"name": personas.practice_a.name})
    assert not Contribution.objects.exists()
    assert not Block.objects.exists()


# --- The anonymous result page --------------------------------------------------------------


def _token(ref: Referential, **overrides: str) -> str:
    return encode_answers(ref, parse_answers(ref, all_yes(**overrides)))


def test_the_result_page_offers_an_unticked_box(client: Client, ref: Referential) -> None:
    token = _token(ref)
    html = client.get(reverse("diagnostic:result"), {"r": token}).content.decode()
    assert f'name="{BOX}"' in html
    box = html[html.index(f'name="{BOX}"') - 40 : html.index(f'name="{BOX}"') + 120]
    assert "checked" not in box
    assert "Où en est votre cabinet" in html


def test_an_anonymous_visitor_contributes_once_per_month(client: Client, ref: Referential) -> None:
    url = reverse("diagnostic:contribute")
    first = client.post(url, {"r": _token(ref), **_cohort("09", "1"), **OPT_IN})
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("diagnostic:result"))
    client.post(url, {"r": _token(ref, passwords="no"), **_cohort("09", "1"), **OPT_IN})
    stored = Contribution.objects.get()
    assert stored.answers["passwords"] == "no"
    assert stored.slot  # replaceable within the session, yet unlinkable without the key
    page = client.get(first["Location"]).content.decode()
    assert "Merci" in page and "Retirer ma contribution" in page
    # Another visitor is another contribution.
    Client().post(url, {"r": _token(ref), **_cohort("09", "1"), **OPT_IN})
    assert Contribution.objects.count() == 2


def test_an_unticked_box_sends_nothing_and_says_so(client: Client, ref: Referential) -> None:
    response = client.post(
        reverse("diagnostic:contribute"), {"r": _token(ref), **_cohort()}, follow=True
    )
    assert not Contribution.objects.exists()
    assert fr("Rien n’a été envoyé") in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {
            "r": "abîmé",
            "observatoire-contribute": "on",
            "observatoire-departement": "34",
            "observatoire-size_band": "1",
        },
        {"observatoire-contribute": "on"},
    ],
)
def test_a_bad_token_sends_nothing(client: Client, data: dict[str, str]) -> None:
    response = client.post(reverse("diagnostic:contribute"), data)
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_a_forged_departement_is_refused_with_a_french_message(
    client: Client, ref: Referential
) -> None:
    token = _token(ref)
    response = client.post(
        reverse("diagnostic:contribute"),
        {"r": token, **_cohort("75", "1"), **OPT_IN},
        follow=True,
    )
    assert not Contribution.objects.exists()
    assert "Choisissez le département dans la liste." in response.content.decode()


def test_the_visitor_withdraws_their_contribution(client: Client, ref: Referential) -> None:
    token = _token(ref)
    client.post(reverse("diagnostic:contribute"), {"r": token, **_cohort(), **OPT_IN})
    assert Contribution.objects.count() == 1
    response = client.post(reverse("diagnostic:withdraw"), {"r": token}, follow=True)
    assert not Contribution.objects.exists()
    assert not Block.objects.exists()
    assert "Votre contribution est retirée" in response.content.decode()
    # A stranger's session has nothing to withdraw.
    client.post(reverse("diagnostic:contribute"), {"r": token, **_cohort(), **OPT_IN})
    Client().post(reverse("diagnostic:withdraw"), {"r": token})
    assert Contribution.objects.count() == 1


# --- « Où en est votre cabinet » -------------------------------------------------------------


def _import(
    ref: Referential, departement: str, count: int, size_band: str = "2-5", **answers: str
) -> None:
    scored = {q.id: Answer(answers.get(q.id, "yes")) for q in ref.questions}
    one = DomainContribution(departement, size_band, current_period(), scored)
    services.contributions_import(ref=ref, contributions=[one] * count)


def test_the_dashboard_compares_with_the_departement_then_the_region(
    personas: Personas, ref: Referential
) -> None:
    _as(personas.owner_a).post(_new(personas), {**all_yes(), **_cohort()})
    # Hérault, one block of 11: backups 6 met / 5 not → published; crisis 10 / 1 → withheld.
    _import(ref, "34", 5, backups="no")
    _import(ref, "34", 5)
    _import(ref, "34", 1, crisis_protocol="no")
    # Haute-Garonne, a block of 15: crisis 10 met / 5 not → published for the region.
    _import(ref, "31", 10, size_band="1", phishing_training="no")
    _import(ref, "31", 5, size_band="1", crisis_protocol="no")
    # A block of 3 counts nowhere.
    _import(ref, "31", 3, size_band="6-10", crisis_protocol="no")
    html = _as(personas.owner_a).get(f"/cabinet/{personas.practice_a.pk}/").content.decode()
    assert "Où en est votre cabinet" in html
    # crisis_protocol: withheld in Hérault, so the region's: 10 of 15.
    assert fr("67\u202f% des cabinets d’Occitanie l’ont mise en place") in html
    # backups: 6 of 11 in Hérault, published for the département.
    assert fr("55\u202f% des cabinets de votre département l’ont mise en place") in html
    assert fr("chez vous : en place") in html


def test_nothing_to_compare_says_why(personas: Personas) -> None:
    _as(personas.owner_a).post(_new(personas), {**all_yes(), **_cohort()})
    html = _as(personas.owner_a).get(f"/cabinet/{personas.practice_a.pk}/").content.decode()
    assert fr("Pas encore assez de réponses dans la région pour comparer") in html


def test_the_result_page_compares_with_the_chosen_departement(
    client: Client, ref: Referential
) -> None:
    _import(ref, "34", 8, backups="no")
    _import(ref, "09", 6)
    token = _token(ref)
    region = client.get(reverse("diagnostic:result"), {"r": token}).content.decode()
    # Region: 14 answers, 6 with backups.
    assert fr("43\u202f% des cabinets d’Occitanie l’ont mise en place") in region
    herault = client.get(reverse("diagnostic:result"), {"r": token, "departement": "34"})
    assert (
        fr("0\u202f% des cabinets de votre département l’ont mise en place")
        in herault.content.decode()
    )
    assert not Contribution.objects.filter(slot__isnull=False).exists()  # nothing stored


@pytest.mark.parametrize("name", ["diagnostic:contribute", "diagnostic:withdraw"])
def test_opening_the_form_addresses_goes_back_to_the_result(
    client: Client, ref: Referential, name: str
) -> None:
    token = _token(ref)
    back = client.get(reverse(name), {"r": token})
    assert back.status_code == 302
    assert back["Location"] == reverse("diagnostic:result") + "?" + urlencode({"r": token})
    assert client.get(reverse(name))["Location"] == reverse("diagnostic:form")
    assert not Contribution.objects.exists()


def test_saving_a_result_into_the_practice_can_contribute_too(
    personas: Personas, ref: Referential
) -> None:
    token = _token(ref, updates="unknown")
    owner = _as(personas.owner_a)
    url = reverse("assessments_public:save") + "?" + urlencode({"r": token})
    page = owner.get(url).content.decode()
    assert 'name="observatoire-contribute"' in page
    assert (
        'name="observatoire-contribute" id="contribute" aria-describedby="contribute-help">' in page
    )
    owner.post(url, {"r": token, "practice": personas.practice_a.pk, **OPT_IN})
    stored = Contribution.objects.get()
    # The practice's own cohort: Hérault, a team of 4.
    assert (stored.departement, stored.size_band, stored.answers["updates"]) == (
        "34",
        "2-5",
        "unknown",
    )


def test_an_unknown_answer_reads_to_check_in_the_comparison(
    personas: Personas, ref: Referential
) -> None:
    _as(personas.owner_a).post(
        _new(personas), {**all_yes(backups="unknown", mfa="no"), **_cohort()}
    )
    _import(ref, "34", 5)
    html = _as(personas.owner_a).get(f"/cabinet/{personas.practice_a.pk}/").content.decode()
    assert fr("<strong>Sauvegardes testées</strong> — chez vous : à vérifier") in html
    assert fr("<strong>Double authentification</strong> — chez vous : à faire") in html
    assert fr("<strong>Sécurisation des accès</strong> — chez vous : en place") in html
