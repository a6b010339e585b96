"""Coherence of the real référentiel file shipped with CyberDent."""

from __future__ import annotations

from cyberdent.domain.loader import check_references, referenced_fact_ids
from cyberdent.domain.referential_models import FactStatus, Referential, Who
from tests.conftest import QUESTION_IDS
from tests.french import fr


def test_no_cross_reference_problem(ref: Referential) -> None:
    assert check_references(ref) == []


def test_the_eleven_questions_in_brochure_order(ref: Referential) -> None:
    assert tuple(q.id for q in ref.questions) == QUESTION_IDS
    assert ref.questions[0].text == fr("Chaque membre de l'équipe a un mot de passe unique et fort")


def test_critical_set_is_the_brochures(ref: Referential) -> None:
    assert set(ref.rule.critical) == {"passwords", "backups", "hds_hosting", "data_transfer"}
    assert {q.id for q in ref.questions if q.critical} == set(ref.rule.critical)
    assert ref.rule.high_if_score_at_most == 6


def test_only_hds_hosting_allows_not_applicable(ref: Referential) -> None:
    assert [q.id for q in ref.questions if q.allows_not_applicable] == ["hds_hosting"]


def test_complementary_questions_are_insurance_and_it_provider(ref: Referential) -> None:
    assert [c.id for c in ref.complementary] == ["cyber_insurance", "it_provider"]


def test_ids_unique_across_everything(ref: Referential) -> None:
    actions = [q.action.id for q in ref.questions] + [c.action.id for c in ref.complementary]
    actions += [a.id for a in ref.maintenance]
    for ids in (
        actions,
        [m.id for m in ref.measures],
        [f.id for f in ref.facts],
        [q.id for q in ref.questions] + [c.id for c in ref.complementary],
    ):
        assert len(ids) == len(set(ids))


def test_every_measure_is_used_and_every_action_has_a_measure(ref: Referential) -> None:
    measure_ids = {m.id for m in ref.measures}
    assert len(measure_ids) == 8  # the brochure's "Anticiper" list
    actions = [q.action for q in ref.questions] + [c.action for c in ref.complementary]
    actions += list(ref.maintenance)
    assert {a.measure for a in actions} == measure_ids


def test_every_fact_has_a_source_and_is_used(ref: Referential) -> None:
    for fact in ref.facts:
        assert fact.sources, fact.id
        if fact.status is not FactStatus.CONFIRMED:
            assert fact.note, f"{fact.id}: a corrected or unverified fact explains why"
    assert referenced_fact_ids(ref) == {f.id for f in ref.facts}


def test_incident_protocol_keeps_the_brochures_steps_in_order(ref: Referential) -> None:
    assert [s.id for s in ref.incident.steps] == [
        "call_it_provider",
        "isolate",
        "file_complaint",
        "notify_insurer",
        "report_incident",
        "do_not_pay",
    ]


def test_brochure_contact_facts_are_kept_beside_their_correction(ref: Referential) -> None:
    cert = next(c for c in ref.incident.contacts if c.id == "cert_sante")
    assert cert.phone == "09 72 43 91 25"
    portal = next(c for c in ref.incident.contacts if c.id == "signalement_portal")
    assert portal.url.startswith("https://signalement.social-sante.gouv.fr")


def test_who_is_a_known_value(ref: Referential) -> None:
    assert {q.action.who for q in ref.questions} <= set(Who)


def test_incident_advice_by_kind_names_known_kinds(ref: Referential) -> None:
    from cyberdent.domain.incident import IncidentKind

    kinds = {k.value for k in IncidentKind}
    used = {kind for step in ref.incident.steps for kind in step.by_kind}
    assert used
    assert used <= kinds
