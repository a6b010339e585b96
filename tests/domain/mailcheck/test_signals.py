"""One test (or a few) per sign, on small messages built here; and the verdict rule."""

from __future__ import annotations

import base64

import pytest

from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.french import NNBSP
from cyberdent.domain.mailcheck import (
    MailCheckInputError,
    Severity,
    Signal,
    Verdict,
    check_email,
    default_mailcheck_data,
    load_mailcheck_data,
    verdict_for,
)
from cyberdent.domain.mailcheck.data import MAILCHECK_DATA, SIGNAL_IDS
from cyberdent.domain.mailcheck.domains import distance, registrable, resembles, skeleton

OFFICIALS = frozenset({"ameli.fr", "doctolib.fr", "impots.gouv.fr", "credit-agricole.fr"})


def mail(
    body: str = "Bonjour.",
    sender: str = "Claire <claire@cabinet-petit.fr>",
    headers: str = "",
    subject: str = "Bonjour",
) -> bytes:
    return (
        f"From: {sender}\nTo: a@cabinet-martin.fr\nSubject: {subject}\n{headers}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n"
    ).encode()


def html_mail(html: str, sender: str = "Claire <claire@cabinet-petit.fr>") -> bytes:
    return (
        f"From: {sender}\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n{html}\n"
    ).encode()


def with_attachment(filename: str, data: bytes, ctype: str = "application/octet-stream") -> bytes:
    return (
        'From: a@cabinet-petit.fr\nSubject: x\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nci-joint\n--b\n"
        f'Content-Type: {ctype}\nContent-Disposition: attachment; filename="{filename}"\n'
        f"Content-Transfer-Encoding: base64\n\n{base64.b64encode(data).decode()}\n--b--\n"
    ).encode()


def ids(data: bytes) -> set[str]:
    return {signal.id for signal in check_email(data).signals}


# --- the data ---------------------------------------------------------------------------------


def test_the_data_loads_and_covers_every_signal() -> None:
    data = default_mailcheck_data()
    assert set(data.signals) == set(SIGNAL_IDS)
    assert data.verdicts[Verdict.NO_SIGN_FOUND].startswith("Aucun indice trouvé")
    assert "ameli.fr" in {d for s in data.known_senders for d in s.domains}
    assert data.signals["auth_dmarc_fail"].title == "L’expéditeur n’a pas passé le contrôle DMARC"
    assert f"{NNBSP}:" in data.signals["auth_dmarc_fail"].explanation


def test_bad_data_names_the_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = MAILCHECK_DATA.read_text(encoding="utf-8").replace("severity: high", "severity: huge", 1)
    path = tmp_path / "mailcheck.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferentialError, match=r"signals\.auth_dmarc_fail\.severity"):
        load_mailcheck_data(path)


# --- domains ----------------------------------------------------------------------------------


def test_distance() -> None:
    assert distance("ameli", "ameli") == 0
    assert distance("ameli", "amelie") == 1
    assert distance("doctolib", "doctolob") == 1
    assert distance("abc", "xyzxyz", limit=2) == 3


@pytest.mark.parametrize(
    "domain",
    [
        "ameIi.fr",
        "arneli.fr",
        "ameli.com",
        "amelie.fr",
        "ameli-remboursement.com",
        "xn--amli-cpa.fr",
        "dоctolib.fr",
        "d0ctolib.fr",
        "impots-gouv.fr",
        "credit-agricoIe-securite.com",
    ],
)
def test_look_alike_domains(domain: str) -> None:
    assert resembles(domain, OFFICIALS) is not None


@pytest.mark.parametrize(
    "domain",
    ["ameli.fr", "assurance-maladie.ameli.fr", "www.impots.gouv.fr", "gmail.com", "camelia.fr"],
)
def test_official_domains_their_subdomains_and_others_are_no_look_alike(domain: str) -> None:
    assert resembles(domain, OFFICIALS) is None


def test_registrable_and_skeleton() -> None:
    assert registrable("ameli.fr.secure.xyz") == "secure.xyz"
    assert registrable("mail.impots.gouv.fr") == "impots.gouv.fr"
    assert skeleton("AMEIi.fr") == skeleton("ameli.fr")


