"""The observatory's URLs for the isolation test: its public pages and the union staff's pages.
(The contribution and withdrawal URLs are declared beside them by their own specs.)"""

from tests.isolation import PublicUrl, StaffUrl

PUBLIC = [PublicUrl("observatory:public"), PublicUrl("observatory:method")]

STAFF = [
    StaffUrl("observatory:staff_dashboard", query="du=2026-01&au=2026-06"),
    StaffUrl("observatory:staff_export_csv", query="du=2026-01&au=2026-06&par=departement"),
    StaffUrl("observatory:staff_export_json", query="par=size_band&par=period"),
    # GET: the upload form; POST « annuler »: nothing pending, back to the form (a redirect).
    StaffUrl("observatory:staff_import", methods=("GET", "POST"), post={"action": "annuler"}),
]
