"""One way every form renders: GOV.UK Frontend's form components.

``settings.FORM_RENDERER`` names ``FormRenderer``; every ``{{ form }}`` and
``{{ field.as_field_group }}`` in every app goes through ``core/forms/form.html`` and
``core/forms/field.html``, and Django's widget templates are overridden in
``core/templates/django/forms/widgets/`` (so the empty choice reads "— Chọn —", not
"---------"). ``BoundField`` gives each control its GOV.UK class and error state, so no
form or template names a CSS class of its own.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

#: widget → the GOV.UK class of its control (radios and checkbox lists are classed per
#: option by their templates)
_CONTROL_CLASSES: tuple[tuple[type, str], ...] = (
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (Input, "govuk-input"),
)
#: controls that show an error by a modifier class
_ERROR_MODIFIERS = {
    "govuk-input",
    "govuk-select",
    "govuk-textarea",
    "govuk-file-upload",
}


def control_class(widget: forms.Widget) -> str:
    for widget_type, css in _CONTROL_CLASSES:
        if isinstance(widget, widget_type):
            return css
    return ""


class BoundField(forms.BoundField):
    """Adds the control's GOV.UK class (and ``--error`` when the field has errors) to
    whatever classes the form gave the widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = control_class(widget)
        if css:
            classes = [css]
            if self.errors and css in _ERROR_MODIFIERS:
                classes.append(f"{css}--error")
            existing = attrs.get("class") or widget.attrs.get("class") or ""
            attrs["class"] = " ".join([*classes, existing]).strip()
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)


class FormRenderer(TemplatesSetting):
    """The project's templates (with ``django.forms`` last in ``INSTALLED_APPS``) render
    forms, so the widget templates of ``core`` win over Django's own."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = BoundField
