"""The load scenario: people using CyberDent at the same time, as on a busy morning.

Two kinds of simulated people:
- a visitor without an account: the home page, the diagnostic, its result, now and then the PDF;
- a member of a practice (one account and one practice each, made by run.py, with two-factor
  login): signs in with a TOTP code, saves diagnostics, changes the status of plan actions in
  one tap, edits the crisis contacts, writes in the incident journal, signs out and in again.

Every write the server acknowledged (a redirect to its success page) is appended to the file
named by CYBERDENT_LOAD_ACKS, so that run.py can check afterwards that each one is in the
database. A page that says « database is locked », a 5xx, or a write that is not acknowledged
is a failure in locust's statistics.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import threading
import time
import uuid
from typing import Any

from locust import HttpUser, between, task

from cyberdent.domain.loader import default_referential
from reliability.load.html_forms import Form, form_to

QUESTIONS = tuple(q.id for q in default_referential().questions)
PASSWORD = "un mot de passe solide 2026"
ACCOUNTS = [line.split() for line in open(os.environ["CYBERDENT_LOAD_ACCOUNTS"])]  # noqa: SIM115
_next_account = itertools.count()
_ack_lock = threading.Lock()
_ack_file = open(os.environ["CYBERDENT_LOAD_ACKS"], "a", encoding="utf-8")  # noqa: SIM115
RESULT_TOKEN = re.compile(r"[?&]r=([^&\"']+)")


def acknowledge(kind: str, **data: Any) -> None:
    with _ack_lock:
        _ack_file.write(json.dumps({"kind": kind, **data}) + "\n")
        _ack_file.flush()


def totp_code(secret: str) -> str:
    counter = int(time.time() // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**6:06d}"


def answers() -> dict[str, str]:
    return {q: random.choice(("yes", "yes", "no", "unknown")) for q in QUESTIONS}


_next_address = itertools.count(1)


class Browser(HttpUser):
    abstract = True

    def on_start(self) -> None:
        # Each simulated person comes from their own address, as through the reverse proxy of a
        # hosted deployment (run.py sets CYBERDENT_BEHIND_PROXY): from one address, allauth's
        # per-address login limit (30 a minute) would refuse the crowd, as it should.
        n = next(_next_address)
        self.client.headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def page(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {url}")
                return ""
            if "database is locked" in response.text:
                response.failure("database is locked")
            return str(response.text)

    def submit(self, page_url: str, action_part: str, fields: dict[str, str], name: str) -> Any:
        """GET the page, fill its form, POST it without following the redirect."""
        html = self.page(page_url, name + " (page)")
        if not html:
            return None
        return self.post(form_to(html, page_url, action_part), fields, name)

    def post(self, form: Form, fields: dict[str, str], name: str) -> Any:
        """POST a form read from a page; the response when acknowledged (302), else None."""
        with self.client.post(
            form.action,
            data={**form.values, **fields},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}, not acknowledged")
                return None
            return response


class Visitor(Browser):
    """Someone who arrives from a link: the diagnostic without an account."""

    weight = 1
    wait_time = between(2, 5)

    @task(4)
    def diagnostic(self) -> None:
        self.page("/", "/")
        response = self.submit("/diagnostic/", "/diagnostic/", answers(), "POST /diagnostic/")
        if response is None:
            return
        location = response.headers["Location"]
        self.page(location, "/diagnostic/resultat/")
        token = RESULT_TOKEN.search(location)
        if token and random.random() < 0.25:
            with self.client.get(
                f"/diagnostic/rapport.pdf?r={token.group(1)}",
                name="/diagnostic/rapport.pdf",
                catch_response=True,
            ) as pdf:
                if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF-"):
                    pdf.failure(f"no PDF ({pdf.status_code})")

    @task(1)
    def incident_page(self) -> None:
        self.page("/incident/", "/incident/")


class Member(Browser):
    """A member of one practice, signed in with two-factor login."""

    weight = 2
    wait_time = between(2, 5)

    def on_start(self) -> None:
        super().on_start()
        email, secret, practice_id = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.email, self.secret, self.practice = email, secret, int(practice_id)
        self.base = f"/cabinet/{self.practice}"
        self.signed_in_at = 0.0
        self.last_code = ""
        self.sign_in()
        self.incident = self.start_incident()

    def sign_in(self) -> None:
        login = {"login": self.email, "password": PASSWORD}
        if self.submit("/comptes/login/", "/comptes/login/", login, "POST login") is None:
            return
        html = self.page("/comptes/2fa/authenticate/", "POST 2fa code (page)")
        if not html:
            return
        # As a person does: read the code now; one about to change, or the one already used
        # (a code is accepted once), means waiting for the next.
        code = totp_code(self.secret)
        while code == self.last_code or time.time() % 30 > 20:
            time.sleep(1)
            code = totp_code(self.secret)
        form = form_to(html, "/comptes/2fa/authenticate/", "/2fa/")
        if self.post(form, {"code": code}, "POST 2fa code") is not None:
            self.last_code, self.signed_in_at = code, time.time()
            acknowledge("login", email=self.email)

    def start_incident(self) -> int | None:
        now = time.localtime()
        fields = {
            "kind": "ransomware",
            "discovered_date": time.strftime("%Y-%m-%d", now),
            "discovered_time": time.strftime("%H:%M", now),
            "patient_data": "unknown",
        }
        response = self.submit(
            f"{self.base}/incidents/nouveau/", "/incidents/nouveau/", fields, "POST incident"
        )
        if response is None:
            return None
        found = re.search(r"/incidents/(\d+)/", response.headers["Location"])
        return int(found.group(1)) if found else None

    @task(3)
    def save_diagnostic(self) -> None:
        url = f"{self.base}/diagnostics/nouveau/"
        if self.submit(url, "/diagnostics/nouveau/", answers(), "POST diagnostic") is not None:
            acknowledge("diagnostic", practice=self.practice)

    @task(4)
    def plan_status(self) -> None:
        html = self.page(f"{self.base}/plan/", "/cabinet/[id]/plan/")
        actions = re.findall(r'action="(/cabinet/\d+/plan/(\d+)/rapide/)"', html)
        if not actions:
            return
        action, item = random.choice(actions)
        status = random.choice(("todo", "in_progress", "done"))
        form = form_to(html, f"{self.base}/plan/", action)
        acknowledge("try", item=int(item), status=status, at=time.time())
        if self.post(form, {"status": status}, "POST plan status") is not None:
            acknowledge("plan", item=int(item), status=status, at=time.time())

    @task(2)
    def crisis_contacts(self) -> None:
        name = f"Cabinet {uuid.uuid4().hex[:8]}"
        url = f"{self.base}/protocole/modifier/"
        # Logged before sending: a write that lands after the last acknowledged one (the run
        # ends while it is in flight) is allowed to be the one stored, never an older one.
        acknowledge("try", practice=self.practice, name=name, at=time.time())
        if self.submit(url, "/protocole/modifier/", {"practice": name}, "POST contacts"):
            acknowledge("contacts", practice=self.practice, name=name, at=time.time())

    @task(3)
    def journal(self) -> None:
        if self.incident is None:
            return
        text = f"Entrée {uuid.uuid4().hex} 🦷 é"
        url = f"{self.base}/incidents/{self.incident}/"
        if self.submit(url, "/journal/", {"text": text}, "POST journal") is not None:
            acknowledge("journal", incident=self.incident, text=text)

    @task(1)
    def sign_out_and_in(self) -> None:
        if time.time() - self.signed_in_at < 35:
            return
        self.submit(f"{self.base}/", "/comptes/logout/", {}, "POST logout")
        self.sign_in()
