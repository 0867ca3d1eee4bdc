from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "batayon.oversight"
    label = "oversight"
    verbose_name = "নির্দেশনা ও তাগিদ (Oversight)"
