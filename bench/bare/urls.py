from django.http import HttpRequest, HttpResponse
from django.urls import path

# About the size of a small page, so that the network side of both is alike.
_BODY = ("<!doctype html><html lang=fr><title>Bench</title><p>" + "x" * 2000).encode()


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", bare)]
