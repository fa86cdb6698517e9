"""GOV.UK form patterns shared by every app: the date input as one Django field, and the
options that _components/radios.html draws."""

import datetime

from django import forms
from django.core.exceptions import ValidationError


class DateInputWidget(forms.MultiWidget):
    """GOV.UK date input: separate day, month and year boxes, named `<name>_day` and so on."""

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__(
            {
                "day": forms.TextInput(numeric),
                "month": forms.TextInput(numeric),
                "year": forms.TextInput(numeric),
            },
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateBoundField(forms.BoundField):
    @property
    def parts(self):
        """Day, month and year as the template draws them, with what was typed kept."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        widths = {"day": 2, "month": 2, "year": 4}
        return [
            {
                "name": f"{self.html_name}_{part}",
                "id": f"{self.auto_id}_{part}",
                "label": part.capitalize(),
                "value": "" if raw is None else raw,
                "width": widths[part],
            }
            for part, raw in zip(("day", "month", "year"), value, strict=True)
        ]

    @property
    def id_for_label(self):
        # The error summary links to the first box of the date.
        return f"{self.auto_id}_day"


class GovukDateField(forms.Field):
    """A date typed as day, month and year, checked with the GOV.UK date input's messages."""

    widget = DateInputWidget
    bound_field_class = DateBoundField

    def __init__(self, *, name_in_messages, **kwargs):
        self.name_in_messages = name_in_messages
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {name_in_messages.lower()}")
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None or isinstance(value, datetime.date):
            return value
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [
            name
            for name, part in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not part
        ]
        if missing:
            raise ValidationError(
                f"{self.name_in_messages} must include a {' and '.join(missing)}",
                code="incomplete",
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.name_in_messages} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                f"{self.name_in_messages} must be a real date", code="invalid"
            ) from None


def radio_options(bound_field, hints=None) -> list[dict]:
    """The options of a choice field for _components/radios.html, each with its hint."""
    value = bound_field.value()
    auto_id = bound_field.auto_id
    return [
        {
            "value": code,
            "label": label,
            "hint": (hints or {}).get(code, ""),
            "checked": value == code,
            # The first radio has the field's own id: the error summary links to it.
            "id": auto_id if index == 0 else f"{auto_id}_{index}",
        }
        for index, (code, label) in enumerate(bound_field.field.choices)
    ]


def show_errors(form, error):
    """A ValidationError an action raised, on the form: against its field where the form has
    one (the error summary then links to it), else at the top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


def run_on_form(form, call):
    """Run an action for a form's page: its result, or None with the rules it enforced
    shown on the form (show_errors)."""
    from django.core.exceptions import ValidationError

    try:
        return call()
    except ValidationError as error:
        show_errors(form, error)
    return None
