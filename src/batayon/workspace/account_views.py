"""Signing in: password (with django-axes lockout), then a TOTP token for supervisors and
administrators (django-otp), enrolled by scanning a QR code shown inline."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from batayon.accounts.permissions import needs_second_factor, password_only, public_view
from batayon.bangla.digits import to_latin_digits


class LoginForm(AuthenticationForm):
    """Django's sign-in form (fields ``username`` and ``password``) with Bangla messages."""

    error_messages = {
        "invalid_login": gettext_lazy(
            "ব্যবহারকারীর নাম বা পাসওয়ার্ড সঠিক নয়। কয়েকবার ভুল হলে অ্যাকাউন্ট কিছু সময়ের জন্য বন্ধ থাকবে।"
        ),
        "inactive": gettext_lazy("এই অ্যাকাউন্টটি নিষ্ক্রিয়।"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ব্যবহারকারীর নাম")
        self.fields["password"].label = _("পাসওয়ার্ড")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("অ্যাপের ৬ অঙ্কের কোড"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        token = to_latin_digits(self.cleaned_data["token"]).replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("শুধু অঙ্ক লিখুন।"))
        return token


login_view = public_view(auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=False,
))
logout_view = public_view(auth_views.LogoutView.as_view(template_name="accounts/logged_out.html"))
password_reset = public_view(auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html", form_class=PasswordResetForm,
    email_template_name="accounts/password_reset_email.txt", subject_template_name="accounts/password_reset_subject.txt",
))
password_reset_done = public_view(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"))
password_reset_confirm = public_view(auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", form_class=SetPasswordForm,
))
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


def _qr_data_uri(text: str) -> str:
    """The enrolment QR code as an inline SVG data URI (the CSP allows ``img-src data:``)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _next(request: HttpRequest) -> str:
    home = reverse("workspace:home")
    target = request.POST.get("next") or request.GET.get("next") or home
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return home
    return target


@password_only
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify a token, or enrol an authenticator app first if the user has none yet."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    confirmed = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    enrolling = not confirmed
    device = None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="বাতায়ন", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        candidates = [device] if enrolling else confirmed
        throttled = any(not d.verify_is_allowed()[0] for d in candidates)
        match = next((d for d in candidates if d.verify_token(token)), None)
        if match is not None:
            if enrolling:
                match.confirmed = True
                match.save(update_fields=["confirmed"])
            otp_login(request, match)
            messages.success(request, _("দ্বিতীয় ধাপের যাচাই সম্পন্ন হয়েছে।"))
            return redirect(_next(request))
        form.add_error("token", _("বারবার ভুল কোডের কারণে কিছুক্ষণ অপেক্ষা করে নতুন কোড দিন।") if throttled else
                       _("কোডটি মেলেনি। ফোনের সময় ঠিক আছে কি না দেখে নতুন কোড দিন।"))
    ctx = {
        "form": form, "enrolling": enrolling, "next": _next(request), "required": needs_second_factor(user),
        "lang": (get_language() or "bn")[:2],
    }
    if enrolling:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        ctx["qr"] = _qr_data_uri(device.config_url)
        ctx["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "accounts/two_factor.html", ctx, status=200 if request.method == "GET" or form.is_valid() else 400)
