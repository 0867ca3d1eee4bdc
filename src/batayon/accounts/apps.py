from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "batayon.accounts"
    label = "accounts"
