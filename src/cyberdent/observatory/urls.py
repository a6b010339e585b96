"""The observatory's URLs, all in the `observatory` namespace: the public pages
(urls_public.py), the union staff's pages under /observatoire/union/ (urls_staff.py), and the
practice's withdrawal under /cabinet/<id>/ (urls_practice.py)."""

from cyberdent.observatory import urls_practice, urls_public, urls_staff

app_name = "observatory"
urlpatterns = [
    *urls_public.urlpatterns,
    *urls_staff.urlpatterns,
    *urls_practice.urlpatterns,
]
