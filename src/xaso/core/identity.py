"""Personal identification numbers (số định danh cá nhân, on the CCCD card).

12 digits ``PPP G YY RRRRRR``: PPP the province where the birth was registered, G the
century and sex, YY the last two digits of the birth year, then six random digits
(Decree 137/2015/NĐ-CP Art. 13; codes of Circular 07/2016/TT-BCA, amended by Circular
59/2021/TT-BCA). There is no check digit, so a number is checked for form and for
consistency with the birth date (and sex when given); a province code not in the list
below is a warning, not an error — lists change and the list is kept as data here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Province codes of the birth-registration place (Circular 07/2016/TT-BCA, Annex).
PROVINCE_CODES = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Century digit → (first year of the century, sex) — even: male, odd: female.
CENTURIES = {
    0: (1900, "male"),
    1: (1900, "female"),
    2: (2000, "male"),
    3: (2000, "female"),
    4: (2100, "male"),
    5: (2100, "female"),
    6: (2200, "male"),
    7: (2200, "female"),
    8: (1800, "male"),
    9: (1800, "female"),
}

# [0-9], not \d: \d also matches Arabic-Indic, Devanagari and other digits.
_DIGITS = re.compile(r"^[0-9]{12}$")


@dataclass
class IdCheck:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    province: str | None = None
    birth_century: int | None = None
    sex: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def check_personal_id(
    number: str, *, birth_date: dt.date | None = None, sex: str | None = None
) -> IdCheck:
    """Check a personal ID number's form and its agreement with birth date and sex."""
    result = IdCheck()
    number = (number or "").strip().replace(" ", "")
    if not _DIGITS.match(number):
        result.errors.append("Số định danh cá nhân phải gồm đúng 12 chữ số.")
        return result
    prefix, century_digit, yy = number[:3], int(number[3]), int(number[4:6])
    result.province = PROVINCE_CODES.get(prefix)
    if result.province is None:
        result.warnings.append(
            f"Mã tỉnh nơi đăng ký khai sinh {prefix} không có trong danh mục; hãy kiểm tra lại."
        )
    century, result.sex = CENTURIES[century_digit]
    result.birth_century = century
    if birth_date is not None:
        if birth_date.year != century + yy:
            result.errors.append(
                f"Số định danh ghi năm sinh {century + yy}, không khớp ngày sinh "
                f"{birth_date:%d/%m/%Y}."
            )
    elif century + yy > dt.date.today().year:
        result.errors.append("Năm sinh trong số định danh ở tương lai.")
    if sex is not None and sex != result.sex:
        result.errors.append("Chữ số giới tính trong số định danh không khớp giới tính đã khai.")
    return result
