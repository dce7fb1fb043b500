"""Celery application: configured from Django settings (CELERY_ namespace), tasks autodiscovered per app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_baku.settings")

app = Celery("osce_baku")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
