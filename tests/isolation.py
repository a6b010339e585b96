"""The vocabulary of the isolation test (tests/test_isolation.py).

Each app declares its practice URLs in tests/<app>/isolation_specs.py:

    SPECS = [PracticeUrl("app:name", Permission.X, methods=("GET", "POST"), objects=("item_id",))]
    PUBLIC = [PublicUrl("app:name", kwargs={...})]           # URLs outside /cabinet/<id>/
    STAFF = [StaffUrl("app:name", methods=("GET",))]          # the union staff's pages
    def build_objects(practice, owner) -> dict[str, int]: ...  # optional: ids of the app's
                                                              # objects, one set per practice

`objects` names URL arguments taken from the objects built for the practice (practice A's for
the legitimate calls, practice B's for the forged ones).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cyberdent.domain.roles import Permission


@dataclass(frozen=True)
class PracticeUrl:
    name: str
    permission: Permission
    methods: tuple[str, ...] = ("GET",)
    objects: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublicUrl:
    """A URL outside one practice. `private` ones need a login (anonymous → login page)."""

    name: str
    kwargs: Mapping[str, object] = field(default_factory=dict)
    private: bool = False


@dataclass(frozen=True)
class StaffUrl:
    """A page of the union's staff: anonymous → login page; a practice's people → 403; union
    staff with two-factor authentication → allowed; union staff without it → sent to set it up.
    `query` is appended to GET (a valid filter), `post` is the POST body of a valid call."""

    name: str
    methods: tuple[str, ...] = ("GET",)
    query: str = ""
    post: Mapping[str, object] = field(default_factory=dict)
