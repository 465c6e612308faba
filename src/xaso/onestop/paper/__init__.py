"""The one-stop mechanism's paper forms (Circular 01/2018/TT-VPCP, Art. 9) as PDF, and
the dossier register (form 06) as PDF and XLSX.

Forms 01–05 are A5 portrait (``forms``), the register A4 landscape (``register``). All are
laid out as Decree 30/2020/NĐ-CP (Appendix I) documents with the letterhead of
``core.documents`` — the commune's People's Committee above the Public Administrative
Service Center, the national name and motto, the place-and-date line — the title bold and
centred, a 13 pt body in Liberation Serif, the signature block. The per-dossier forms
carry a QR code top left (Circular 01/2023/TT-VPCP) with the dossier code, the procedure
code, the document name and the applicant's ID **masked** — never the full ID.
Rendering is offline (``core.documents.pdf``), imported only by the functions that
render a PDF: WeasyPrint takes over a second to load, which the XLSX register should not
pay.
"""

from xaso.onestop.paper.forms import form_pdf, lookup_path
from xaso.onestop.paper.layout import FORMS, PaperError
from xaso.onestop.paper.register import register_pdf, register_rows, register_xlsx

__all__ = [
    "FORMS",
    "PaperError",
    "form_pdf",
    "lookup_path",
    "register_pdf",
    "register_rows",
    "register_xlsx",
]
