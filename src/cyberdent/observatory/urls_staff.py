"""The union staff's pages, under /observatoire/union/ (see urls.py). Every view is a
`staff_view`: aggregates only, two-factor login required."""

from django.urls import URLPattern, path

from cyberdent.observatory import views_staff

urlpatterns: list[URLPattern] = [
    path("observatoire/union/", views_staff.staff_dashboard, name="staff_dashboard"),
    path("observatoire/union/export.csv", views_staff.staff_export_csv, name="staff_export_csv"),
    path("observatoire/union/export.json", views_staff.staff_export_json, name="staff_export_json"),
    path("observatoire/union/import/", views_staff.staff_import, name="staff_import"),
]
