"""WSGI entry point for gunicorn/uwsgi: ``batayon.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batayon.settings")
application = get_wsgi_application()
