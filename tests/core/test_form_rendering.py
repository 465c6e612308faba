"""Every form renders through core.form_rendering: GOV.UK classes, an error summary whose
links reach their fields, hints and errors tied to their fields by ids that exist, and a
readable empty choice. The desk intake once pointed aria-describedby at a missing id."""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse

from xaso.core.form_rendering import BoundField, control_class


class Sample(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trên giấy tờ.")
    kind = forms.ChoiceField(label="Loại", choices=[("", "---------"), ("a", "A")])
    note = forms.CharField(label="Ghi chú", widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label="Đồng ý")
    channel = forms.ChoiceField(
        label="Kênh", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect
    )


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def described_ids(html: str) -> set[str]:
    return {i for value in re.findall(r'aria-describedby="([^"]+)"', html) for i in value.split()}


def test_every_described_by_id_exists_and_errors_lead_the_form():
    form = Sample(data={"name": "", "kind": "", "channel": ""})
    html = str(form)

    assert form.errors and isinstance(form["name"], BoundField)
    assert described_ids(html) and described_ids(html) <= ids_in(html)
    summary, _sep, fields = html.partition("</ul>")
    assert 'class="govuk-error-summary"' in summary and 'role="alert"' in summary
    # Each summary link reaches its control.
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert anchor in ids_in(fields)
    # The message beside the field names it.
    assert 'id="id_name_error"' in html and "Họ và tên: " in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'class="govuk-select govuk-select--error"' in html
    assert "govuk-radios__input" in html and "govuk-checkboxes__input" in html


def test_a_valid_form_has_no_summary_and_a_readable_empty_choice():
    html = str(Sample())
    assert "govuk-error-summary" not in html and "--error" not in html
    assert "---------" not in html and "— Chọn —" in html
    assert 'id="id_name_helptext"' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert 'class="govuk-textarea"' in html


def test_control_classes_follow_the_widget():
    assert control_class(forms.TextInput()) == "govuk-input"
    assert control_class(forms.DateInput()) == "govuk-input"
    assert control_class(forms.ClearableFileInput()) == "govuk-file-upload"
    assert control_class(forms.SelectMultiple()) == "govuk-select"
    assert control_class(forms.HiddenInput()) == "govuk-input"  # never rendered visibly


def test_the_desk_intake_ties_every_hint_and_error_to_its_field(officer, procedures, login):
    client = login(officer)
    procedure = next(iter(procedures))
    url = reverse("onestop:intake") + f"?thu_tuc={procedure}"
    page = client.get(url).content.decode()
    assert described_ids(page) and described_ids(page) <= ids_in(page)

    refused = client.post(url, {"thu_tuc": procedure}).content.decode()
    assert "govuk-error-summary" in refused
    assert described_ids(refused) <= ids_in(refused)


def test_messages_of_one_kind_share_one_banner():
    """A confirmation, a refusal and another confirmation: two banners, not three."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string

    flashed = [
        Message(constants.SUCCESS, "Đã lưu A."),
        Message(constants.ERROR, "Lý do: Không được để trống."),
        Message(constants.SUCCESS, "Đã lưu B."),
    ]
    html = render_to_string("core/_messages.html", {"messages": flashed})
    assert html.count("govuk-notification-banner__title") == 2
    done = html.split("Đã xong", 1)[1].split("</div>\n</div>", 1)[0]
    assert "Đã lưu A." in done and "Đã lưu B." in done
