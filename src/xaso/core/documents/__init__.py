"""The document kit every module prints with: the letterhead of state documents (Decree
30/2020/NĐ-CP Appendix I) and of Party documents (Hướng dẫn 36-HD/VPTW) as data, and the
renderers that draw it — offline PDF from HTML (``pdf``), DOCX (``docx_writer``), XLSX
with its print setup (``xlsx_writer``) — and QR codes (``qr``). Import ``pdf`` where it
is used: WeasyPrint takes over a second to load, which no page without a PDF should pay.

    head = documents.state_letterhead(unit, day=today, number=15, symbol="QĐ-UBND")
    docx_writer.write_letterhead(doc, head)           # a DOCX
    xlsx_writer.write_letterhead(ws, head, last_col=9)  # an XLSX sheet
    pdf.render_pdf("app/x.html", {"letterhead": head, ...})  # the template includes
    # "core/documents/_letterhead.html" and, in its <style>, "_letterhead.css"
"""

from xaso.core.documents.letterhead import (
    FONT,
    MOTTO,
    NATION,
    PARTY_TITLE,
    Letterhead,
    Line,
    party_letterhead,
    state_letterhead,
)
from xaso.core.documents.qr import qr_data_uri

__all__ = [
    "FONT",
    "MOTTO",
    "NATION",
    "PARTY_TITLE",
    "Letterhead",
    "Line",
    "party_letterhead",
    "qr_data_uri",
    "state_letterhead",
]
