"""The project's URLs plus one view that fails, to see the 500 page as a visitor does."""

from django.urls import path

from batayon.urls import handler403, handler404, handler500
from batayon.urls import urlpatterns as project


def boom(request, lang="bn"):
    raise RuntimeError("boom")


urlpatterns = [path("<str:lang>/boom/", boom), path("boom/", boom), *project]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
