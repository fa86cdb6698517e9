"""The portal's forms: GOV.UK patterns, messages that say what to do."""

from django import forms

from careqa.plans.forms import ItemActionsForm
from careqa.portal.vocab import NoticeKind
from careqa.providers.vocab import ServiceType
from careqa.visits.forms import RadioOptions

DATE_HINT = "For example, 14 3 2026"


class InviteProviderUserForm(RadioOptions, forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="The invitation goes here: a link that works once.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address like name@example.com",
        },
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in, for example their e-mail address.",
        error_messages={"required": "Enter a username"},
    )
    job_title = forms.ChoiceField(
        label="Their role at the provider",
        choices=[
            ("Registered manager", "Registered manager"),
            ("Nominated individual", "Nominated individual"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their role at the provider"},
    )
    services = forms.MultipleChoiceField(
        label="Which services?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every service of the provider, those registered "
        "later included.",
    )

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider_services = list(provider.services.filter(active=True).order_by("name"))
        self.fields["services"].choices = [(str(s.pk), s.name) for s in self.provider_services]

    def chosen_services(self):
        chosen = set(self.cleaned_data.get("services") or ())
        return [s for s in self.provider_services if str(s.pk) in chosen]


class FindProviderForm(forms.Form):
    provider = forms.CharField(
        label="Provider ID",
        max_length=64,
        help_text="The regulator's ID of the provider, like 1-101234567.",
        error_messages={"required": "Enter the provider's ID"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_provider(self):
        from careqa.providers.models import Provider

        value = self.cleaned_data["provider"].strip()
        provider = Provider.objects.filter(provider_id__iexact=value).first()
        if provider is None:
            raise forms.ValidationError(f"There is no provider with the ID {value}")
        return provider


class CommentForm(forms.Form):
    where = forms.CharField(
        label="Where in the report (optional)",
        max_length=200,
        required=False,
        help_text="For example, Safe: the second finding.",
    )
    comment = forms.CharField(
        label="What is not accurate, and what is",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what is not accurate, and what is"},
    )


class AnswerForm(RadioOptions, forms.Form):
    decision = forms.ChoiceField(
        label="Is the comment accepted?",
        choices=[
            ("accept", "Accept: the report will be corrected"),
            ("decline", "Decline"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the comment is accepted"},
    )
    answer = forms.CharField(
        label="Your answer to the provider",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What will be corrected, or why it is declined. The provider sees this.",
        error_messages={"required": "Enter your answer to the provider"},
    )


class ResponseForm(ItemActionsForm):
    """The provider's response: for every item, how it will be met, by whom and by when."""

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            how = (cleaned.get(f"item-{item.pk}-how") or "").strip()
            who = (cleaned.get(f"item-{item.pk}-who") or "").strip()
            by_when = cleaned.get(f"item-{item.pk}-by_when")
            if f"item-{item.pk}-by_when" in self.errors:
                continue
            if not how:
                self.add_error(f"item-{item.pk}-how", "Say how this item will be met")
            if not who:
                self.add_error(f"item-{item.pk}-who", "Say who will do it")
            if by_when is None:
                self.add_error(f"item-{item.pk}-by_when", "Enter the date it will be done by")
        return cleaned

    def actions(self):
        data = self.cleaned_data
        return [
            (
                item,
                data[f"item-{item.pk}-how"],
                data[f"item-{item.pk}-who"],
                data[f"item-{item.pk}-by_when"],
            )
            for item in self.items
        ]


class ProgressForm(forms.Form):
    text = forms.CharField(
        label="What has been done so far",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what has been done so far"},
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Upload evidence",
        help_text="PDF, DOCX, XLSX, PNG or JPG, up to 10 MB.",
        error_messages={"required": "Choose a file to upload"},
    )


class DoneForm(forms.Form):
    evidence = forms.CharField(
        label="How you know it is done",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say what shows it, and upload the evidence above. Your QA officer then "
        "verifies it.",
        error_messages={"required": "Enter how you know the item is done"},
    )


class NoticeForm(RadioOptions, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of notice",
        choices=NoticeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of notice"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the notice's title"}
    )
    body = forms.CharField(
        label="What it says",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter what the notice says"},
    )
    service_types = forms.MultipleChoiceField(
        label="Which types of service?",
        choices=ServiceType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one type of service"},
    )
    councils = forms.MultipleChoiceField(
        label="Which areas?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one area"},
    )
    # The documents come as request.FILES.getlist("documents"), checked by the action.

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.council_choices = list(councils)
        self.fields["councils"].choices = [(str(c.pk), c.name) for c in self.council_choices]
        if len(self.council_choices) == 1:
            self.fields["councils"].initial = [str(self.council_choices[0].pk)]

    def chosen_councils(self):
        chosen = set(self.cleaned_data["councils"])
        return [c for c in self.council_choices if str(c.pk) in chosen]
