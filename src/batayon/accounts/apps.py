from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "batayon.accounts"
    verbose_name = _("অ্যাকাউন্ট")
    label = "accounts"
