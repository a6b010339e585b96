"""The whole practice space in a real browser, as a dentist would go through it on a phone.

Sign up, confirm the address from the email, create the practice, turn on two-factor login
(the code computed here, as a phone app would), save a diagnostic, assign and complete an
action, and import the reminders into a calendar. axe-core checks every new page on the way.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar

from cyberdent.actionplan.models import ActionItem
from cyberdent.practices.models import Practice
from tests.accounts.totp import totp_code
from tests.browser.axe import assert_no_violations
from tests.conftest import QUESTION_IDS
from tests.french import fr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "dr.lambert@cabinet-lambert.test"
PASSWORD = "trois mouettes sur le quai 2026"  # at least 12 characters, not common
PRACTICE = "Cabinet dentaire Lambert"
NO_ANSWERS = ("mfa", "backups", "updates")  # the gaps this practice admits
UPDATE_SLOT = "Créneau des mises à jour informatiques"


def arrive(page: Any, what: str) -> None:
    """A new page: one h1, and no accessibility violation."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, f"{what}: {page.url}"
    assert_no_violations(page)


def sign_up_and_confirm(page: Any, base: str) -> None:
    page.goto(base + reverse("account_signup"))
    arrive(page, "sign-up")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/comptes/confirm-email/")
    arrive(page, "verification sent")

    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+/", message.body)
    assert link is not None, message.body
    page.goto(link.group(0))
    arrive(page, "email confirmation")
    assert EMAIL in page.locator("main").inner_text()
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_url("**/espace/")  # logged in, in the practice space
    arrive(page, "practice space")
    assert EMAIL in page.locator("main").inner_text()


def create_practice(page: Any) -> Practice:
    page.get_by_role("link", name="Créer un cabinet").first.click()
    page.wait_for_url("**/espace/nouveau/")
    arrive(page, "create a practice")
    page.get_by_label("Nom du cabinet").fill(PRACTICE)
    page.get_by_label("Département").select_option("31")
    page.get_by_label(fr("Nombre de personnes dans l'équipe")).fill("4")
    page.get_by_role("button", name="Créer le cabinet").click()
    practice = Practice.objects.get(name=PRACTICE)
    page.wait_for_url(f"**/cabinet/{practice.pk}/")
    arrive(page, "dashboard")
    assert page.get_by_role("heading", name=PRACTICE, level=1).is_visible()
    return practice


def fresh_totp_code(secret: str) -> str:
    """A code with a few seconds of validity left, so that it is not stale once typed."""
    if 30 - time.time() % 30 < 4:
        time.sleep(30 - time.time() % 30 + 0.5)
    return totp_code(secret)


def enable_totp(page: Any, base: str) -> None:
    page.goto(base + reverse("mfa_activate_totp"))
    if "/reauthenticate/" in page.url:  # allauth may ask for the password again first
        arrive(page, "reauthentication")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Confirmer").click()
        page.wait_for_url("**/2fa/totp/activate/**")
    arrive(page, "TOTP activation")
    secret = page.locator("#authenticator_secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    page.locator("input[name=code]").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activer").click()
    page.wait_for_url("**/2fa/recovery-codes/**")
    arrive(page, "recovery codes")
    codes = page.get_by_role("list", name="Codes de secours non utilisés").locator("li")
    assert codes.count() >= 5
    page.get_by_role("link", name=fr("J'ai noté mes codes, continuer")).click()
    page.wait_for_url("**/espace/")


def save_diagnostic(page: Any, base: str, practice: Practice) -> None:
    page.goto(base + reverse("assessments:new", kwargs={"practice_id": practice.pk}))
    arrive(page, "diagnostic form")
    for qid in QUESTION_IDS:
        label = "Non" if qid in NO_ANSWERS else "Oui"
        page.locator(f"#q-{qid}").get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Enregistrer le diagnostic").click()
    page.wait_for_url(re.compile(rf"/cabinet/{practice.pk}/diagnostics/\d+/$"))
    arrive(page, "diagnostic detail")
    assert "8/11" in page.locator("main").inner_text()


