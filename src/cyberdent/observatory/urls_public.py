"""The public pages of the observatory, under /observatoire/ (see urls.py): the regional
figures and the method. The contribution forms are added to this list."""

from django.urls import URLPattern, path

from cyberdent.observatory import views_public

urlpatterns: list[URLPattern] = [
    path("observatoire/", views_public.public, name="public"),
    path("observatoire/methode/", views_public.method, name="method"),
]
