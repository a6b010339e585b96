"""The project's URLs: public pages and the anonymous diagnostic."""

from django.urls import include, path

urlpatterns = [
    path("", include("cyberdent.web.urls")),
    path("diagnostic/", include("cyberdent.diagnostic.urls")),
]

handler400 = "cyberdent.web.views.bad_request"
handler404 = "cyberdent.web.views.page_not_found"
handler500 = "cyberdent.web.views.server_error"