def open_action(page: Any, practice: Practice, index: int) -> str:
    """From the plan, the update page of the index-th action; returns the action's title."""
    page.get_by_role("link", name=re.compile("^Responsable, échéance, note")).nth(index).click()
    page.wait_for_url(re.compile(rf"/cabinet/{practice.pk}/plan/\d+/$"))
    arrive(page, "action update")
    return str(page.locator("main .lead").first.inner_text().strip())


def update_action(page: Any, *, status: str, due: dt.date) -> None:
    page.get_by_label(fr("Qui s'en occupe ?")).select_option(label=EMAIL)
    page.get_by_label("À faire pour le", exact=True).fill(due.isoformat())
    page.locator("fieldset", has_text=fr("Où en est cette action ?")).get_by_label(
        status, exact=True
    ).check()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/plan/#*")


def download_calendar(page: Any, tmp_path: Path) -> Calendar:
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le calendrier (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return Calendar.from_ical(target.read_bytes())


def test_sign_up_to_calendar(phone_page: Any, live_server: Any, tmp_path: Path) -> None:
    cache.clear()  # allauth's rate limits count in the cache
    mail.outbox.clear()
    page = phone_page
    base = live_server.url

    sign_up_and_confirm(page, base)
    practice = create_practice(page)
    enable_totp(page, base)

    save_diagnostic(page, base, practice)
    page.goto(base + reverse("actionplan:plan", kwargs={"practice_id": practice.pk}))
    arrive(page, "plan")
    progress = page.locator(".plan-progress-text")
    assert re.match(r"0 action faite sur \d+$", progress.inner_text()), progress.inner_text()

    # The first action: taken in hand, dated, done; the app suggests updating the answer.
    done_title = open_action(page, practice, 0)
    done_due = dt.date.today() + dt.timedelta(days=10)
    update_action(page, status="Fait", due=done_due)
    assert "Mettez votre diagnostic à jour" in page.locator("main").inner_text()
    done_card = page.locator(".tracked-action", has_text=done_title)
    assert done_card.get_by_role(
        "link", name="refaire le diagnostic avec « Oui » à cette question"
    ).is_visible()
    assert re.match(r"1 action faite sur \d+$", progress.inner_text()), progress.inner_text()
    assert_no_violations(page)  # the plan with its success message and the hint

    # A second action, in progress with a due date: a reminder in the calendar until done.
    pending_title = open_action(page, practice, 1)
    pending_due = dt.date.today() + dt.timedelta(days=21)
    update_action(page, status="En cours", due=pending_due)

    items = {i.status: i for i in ActionItem.objects.filter(diagnostic__practice=practice)}
    assert items["done"].due_date == done_due and items["done"].assignee.email == EMAIL
    assert items["in_progress"].due_date == pending_due

    # A third action in one tap from the plan page: no form page, back on the same action.
    third = page.locator(".tracked-action").nth(2)
    third_id = third.get_attribute("id")
    third.get_by_role("button", name=re.compile("En cours")).click()
    page.wait_for_url(f"**/plan/#{third_id}")
    arrive(page, "plan after one tap")
    pressed = page.locator(f"#{third_id} button[aria-pressed='true']")
    assert pressed.inner_text().strip().endswith("En cours")
    assert (
        ActionItem.objects.filter(diagnostic__practice=practice, action_id=third_id).get().status
        == "in_progress"
    )

    page.get_by_role("link", name="Recevoir les rappels dans votre agenda").click()
    page.wait_for_url(f"**/cabinet/{practice.pk}/calendrier/")
    arrive(page, "calendar")
    calendar = download_calendar(page, tmp_path)

    events = {str(e.get("summary")): e for e in calendar.walk("VEVENT")}
    slot = events[UPDATE_SLOT]
    assert slot.get("rrule")["FREQ"] == ["WEEKLY"]
    assert str(slot.decoded("dtstart").tzinfo) == "Europe/Paris"
    assert events[pending_title].decoded("dtstart") == pending_due
    # A done action leaves the calendar: no reminder for what is already done.
    assert done_title not in events
