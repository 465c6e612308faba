"""Resolution targets as data: a resolution (nghị quyết) has groups, targets (chỉ tiêu)
and, inside a target, measures; values are entered per measure, org unit and period,
then submitted and approved (DHIS2's data element × org unit × period, with approval).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit


class Resolution(models.Model):
    """Nghị quyết — e.g. the Long Hẹ Party Congress resolution for 2025–2030."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="resolutions"
    )
    code = models.CharField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên nghị quyết"), max_length=300)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"))
    source = models.CharField(_("nguồn"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="resolution_term_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.term_start, self.term_end + 1))


class TargetGroup(models.Model):
    """Nhóm chỉ tiêu — economic, social and environmental, Party building."""

    class Code(models.TextChoices):
        ECONOMIC = "economic", _("Kinh tế")
        SOCIAL = "social", _("Xã hội, môi trường")
        PARTY = "party", _("Xây dựng Đảng và hệ thống chính trị")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("mã nhóm"), max_length=20, choices=Code.choices)
    number = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên nhóm"), max_length=300)
    source = models.CharField(_("nguồn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nhóm chỉ tiêu")
        verbose_name_plural = _("nhóm chỉ tiêu")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "code"], name="targetgroup_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """Chỉ tiêu — one numbered target of the resolution, with one or more measures."""

    group = models.ForeignKey(TargetGroup, on_delete=models.CASCADE, related_name="targets")
    number = models.PositiveSmallIntegerField(_("số thứ tự trong nhóm"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    text = models.TextField(_("nguyên văn"), blank=True)
    source = models.CharField(_("nguồn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["group__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="target_unique_number")
        ]

    def __str__(self) -> str:
        return f"({self.number}) {self.name}"

    @property
    def org_unit(self) -> OrgUnit:
        return self.group.resolution.org_unit


class Measure(models.Model):
    """Thành phần đo của chỉ tiêu — one measurable part of a target.

    ``kind`` says how the entered values become the actual figure; ``comparator`` and
    ``target_value`` (``target_max`` for a range) say when it is met; ``applies`` says
    when it is judged. The 2025 baseline cites the report section it comes from.
    """

    class Kind(models.TextChoices):
        RATIO = "ratio", _("Tỷ lệ (tử số/mẫu số)")
        PERCENTAGE = "percentage", _("Phần trăm")
        COUNT = "count", _("Số lượng")
        AMOUNT = "amount", _("Giá trị")
        GROWTH_RATE = "growth_rate", _("Tốc độ tăng bình quân năm")
        CUMULATIVE = "cumulative", _("Cộng dồn cả nhiệm kỳ")

    class Comparator(models.TextChoices):
        GTE = "gte", "≥"
        GT = "gt", ">"
        LTE = "lte", "≤"
        LT = "lt", "<"
        EQ = "eq", "="
        RANGE = "range", _("trong khoảng")

    class Applies(models.TextChoices):
        EVERY_YEAR = "every_year", _("Hằng năm")
        BY_END = "by_end", _("Đến cuối nhiệm kỳ")
        OVER_TERM = "over_term", _("Cả nhiệm kỳ")

    class Disaggregation(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        VILLAGE = "village", _("Theo bản")
        # Each bản answers đạt/chưa đạt; the commune figure counts the bản that do, over
        # all its bản (a bản that has not answered counts as not yet).
        YES_NO = "yes_no", _("Mỗi bản: đạt / chưa đạt")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("mã"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("tên thành phần"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level_unit = models.CharField(_("đơn vị của giá trị nhập"), max_length=40, blank=True)
    numerator_label = models.CharField(_("tử số"), max_length=200, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=200, blank=True)
    comparator = models.CharField(_("so sánh"), max_length=5, choices=Comparator.choices)
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=20, decimal_places=4)
    target_max = models.DecimalField(
        _("cận trên"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    applies = models.CharField(_("áp dụng"), max_length=12, choices=Applies.choices)
    baseline_value = models.DecimalField(
        _("giá trị năm gốc"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_denominator = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("năm của giá trị gốc"), null=True, blank=True
    )
    baseline_source = models.CharField(_("nguồn giá trị gốc"), max_length=300, blank=True)
    baseline_quote = models.TextField(_("trích dẫn"), blank=True)
    baseline_note = models.TextField(_("ghi chú giá trị gốc"), blank=True)
    additive = models.BooleanField(_("cộng được theo bản"), default=False)
    disaggregation = models.CharField(
        _("cấp nhập"), max_length=10, choices=Disaggregation.choices, default=Disaggregation.COMMUNE
    )
    data_source = models.CharField(
        _("nguồn số liệu"),
        max_length=80,
        default="entered",
        help_text=_('"entered" (nhập tay) hoặc "computed:<khóa>" (tính từ phân hệ khác).'),
    )
    responsible_office = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan chịu trách nhiệm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=1)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("thành phần chỉ tiêu")
        verbose_name_plural = _("thành phần chỉ tiêu")
        ordering = ["target__group__number", "target__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["target", "code"], name="measure_unique_code"),
            models.CheckConstraint(
                condition=~Q(comparator="range") | Q(target_max__isnull=False),
                name="measure_range_has_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def org_unit(self) -> OrgUnit:
        return self.target.group.resolution.org_unit

    @property
    def is_computed(self) -> bool:
        return self.data_source.startswith("computed:")

    @property
    def source_key(self) -> str:
        return self.data_source.removeprefix("computed:")

    @property
    def baseline(self) -> Decimal | None:
        """The baseline as the actual figure: a ratio's percentage when only its parts are
        given."""
        if self.baseline_value is not None:
            return self.baseline_value
        if self.baseline_numerator is not None and self.baseline_denominator:
            return self.baseline_numerator * 100 / self.baseline_denominator
        return None


class DataValue(models.Model):
    """Số liệu — one measure's value for one org unit and period, with its approval state.

    ``quarter`` 0 is the whole year. A ratio keeps its numerator and denominator; other
    kinds keep ``value`` (a growth rate's value is the underlying level, e.g. revenue).
    """

    class Status(models.TextChoices):
        ENTERED = "entered", _("Đã nhập")
        SUBMITTED = "submitted", _("Đã gửi duyệt")
        APPROVED = "approved", _("Đã duyệt")

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), default=0)
    value = models.DecimalField(
        _("giá trị"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    numerator = models.DecimalField(
        _("tử số"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("mẫu số"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ENTERED
    )
    comment = models.CharField(_("ghi chú"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(null=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Demo data (``xaso demo``), never a figure of the report: pages mark it "demo". Set by
    # whoever entered the value last — an official entering over it makes it theirs.
    is_demo = models.BooleanField(_("dữ liệu demo"), default=False)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "org_unit", "year", "quarter"], name="datavalue_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=0, quarter__lte=4), name="datavalue_quarter_range"
            ),
        ]
        indexes = [models.Index(fields=["measure", "year", "status"])]

    def __str__(self) -> str:
        period = f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)
        return f"{self.measure.code} {self.org_unit.code} {period}"


class ValidationRule(models.Model):
    """Quy tắc kiểm tra — a validation rule as data, applied when values are entered.

    ``kind`` names the check; ``severity`` says whether it refuses the value (error) or
    asks for confirmation (warning); ``params`` holds its numbers (e.g. a threshold).
    """

    class Kind(models.TextChoices):
        NON_NEGATIVE = "non_negative", _("Không âm")
        NUMERATOR_LE_DENOMINATOR = "numerator_le_denominator", _("Tử số không vượt mẫu số")
        PERCENTAGE_RANGE = "percentage_range", _("Phần trăm trong khoảng 0–100")
        PERIOD_IN_TERM = "period_in_term", _("Kỳ nằm trong nhiệm kỳ")
        VILLAGE_SUM = "village_sum", _("Tổng các bản bằng số của xã")
        JUMP = "jump", _("Thay đổi lớn so với năm trước")

    class Severity(models.TextChoices):
        ERROR = "error", _("Lỗi — không cho lưu")
        WARNING = "warning", _("Cảnh báo — cần xác nhận")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    severity = models.CharField(_("mức"), max_length=10, choices=Severity.choices)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    message = models.CharField(_("thông báo"), max_length=300)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "kind"], name="validationrule_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return self.message
