from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "batayon.audit"
    label = "audit"
    verbose_name = "বাইরের পোর্টাল নিরীক্ষা (Audit)"
