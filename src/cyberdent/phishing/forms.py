"""The checker's form: a message's source pasted, or an .eml file (2 MB at most)."""

from __future__ import annotations

from typing import Any

from django import forms

from cyberdent.web.forms import SafeTextForm

MAX_BYTES = 2 * 1024 * 1024
TOO_LARGE = "Le message dépasse 2 Mo : ce n’est sans doute pas un seul e-mail."


class CheckEmailForm(SafeTextForm):
    source = forms.CharField(
        label="La source du message",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        strip=False,
    )
    fichier = forms.FileField(label="Ou un fichier .eml", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("fichier")
        source = data.get("source") or ""
        if upload is not None:
            if upload.size is not None and upload.size > MAX_BYTES:
                raise forms.ValidationError(TOO_LARGE)
            data["raw"] = upload.read(MAX_BYTES + 1)
        elif source.strip():
            raw = source.encode("utf-8", errors="surrogateescape")
            if len(raw) > MAX_BYTES:
                raise forms.ValidationError(TOO_LARGE)
            data["raw"] = raw
        else:
            raise forms.ValidationError(
                "Collez la source du message, ou choisissez un fichier .eml."
            )
        return data
