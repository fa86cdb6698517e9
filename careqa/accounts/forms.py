"""Accounts' forms: signing in, an administrator's account forms, changing a password.

GOV.UK wording for every error.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from careqa.accounts.roles import DESCRIPTIONS as ROLE_DESCRIPTIONS
from careqa.accounts.roles import STAFF_ROLES, Role
from careqa.govuk.forms import radio_options


class SignInForm(AuthenticationForm):
    """Django's form (which calls the request-aware `authenticate`, so axes counts failures)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your CareQA administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        username.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        username.widget.attrs.pop("autofocus", None)
        password = self.fields["password"]
        password.error_messages["required"] = "Enter your password"
        password.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class UserForm(forms.Form):
    """An account's details and role, as an administrator sets them."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={
            "required": "Enter the person's first name",
            "max_length": "First name must be 150 characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={
            "required": "Enter the person's last name",
            "max_length": "Last name must be 150 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in. Letters, digits and @ . + - _ only.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={
            "required": "Enter a username",
            "max_length": "Username must be 150 characters or fewer",
        },
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=120,
        required=False,
        error_messages={"max_length": "Job title must be 120 characters or fewer"},
    )
    organisation = forms.CharField(
        label="Organisation (optional)",
        max_length=200,
        required=False,
        help_text="For partners, the organisation they work for, for example an NHS trust.",
        error_messages={"max_length": "Organisation must be 200 characters or fewer"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(role.value, role.label) for role in STAFF_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("first_name", "last_name", "username", "job_title", "organisation"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        if cleaned.get("email"):
            cleaned["email"] = cleaned["email"].strip().lower()
        return cleaned

    @property
    def role_options(self):
        return radio_options(self["role"], ROLE_DESCRIPTIONS)

    @classmethod
    def initial_from(cls, user):
        return {field: getattr(user, field) for field in cls.base_fields}


class PasswordFields(forms.Form):
    """A new password typed twice; the password rules are checked by the action."""

    password = forms.CharField(
        label="New password",
        strip=False,
        help_text="At least 10 characters. Not a common password, and not all numbers.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password"},
    )
    password_again = forms.CharField(
        label="Confirm new password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the new password again"},
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password"), cleaned.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", "The two passwords do not match")
        return cleaned


class InviteForm(UserForm):
    """A new person: their details, their role (a provider user with their provider), and
    an e-mail invitation to choose their own password."""

    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )
    provider = forms.CharField(
        label="Provider ID (for provider users)",
        max_length=64,
        required=False,
        help_text="The regulator's ID of the provider they work for, like 1-101234567.",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        provider_id = (cleaned.get("provider") or "").strip()
        cleaned["scope_provider"] = None
        if cleaned.get("role") == Role.PROVIDER:
            from careqa.providers.models import Provider

            if not provider_id:
                self.add_error("provider", "Enter the ID of the provider this person works for")
            else:
                provider = Provider.objects.filter(provider_id__iexact=provider_id).first()
                if provider is None:
                    self.add_error("provider", f"There is no provider with the ID {provider_id}")
                cleaned["scope_provider"] = provider
        elif provider_id:
            self.add_error("provider", "Only provider users work for a provider: clear this box")
        return cleaned


class NewPasswordForm(PasswordFields):
    """Choosing a password from an e-mailed link (a reset or an invitation)."""

    def __init__(self, user=None, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class OwnPasswordForm(PasswordFields):
    """Changing your own password: the current one first, so a left-open session is not enough."""

    field_order = ["current_password", "password", "password_again"]

    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your current password is not correct", code="wrong")
        return password


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app (or, at sign-in, a recovery code)."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, recovery=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = (
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
            if recovery
            else "The 6-digit code your authenticator app shows now."
        )
        if not recovery:
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").replace("-", "").strip()


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, its e-mail sent through careqa.notify in the council's name."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address your CareQA account has.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        from django.conf import settings
        from django.urls import reverse

        from careqa.notify.actions import send_notice

        user = context["user"]
        path = reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        send_notice(
            to=[user],
            subject="Reset your CareQA password",
            template_name="password_reset",
            context={
                "name": user.display_name,
                "username": user.username,
                "link": f"{context['protocol']}://{context['domain']}{path}",
                "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            },
        )
