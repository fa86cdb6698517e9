"""Accounts' forms: signing in, an administrator's account forms, changing a password.

GOV.UK wording for every error.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from careqa.accounts.roles import DESCRIPTIONS as ROLE_DESCRIPTIONS
from careqa.accounts.roles import STAFF_ROLES
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


class NewUserForm(UserForm, PasswordFields):
    """A new account: its details, its role and a first password to give the person."""

    field_order = [*UserForm.base_fields, *PasswordFields.base_fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "First password"
        self.fields["password"].help_text = (
            "Give this to the person in person or by phone, not by email. "
            "At least 10 characters; not a common password, and not all numbers."
        )
        self.fields["password_again"].label = "Confirm first password"
        self.fields["password"].error_messages["required"] = "Enter a first password"
        self.fields["password_again"].error_messages["required"] = "Enter the first password again"


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
            raise forms.ValidationError("Your current password is not correct")
        return password
