"""Sign-in pages, mounted at /accounts/."""

from django.urls import path

from . import account_views as v

urlpatterns = [
    path("login/", v.login_view, name="login"),
    path("logout/", v.logout_view, name="logout"),
    path("2fa/", v.two_factor, name="two_factor"),
    path("password-reset/", v.password_reset, name="password_reset"),
    path("password-reset/sent/", v.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", v.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", v.password_reset_complete, name="password_reset_complete"),
]