# --- each sign --------------------------------------------------------------------------------


def test_auth_results() -> None:
    fail = "Authentication-Results: mx; spf=softfail smtp.mailfrom=x.fr; dkim=fail; dmarc=fail\n"
    assert {"auth_dmarc_fail", "auth_fail"} <= ids(mail(headers=fail))
    passed = "Authentication-Results: mx; spf=pass; dkim=pass; dmarc=pass\n"
    assert ids(mail(headers=passed)) == set()
    none = "Authentication-Results: mx; spf=none; dkim=none; dmarc=none\n"
    assert ids(mail(sender="info@ameli.fr", headers=none)) == {"auth_none"}
    assert ids(mail(headers=none)) == set()  # unknown senders need not authenticate


def test_only_the_receiving_servers_results_count() -> None:
    headers = (
        "Authentication-Results: mx.ours; spf=pass; dkim=pass; dmarc=pass\n"
        "Authentication-Results: forged.earlier.hop; dmarc=fail\n"
    )
    assert ids(mail(headers=headers)) == set()


def test_lookalike_sender_and_display_names() -> None:
    assert "lookalike_sender" in ids(mail(sender="Info <info@ameIi.fr>"))
    assert "display_name_impersonation" in ids(mail(sender="Doctolib <x@envoi.biz>"))
    assert ids(mail(sender="Doctolib <no-reply@notifications.doctolib.fr>")) == set()
    assert "display_name_address" in ids(mail(sender='"info@ameli.fr" <x@envoi.biz>'))
    assert "punycode_sender" in ids(mail(sender="x@xn--caf-dma.fr"))


def test_reply_to_and_return_path() -> None:
    assert "reply_to_differs" in ids(mail(headers="Reply-To: boss@gmail.com\n"))
    assert ids(mail(headers="Reply-To: secretariat@cabinet-petit.fr\n")) == set()
    assert "return_path_differs" in ids(mail(headers="Return-Path: <bounce@envoi.biz>\n"))
    assert ids(mail(headers="Return-Path: <>\n")) == set()


def test_links() -> None:
    mismatch = html_mail('<a href="https://evil.xyz/a">https://www.ameli.fr</a>')
    assert "link_text_mismatch" in ids(mismatch)
    same = html_mail('<a href="https://www.ameli.fr/assure">ameli.fr</a>')
    assert ids(same) == set()
    assert "ip_link" in ids(mail("Voir http://10.0.0.1/login"))
    assert "shortener_link" in ids(mail("Voir https://bit.ly/abc"))
    assert "lookalike_link" in ids(mail("Voir https://ameli.fr.remboursement.xyz/"))
    assert "lookalike_link" in ids(mail("Voir https://www.doctolib-pro.com/"))
    assert "punycode_link" in ids(mail("Voir https://xn--caf-dma.fr/"))
    assert ids(mail("Voir https://www.doctolib.fr/ et https://pro.doctolib.fr/x")) == set()


def test_attachments() -> None:
    assert "double_extension" in ids(with_attachment("facture.pdf.exe", b"MZ"))
    assert "risky_attachment" in ids(with_attachment("setup.js", b"x"))
    assert "risky_attachment" in ids(with_attachment("image.iso", b"x"))
    form = b"<form><input type=password></form>"
    assert "html_form_attachment" in ids(with_attachment("page.html", form, "text/html"))
    assert "html_attachment" in ids(with_attachment("page.htm", b"<p>x</p>", "text/html"))
    assert "macro_document" in ids(with_attachment("bilan.xlsm", b"PK"))
    assert "macro_document" in ids(with_attachment("bilan.doc", b"..vbaProject.bin.."))
    encrypted = b"PK\x03\x04\x14\x00\x01\x00" + b"\x00" * 18 + b"\x05\x00\x00\x00a.pdf"
    assert "encrypted_archive" in ids(with_attachment("a.zip", encrypted))
    assert ids(with_attachment("radio.pdf", b"%PDF-1.4")) == set()


