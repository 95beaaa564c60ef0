"""WSGI entry point for gunicorn: ``gunicorn exchange_portal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")

application = get_wsgi_application()
