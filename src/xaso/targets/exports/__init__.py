"""A resolution's targets as office documents: an XLSX table (``xlsx``) and a DOCX report
(``docx``), both under the Decree 30/2020/NĐ-CP (Appendix I) letterhead of
``core.documents``, showing only what ``selectors.evaluate_targets`` computed from
approved figures (``shared``)."""

from xaso.targets.exports.docx import targets_docx
from xaso.targets.exports.shared import TABLE_TITLE
from xaso.targets.exports.xlsx import targets_xlsx

__all__ = ["TABLE_TITLE", "targets_docx", "targets_xlsx"]