def test_sensitive_requests_and_pressure() -> None:
    found = check_email(mail("Merci de confirmer votre mot de passe avant ce soir.")).signals
    assert [s.id for s in found] == ["sensitive_request"]
    assert "sensitive_request" in ids(mail("Indiquez le code PIN de votre carte CPS."))
    assert "sensitive_request" in ids(mail("Voici notre nouveau RIB pour les règlements."))
    assert "sensitive_request" in ids(mail("Fais un virement urgent de 5 000 € stp."))
    one = check_email(mail("Ceci est un dernier rappel.")).signals
    assert [(s.id, s.severity) for s in one] == [("pressure_words", Severity.LOW)]
    two = check_email(mail("Dernier rappel : compte suspendu.")).signals
    assert [(s.id, s.severity) for s in two] == [("pressure_words", Severity.MEDIUM)]
    assert ids(mail("Votre rendez-vous est confirmé pour jeudi.")) == set()


def test_evidence_is_short_and_on_one_line() -> None:
    sender = "Doctolib " + "x" * 5000 + " <a@envoi.biz>"
    result = check_email(mail(sender=sender))
    for signal in result.signals:
        assert all(len(item) <= 200 and "\n" not in item for item in signal.evidence)


# --- the verdict --------------------------------------------------------------------------------


def sig(severity: Severity) -> Signal:
    return Signal("x", severity, "t", "e", ("v",))


@pytest.mark.parametrize(
    ("severities", "verdict"),
    [
        ([], Verdict.NO_SIGN_FOUND),
        ([Severity.LOW], Verdict.CAUTION),
        ([Severity.LOW, Severity.LOW], Verdict.CAUTION),
        ([Severity.MEDIUM], Verdict.CAUTION),
        ([Severity.MEDIUM, Severity.MEDIUM], Verdict.SUSPICIOUS),
        ([Severity.HIGH], Verdict.SUSPICIOUS),
    ],
)
def test_verdict_rule(severities: list[Severity], verdict: Verdict) -> None:
    assert verdict_for([sig(s) for s in severities]) is verdict


def test_result_as_dict() -> None:
    data = check_email(mail("Voir https://bit.ly/abc")).as_dict()
    assert data["verdict"] == "caution"
    assert data["verdict_label"] == "Prudence"
    assert set(data["signals"][0]) == {"id", "severity", "title", "explanation", "evidence"}
    assert data["next_steps"]


# --- refused input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "vide"),
        (b"   \n\n", "vide"),
        (b"Hello world, no headers here\n", "ne ressemble pas"),
        (b"\x00\xff" * 100, "ne ressemble pas"),
        (b"From: a@b.fr\n" + b"x" * (2 * 1024 * 1024), "2 Mo"),
    ],
)
def test_refused_input(data: bytes, words: str) -> None:
    with pytest.raises(MailCheckInputError, match=words) as caught:
        check_email(data)
    assert "\n" not in caught.value.message


def test_a_pasted_source_may_start_with_blank_lines() -> None:
    assert check_email(b"\n\n" + mail()).verdict is Verdict.NO_SIGN_FOUND


def test_limits_on_parts_and_depth_are_reported() -> None:
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(300))
    data = (
        f'From: a@b.fr\nSubject: x\nContent-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n'
    )
    assert "parts_skipped" in ids(data.encode())
    nested = "From: a@b.fr\nSubject: x\n"
    for level in range(30):
        nested += f'Content-Type: multipart/mixed; boundary="l{level}"\n\n--l{level}\n'
    nested += "Content-Type: text/plain\n\nfond\n"
    assert "parts_skipped" in ids(nested.encode())


def test_broken_parts_do_not_stop_the_analysis() -> None:
    data = (
        b'From: a@cabinet-petit.fr\nSubject: x\nContent-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain; charset=unknown-charset-x\n"
        b"Content-Transfer-Encoding: base64\n\n%%%not base64%%%\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nVoir https://bit.ly/abc\n--b--\n"
    )
    assert "shortener_link" in ids(data)


def test_evidence_quotes_the_original_words() -> None:
    body = "Merci de  CONFIRMER votre Mot de Passe d’accès. Réglez immédiatement."
    signals = {s.id: s for s in check_email(mail(body)).signals}
    assert "CONFIRMER votre Mot de Passe d’accès" in signals["sensitive_request"].evidence[0]
    assert signals["pressure_words"].evidence == ("«\u202fimmédiatement\u202f»",)
