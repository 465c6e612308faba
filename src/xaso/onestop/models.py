"""The one-stop mechanism (một cửa): the procedure catalogue and the dossiers a Public
Administrative Service Center receives, processes and returns.

Rules and their sources are in docs/onestop.md and on each procedure (``legal_basis``):
Decree 61/2018/NĐ-CP and Decree 118/2025/NĐ-CP, Circular 01/2018/TT-VPCP (forms 01–06,
the dossier code), the national public-service portal's status codes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import DailyCounter, OrgUnit
from xaso.core.vietnamese import nfc, search_key

#: Who is exempt from a fee, as a procedure lists them (``Procedure.exemptions``).
EXEMPTION_LABELS = {
    "poor_household": _("Hộ nghèo"),
    "revolution_merit": _("Gia đình người có công với cách mạng"),
    "disability": _("Người khuyết tật"),
    "on_time": _("Đăng ký đúng hạn"),
}

#: The fee rule types ``fees.fee_amount`` knows (``Procedure.fee_rule["type"]``).
FEE_RULE_TYPES = ("free", "fixed", "per_page", "province")


class Procedure(models.Model):
    """Thủ tục hành chính — one procedure of the catalogue, with its legal time, fees,
    required documents and online level."""

    class TimeUnit(models.TextChoices):
        ON_THE_SPOT = "on_the_spot", _("Giải quyết ngay")
        WORKING_DAYS = "working_days", _("Ngày làm việc")
        WORKING_HOURS = "working_hours", _("Giờ làm việc")

    class OnlineLevel(models.TextChoices):
        FULL = "full", _("Toàn trình")
        PARTIAL = "partial", _("Một phần")
        NONE = "none", _("Không trực tuyến")

    code = models.CharField(_("mã thủ tục"), max_length=30, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=300)
    name_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    field = models.CharField(_("lĩnh vực"), max_length=100)
    specialist_field = models.CharField(
        _("lĩnh vực của công chức xử lý"),
        max_length=30,
        blank=True,
        help_text=_("Công chức chuyên môn có lĩnh vực này được giao xử lý."),
    )
    time_unit = models.CharField(_("đơn vị thời hạn"), max_length=15, choices=TimeUnit.choices)
    processing_time = models.DecimalField(
        _("thời hạn giải quyết"), max_digits=6, decimal_places=1, default=0
    )
    cutoff = models.TimeField(
        _("giờ chốt trong ngày"),
        null=True,
        blank=True,
        help_text=_("Nhận sau giờ này thì tính từ ngày làm việc tiếp theo."),
    )
    time_legal_basis = models.CharField(_("căn cứ thời hạn"), max_length=300, blank=True)
    extended_time = models.DecimalField(
        _("thời hạn tối đa khi được kéo dài"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Tổng thời hạn tối đa (ngày làm việc) khi văn bản cho kéo dài: cần xác minh, "
            "nhiều trang, nhiều bản…"
        ),
    )
    extended_time_legal_basis = models.CharField(
        _("căn cứ thời hạn kéo dài"), max_length=300, blank=True
    )
    fee_rule = models.JSONField(
        _("cách tính phí, lệ phí"),
        default=dict,
        blank=True,
        help_text=_(
            'Ví dụ {"type": "free"}, {"type": "fixed", "amount": 8000, "per": "bản"}, '
            '{"type": "per_page", "first_pages": 2, "first_rate": 2000, '
            '"rest_rate": 1000, "max_per_copy": 200000}, '
            '{"type": "province", "per": "trường hợp"} (mức thu do Hội đồng nhân dân tỉnh '
            "quy định, nhập theo từng tỉnh)."
        ),
    )
    fee_legal_basis = models.CharField(_("căn cứ phí, lệ phí"), max_length=300, blank=True)
    exemptions = models.JSONField(_("đối tượng miễn"), default=list, blank=True)
    required_documents = models.JSONField(_("thành phần hồ sơ"), default=list)
    full_online_eligible = models.BooleanField(
        _("đủ điều kiện trực tuyến toàn trình"),
        default=False,
        help_text=_("Thủ tục thuộc danh mục đủ điều kiện cung cấp dịch vụ công toàn trình."),
    )
    online_level = models.CharField(
        _("mức trực tuyến"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.PARTIAL
    )
    result_document = models.CharField(_("kết quả giải quyết"), max_length=300)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    active = models.BooleanField(_("đang áp dụng"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field", "name"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_key = search_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        kind = (self.fee_rule or {}).get("type", "free")
        if kind not in FEE_RULE_TYPES:
            raise ValidationError({"fee_rule": _("Cách tính phí không hợp lệ: %s") % kind})

    @property
    def time_label(self) -> str:
        if self.time_unit == self.TimeUnit.ON_THE_SPOT:
            return str(_("Giải quyết ngay"))
        if not self.processing_time:
            return str(_("Trong ngày làm việc"))
        amount = f"{self.processing_time.normalize():f}".replace(".", ",")
        return f"{amount} {self.get_time_unit_display().lower()}"

    @property
    def extended_time_label(self) -> str:
        """ "tối đa 5 ngày làm việc", or "" when no extension is provided for."""
        if self.extended_time is None:
            return ""
        amount = f"{self.extended_time.normalize():f}".replace(".", ",")
        return str(_("tối đa %(n)s ngày làm việc")) % {"n": amount}

    @property
    def exemption_labels(self) -> list[str]:
        return [str(EXEMPTION_LABELS.get(e, e)) for e in self.exemptions or []]

    @property
    def fee_set_by_province(self) -> bool:
        """The amount is set by each province's People's Council (``ProvinceFee``)."""
        return (self.fee_rule or {}).get("type") == "province"


class ProvinceFee(models.Model):
    """Mức thu phí, lệ phí do Hội đồng nhân dân tỉnh quy định — one province's amount for
    one procedure whose ``fee_rule`` is ``{"type": "province"}`` (civil-status fees:
    Luật Hộ tịch 2014 Art. 11 clause 2; Circular 85/2019/TT-BTC). Entered by the
    installation's or the province's administrator (``services.province_fee_set``);
    until then a dossier's fee reads "chưa nhập", never a silent 0."""

    province = models.ForeignKey(
        OrgUnit,
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgUnit.Kind.PROVINCE},
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="province_fees",
    )
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    legal_basis = models.CharField(
        _("căn cứ (nghị quyết của Hội đồng nhân dân tỉnh)"), max_length=300
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField(_("thời điểm nhập"))

    class Meta:
        verbose_name = _("mức thu phí, lệ phí của tỉnh")
        verbose_name_plural = _("mức thu phí, lệ phí của tỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "procedure"], name="provincefee_unique_province_procedure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} · {self.procedure.code}: {self.amount}"


class Status(models.IntegerChoices):
    """Trạng thái hồ sơ — the national public-service portal's status codes."""

    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


OPEN_STATUSES = [Status.NEW, Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT]
# Statuses during which the legal clock runs (it waits while the citizen supplements).
CLOCK_STATUSES = [Status.RECEIVED, Status.PROCESSING, Status.PAYMENT]
CLOSED_STATUSES = [Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED]


class Dossier(models.Model):
    """Hồ sơ — one application to one procedure, from intake to returned result."""

    class Channel(models.TextChoices):
        DIRECT = "direct", _("Trực tiếp")
        ONLINE = "online", _("Trực tuyến")
        POST = "post", _("Bưu chính")

    class ReturnMethod(models.TextChoices):
        DESK = "desk", _("Tại bộ phận một cửa")
        POST = "post", _("Qua bưu chính")
        ONLINE = "online", _("Trực tuyến")

    class PaymentMethod(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        TRANSFER = "transfer", _("Chuyển khoản")
        ONLINE = "online", _("Thanh toán trực tuyến")

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="dossiers"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=Status.choices, db_index=True
    )
    # Applicant (người nộp) — personal data: shown only to those who need it.
    applicant_name = models.CharField(_("họ và tên người nộp"), max_length=150)
    applicant_key = models.CharField(max_length=150, editable=False, default="", db_index=True)
    applicant_id_number = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    applicant_birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=300)
    applicant_village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    on_behalf_of = models.CharField(_("nộp thay cho"), max_length=150, blank=True)
    # Clock
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    clock_started_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    rescheduled_from = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    reschedule_reason = models.TextField(_("lý do hẹn lại"), blank=True)
    transfer_due_at = models.DateTimeField(null=True, blank=True)
    transferred_at = models.DateTimeField(_("thời điểm chuyển xử lý"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả"), max_length=10, choices=ReturnMethod.choices, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    missing_documents = models.TextField(_("giấy tờ cần bổ sung"), blank=True)
    decision_reason = models.TextField(_("lý do từ chối, dừng hoặc rút"), blank=True)
    # Fees
    fee_amount = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), default=0)
    # The procedure's fee is set by the province and the province's amount was not
    # entered when the dossier came in: the fee is unknown ("chưa nhập"), not 0. Cleared
    # when the province's amount is entered or the processing officer states the amount
    # (request for payment).
    fee_unknown = models.BooleanField(_("phí, lệ phí chưa xác định"), default=False)
    fee_exemption = models.CharField(_("đối tượng miễn"), max_length=40, blank=True)
    fee_pages = models.PositiveIntegerField(_("số trang"), default=0)
    fee_copies = models.PositiveIntegerField(_("số bản"), default=1)
    paid_at = models.DateTimeField(_("thời điểm nộp phí"), null=True, blank=True)
    payment_method = models.CharField(
        _("hình thức nộp phí"), max_length=10, choices=PaymentMethod.choices, blank=True
    )
    receipt_number = models.CharField(_("số biên lai"), max_length=30, blank=True)
    # Citizen
    rating = models.PositiveSmallIntegerField(_("mức hài lòng"), null=True, blank=True)
    rating_comment = models.CharField(_("ý kiến"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    # Printed on the receipt slip beside the code (and in its QR code): the code alone,
    # which a neighbour could guess, does not open the public look-up.
    lookup_key = models.CharField(_("khóa tra cứu"), max_length=12, blank=True, default="")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField(_("dữ liệu demo"), default=False)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["org_unit", "status", "due_at"]),
            models.Index(fields=["org_unit", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="dossier_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.applicant_name = nfc(self.applicant_name)
        self.applicant_key = search_key(self.applicant_name)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def digitised(self) -> bool:
        """Every input document scanned and, once there is a result, the result too."""
        docs = list(self.documents.all())
        inputs = [d for d in docs if d.kind == DossierDocument.Kind.INPUT]
        results = [d for d in docs if d.kind == DossierDocument.Kind.RESULT]
        if not inputs or not all(d.digitised for d in inputs):
            return False
        if self.status in (Status.DONE, Status.RETURNED):
            return bool(results) and all(d.digitised for d in results)
        return True


def document_path(instance: DossierDocument, filename: str) -> str:
    """``filename`` is the random name ``core.uploads.store`` gave the file."""
    return f"dossiers/{instance.dossier.code}/{filename}"


class DossierDocument(models.Model):
    """Thành phần hồ sơ hoặc kết quả — an uploaded scan (PDF, JPEG, PNG)."""

    class Kind(models.TextChoices):
        INPUT = "input", _("Thành phần hồ sơ")
        RESULT = "result", _("Kết quả giải quyết")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INPUT)
    requirement = models.CharField(_("giấy tờ"), max_length=300)
    file = models.FileField(upload_to=document_path, null=True, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(default=0)
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ của hồ sơ")
        verbose_name_plural = _("giấy tờ của hồ sơ")

    def __str__(self) -> str:
        return self.requirement


class DossierEvent(models.Model):
    """Phiếu kiểm soát quá trình giải quyết (form 05) — one step: who, when, what."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier.code} {self.action}"


class DossierCounter(DailyCounter):
    """The day's last sequence number per receiving unit, for dossier codes."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "day"], name="dossiercounter_unique_day")
        ]
