"""The observatory's URLs for the isolation test: its public pages, the union staff's pages and
the practice's withdrawal (an owner's decision). The anonymous visitor's contribution URLs are
the diagnostic's (tests/web/isolation_specs.py)."""

from cyberdent.domain.roles import Permission
from tests.isolation import PracticeUrl, PublicUrl, StaffUrl

SPECS = [PracticeUrl("observatory:practice_withdraw", Permission.MANAGE_SETTINGS, ("POST",))]

PUBLIC = [PublicUrl("observatory:public"), PublicUrl("observatory:method")]

STAFF = [
    StaffUrl("observatory:staff_dashboard", query="du=2026-01&au=2026-06"),
    StaffUrl("observatory:staff_export_csv", query="du=2026-01&au=2026-06&par=departement"),
    StaffUrl("observatory:staff_export_json", query="par=size_band&par=period"),
    # GET: the upload form; POST « annuler »: nothing pending, back to the form (a redirect).
    StaffUrl("observatory:staff_import", methods=("GET", "POST"), post={"action": "annuler"}),
]
