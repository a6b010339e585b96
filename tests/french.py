"""fr(): an expected French string written plainly in a test, with the app's typography.

The app writes U+202F before ; : ! ? and inside « », and ’ for an apostrophe (see
cyberdent.domain.french.typography); a test may write "L'adresse : x" and compare fr() of it.
An apostrophe escaped by Django (&#x27;) in an expected HTML snippet is the app's own text's
apostrophe, hence ’ (which Django does not escape)."""

from __future__ import annotations

from cyberdent.domain.french import typography


def fr(text: str) -> str:
    return typography(text.replace("&#x27;", "'"))
