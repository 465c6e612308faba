"""PDF from HTML, offline: WeasyPrint gets the HTML as a string with no base URL and a
URL fetcher that refuses everything except ``data:`` URLs. Fonts come from the system
(fontconfig: Liberation Serif, metric-compatible with the Times New Roman of Decree
30/2020 and complete for Vietnamese) and are embedded in the PDF, so nothing is fetched
from the network and the file prints the same anywhere."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class OfflineFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, limited to ``data:`` URLs: no file, no network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, fail_on_errors=False, timeout=1)

    def fetch(self, url, headers=None):
        if not str(url).lower().startswith("data:"):
            raise ValueError(_("Không tải tài nguyên ngoài khi in: %s") % str(url)[:80])
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    """``html`` as a PDF; images and stylesheets only from ``data:`` URLs."""
    return HTML(string=html, base_url=None, url_fetcher=OfflineFetcher()).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    """The Django ``template`` rendered with ``context``, as a PDF (see ``html_to_pdf``)."""
    return html_to_pdf(render_to_string(template, context))
