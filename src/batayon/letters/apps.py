from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "batayon.letters"
    verbose_name = "Letters"
