from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "batayon.devtools"
    label = "devtools"
    verbose_name = "Developer tools"
