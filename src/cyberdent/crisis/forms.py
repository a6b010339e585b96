"""The practice's protocol form: the anonymous poster's contact fields, plus the owner's
"the team was told" checkbox."""

from __future__ import annotations

from typing import Any

from django import forms

from cyberdent.web.forms import CrisisContactsForm


class ProtocolForm(CrisisContactsForm):
    def __init__(self, *args: Any, can_tell_team: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only an owner can vouch for the whole team: for others the box does not exist, so a
        # forged POST value is ignored.
        if can_tell_team:
            self.fields["team_informed"] = forms.BooleanField(
                label="J’ai présenté ce protocole à toute l’équipe",
                required=False,
            )

    @property
    def team_told(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("team_informed"))
