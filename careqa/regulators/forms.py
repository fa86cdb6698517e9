"""The upload form for a regulator's file: which regulator, and the file itself."""

from pathlib import Path

from django import forms
from django.conf import settings

from careqa.govuk.forms import radio_options
from careqa.providers.vocab import Regulator

ACCEPTED_SUFFIXES = (".csv", ".ods", ".xlsx")


class ImportUploadForm(forms.Form):
    regulator = forms.ChoiceField(
        label="Which regulator published the file?",
        choices=Regulator.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the regulator that published the file"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "A CSV, ODS or XLSX file as CQC or Ofsted publish it, for example CQC's care "
            "directory or Ofsted's children's social care providers list."
        ),
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read. Choose the file again",
        },
    )

    REGULATOR_HINTS = {
        Regulator.CQC: "Adult social care: care homes, home care, supported living.",
        Regulator.OFSTED: "Children's homes and independent fostering agencies.",
    }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError("The selected file must be a CSV, ODS or XLSX")
        # The national files are 25-30 MB; the setting leaves room for them to grow.
        limit = settings.CAREQA_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)}MB"
            )
        return upload

    @property
    def regulator_options(self):
        return radio_options(self["regulator"], self.REGULATOR_HINTS)
