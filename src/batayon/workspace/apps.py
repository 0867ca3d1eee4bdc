from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "batayon.workspace"
    label = "workspace"
