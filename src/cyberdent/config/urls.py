"""The project's URLs.

Practice pages live under /cabinet/<practice_id>/ and every one of them goes through the access
helper (cyberdent.practices.access); tests/test_isolation.py enumerates them all.

The `practices` and `web` namespaces are assembled here, the top layer: the tenancy core's and
the shared base's own pages (cyberdent.practices.urls, cyberdent.web.urls) and the pages that
compose the features (cyberdent.workspace.urls, which practices and web may not import), under
the names templates already use.
"""

from django.urls import include, path

from cyberdent.practices import urls as practices_urls
from cyberdent.web import urls as web_urls
from cyberdent.workspace import urls as workspace_urls

web_patterns = ([*web_urls.urlpatterns, *workspace_urls.web_urlpatterns], web_urls.app_name)

practices_patterns = (
    [*practices_urls.urlpatterns, *workspace_urls.practice_urlpatterns],
    practices_urls.app_name,
)

urlpatterns = [
    path("", include(web_patterns)),
    path("diagnostic/", include("cyberdent.diagnostic.urls")),
    path("comptes/", include("cyberdent.accounts.urls")),
    path("comptes/", include("allauth.urls")),
    path("", include(practices_patterns)),
    path("cabinet/<id:practice_id>/diagnostics/", include("cyberdent.assessments.urls")),
    path("espace/", include("cyberdent.assessments.urls_public")),
    path("", include("cyberdent.actionplan.urls")),
    path("cabinet/<id:practice_id>/journal/", include("cyberdent.audit.urls")),
    path("", include("cyberdent.crisis.urls")),
    path("", include("cyberdent.incidents.urls")),
    # /observatoire/… and /cabinet/<id>/observatoire/… (see cyberdent.observatory.urls).
    path("", include("cyberdent.observatory.urls")),
    path("", include("cyberdent.phishing.urls")),
]

handler400 = "cyberdent.web.views.bad_request"
handler403 = "cyberdent.web.views.permission_denied"
handler404 = "cyberdent.web.views.page_not_found"
handler500 = "cyberdent.web.views.server_error"
