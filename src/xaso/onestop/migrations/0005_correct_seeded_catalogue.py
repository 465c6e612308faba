"""Correct the eight procedures the first catalogue seeded (1.001193 … CT-HDGD) in an
installation that already loaded them — only where the row still holds exactly what the
seed wrote (an administrator's own edits are left alone). The new procedures are added by
``seed.loader.load_procedures`` as before. See docs/onestop.md, "The catalogue".

The values are written here, not read from ``seed/procedures.json``, so the migration does
the same thing whenever it runs."""

from decimal import Decimal

from django.db import migrations

SEEDED = {
    "1.001193": {
        "seeded": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 16 (ngay trong ngày tiếp "
            "nhận hồ sơ đầy đủ; nhận sau 15 giờ thì trả trong "
            "ngày làm việc tiếp theo)",
            "fee_rule": {"type": "free"},
            "fee_legal_basis": "Luật Hộ tịch 2014, Điều 11 (miễn lệ phí đăng ký "
            "khai sinh đúng hạn)",
            "exemptions": [],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP, Điều 16",
            "note": "",
        },
        "corrected": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 16 khoản 2 (ngay sau "
            "khi nhận đủ giấy tờ); nhận hồ sơ sau 15 giờ "
            "mà không giải quyết được ngay thì trả trong "
            "ngày làm việc tiếp theo (Điều 5 khoản 3)",
            "fee_rule": {"type": "province", "per": "trường hợp"},
            "fee_legal_basis": "Miễn khi đăng ký đúng hạn — trong 60 ngày kể "
            "từ ngày sinh (Luật Hộ tịch 2014, Điều 11 khoản "
            "1 điểm b; Điều 15 khoản 1); quá hạn: lệ phí hộ "
            "tịch do HĐND tỉnh quy định (Điều 11 khoản 2; "
            "Thông tư 85/2019/TT-BTC)",
            "exemptions": ["on_time", "poor_household", "revolution_merit", "disability"],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13, Điều 5, 11, 13–16; "
            "Nghị định 123/2015/NĐ-CP (sửa đổi, bổ sung bởi "
            "Nghị định 07/2025/NĐ-CP và Nghị định "
            "18/2026/NĐ-CP), Điều 4, 9; Thông tư 04/2020/TT-BTP",
            "note": "Đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh, Luật Hộ "
            "tịch Điều 15): chọn đối tượng miễn “Đăng ký đúng hạn”. "
            "Quá hạn thì thu lệ phí hộ tịch theo mức HĐND tỉnh quy "
            "định — mức của tỉnh do quản trị nhập; chưa nhập thì hồ sơ "
            "ghi “chưa nhập”, không ghi 0. Khai sinh có yếu tố nước "
            "ngoài nay cũng do UBND xã thực hiện (Nghị định "
            "120/2025/NĐ-CP, Điều 4) theo thủ tục riêng, chưa có trong "
            "danh mục.",
        },
    },
    "1.000894": {
        "seeded": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 18 (ngay sau khi nhận đủ "
            "giấy tờ; tối đa 05 ngày làm việc nếu cần xác "
            "minh)",
            "fee_rule": {"type": "free"},
            "fee_legal_basis": "Luật Hộ tịch 2014, Điều 11 (miễn lệ phí đăng ký "
            "kết hôn trong nước)",
            "exemptions": [],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP, Điều 18",
            "note": "Nếu cần xác minh thì thời hạn tối đa 05 ngày làm việc: dùng hẹn lại có lý do.",
        },
        "corrected": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 18 khoản 2 (ngay sau "
            "khi nhận đủ giấy tờ); nhận sau 15 giờ thì trả "
            "trong ngày làm việc tiếp theo (Điều 5 khoản "
            "3)",
            "fee_legal_basis": "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b "
            "(miễn lệ phí đăng ký kết hôn của công dân Việt "
            "Nam cư trú ở trong nước)",
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13, Điều 11, 17, 18; "
            "Nghị định 123/2015/NĐ-CP (sửa đổi, bổ sung bởi "
            "Nghị định 07/2025/NĐ-CP và Nghị định "
            "18/2026/NĐ-CP), Điều 10; Thông tư 04/2020/TT-BTP",
            "note": "Hai bên nam, nữ cùng có mặt khi đăng ký (Luật Hộ tịch "
            "Điều 18 khoản 1). Cần xác minh thì thời hạn tối đa 05 "
            "ngày làm việc. Kết hôn có yếu tố nước ngoài nay do UBND "
            "xã thực hiện (Nghị định 120/2025/NĐ-CP, Điều 4) theo Luật "
            "Hộ tịch Điều 38, chưa có trong danh mục.",
            "extended_time": "5",
            "extended_time_legal_basis": "Luật Hộ tịch 2014, Điều 18 khoản 2 "
            "(cần xác minh điều kiện kết hôn: "
            "không quá 05 ngày làm việc)",
        },
    },
    "1.000656": {
        "seeded": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 33, 34 (ngay trong ngày; "
            "khai tử trong 15 ngày kể từ ngày chết)",
            "fee_rule": {"type": "free"},
            "fee_legal_basis": "Luật Hộ tịch 2014, Điều 11 (miễn lệ phí khai tử đúng hạn)",
            "exemptions": [],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP, Điều 33, 34",
            "note": "",
        },
        "corrected": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 34 khoản 2 (ngay sau "
            "khi nhận giấy tờ); nhận sau 15 giờ thì trả "
            "trong ngày làm việc tiếp theo (Điều 5 khoản "
            "3)",
            "fee_rule": {"type": "province", "per": "trường hợp"},
            "fee_legal_basis": "Miễn khi đăng ký đúng hạn — trong 15 ngày kể "
            "từ ngày chết (Luật Hộ tịch 2014, Điều 11 khoản "
            "1 điểm b; Điều 33 khoản 1); quá hạn: lệ phí hộ "
            "tịch do HĐND tỉnh quy định (Điều 11 khoản 2; "
            "Thông tư 85/2019/TT-BTC)",
            "exemptions": ["on_time", "poor_household", "revolution_merit", "disability"],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13, Điều 5, 11, 32–34; "
            "Nghị định 123/2015/NĐ-CP (sửa đổi, bổ sung bởi "
            "Nghị định 07/2025/NĐ-CP và Nghị định "
            "18/2026/NĐ-CP), Điều 4; Thông tư 04/2020/TT-BTP, "
            "Điều 13",
            "note": "Luật Hộ tịch Điều 34 không định thời hạn xác minh cho "
            "khai tử trong nước; 03 ngày làm việc khi cần xác minh là "
            "thời hạn của Điều 52 (khai tử có yếu tố nước ngoài) và "
            "của thủ tục trên Cổng Dịch vụ công — căn cứ cho khai tử "
            "trong nước chưa xác nhận. Quá 15 ngày kể từ ngày chết thì "
            "không thuộc diện miễn “đúng hạn”: thu theo mức của tỉnh.",
            "extended_time": "3",
            "extended_time_legal_basis": "Cần xác minh: không quá 03 ngày làm "
            "việc (Luật Hộ tịch 2014, Điều 52 "
            "khoản 2 — khai tử có yếu tố nước "
            "ngoài, nay do UBND xã thực hiện; với "
            "khai tử trong nước: căn cứ chưa xác "
            "nhận)",
        },
    },
    "1.004873": {
        "seeded": {
            "time_legal_basis": "Nghị định 123/2015/NĐ-CP, Điều 22 (thường áp "
            "dụng 03 ngày làm việc — chưa xác nhận, cần đối "
            "chiếu Cổng DVC quốc gia)",
            "fee_rule": {"type": "free"},
            "fee_legal_basis": "Lệ phí do HĐND tỉnh quy định (Thông tư "
            "85/2019/TT-BTC) — mức của tỉnh Sơn La chưa nhập",
            "exemptions": ["poor_household", "revolution_merit", "disability"],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13; Nghị định "
            "123/2015/NĐ-CP; Nghị định 123/2015/NĐ-CP, Điều 21, 22",
            "note": "Thời hạn và lệ phí chưa được xác nhận: cán bộ quản trị đối chiếu và cập nhật.",
        },
        "corrected": {
            "time_legal_basis": "Nghị định 123/2015/NĐ-CP, Điều 22 (03 ngày "
            "làm việc kể từ ngày nhận đủ hồ sơ — chưa xác "
            "nhận nguyên văn sau các lần sửa đổi)",
            "fee_rule": {"type": "province", "per": "trường hợp"},
            "fee_legal_basis": "Lệ phí hộ tịch do Hội đồng nhân dân tỉnh quy "
            "định (Luật Hộ tịch 2014, Điều 11 khoản 2; "
            "Thông tư 85/2019/TT-BTC); miễn cho người thuộc "
            "gia đình có công với cách mạng, hộ nghèo, "
            "người khuyết tật (Điều 11 khoản 1 điểm a)",
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13, Điều 11; Nghị định "
            "123/2015/NĐ-CP (sửa đổi, bổ sung bởi Nghị định "
            "07/2025/NĐ-CP và Nghị định 18/2026/NĐ-CP), Điều "
            "21–23; Thông tư 04/2020/TT-BTP, Điều 12",
            "note": "Thời hạn 03 ngày làm việc chưa xác nhận trên văn bản hiện "
            "hành. Lệ phí do HĐND tỉnh quy định: mức của tỉnh do quản "
            "trị nhập; chưa nhập thì hồ sơ ghi “chưa nhập”. Giấy có "
            "giá trị đến khi tình trạng hôn nhân thay đổi hoặc 06 "
            "tháng kể từ ngày cấp (Thông tư 04/2020/TT-BTP, Điều 12 "
            "khoản 2). Việc áp dụng các đối tượng miễn của Luật Hộ "
            "tịch Điều 11 khoản 1 điểm a cho thủ tục này chưa xác "
            "nhận.",
        },
    },
    "2.000635": {
        "seeded": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7 (trong ngày; "
            "nhận sau 15 giờ thì trả trong ngày làm việc tiếp "
            "theo)",
            "fee_rule": {"type": "fixed", "amount": 8000, "per": "bản"},
            "fee_legal_basis": "Thông tư 281/2016/TT-BTC (8.000 đồng/bản sao trích lục)",
            "exemptions": ["poor_household", "revolution_merit", "disability"],
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13; Nghị định "
            "123/2015/NĐ-CP; Nghị định 23/2015/NĐ-CP",
            "note": "",
        },
        "corrected": {
            "time_legal_basis": "Luật Hộ tịch 2014, Điều 64 khoản 2 (ngay sau "
            "khi nhận được yêu cầu); nhận sau 15 giờ thì "
            "trả trong ngày làm việc tiếp theo (Điều 5 "
            "khoản 3)",
            "fee_legal_basis": "Thông tư 281/2016/TT-BTC, Điều 4 (phí khai "
            "thác, sử dụng thông tin trong cơ sở dữ liệu hộ "
            "tịch: 8.000 đồng/bản sao trích lục/sự kiện hộ "
            "tịch đã đăng ký)",
            "legal_basis": "Luật Hộ tịch số 60/2014/QH13, Điều 4 khoản 9, Điều "
            "11 khoản 2, Điều 63, 64; Nghị định 87/2020/NĐ-CP "
            "(Cơ sở dữ liệu hộ tịch điện tử, cấp bản sao trích "
            "lục); Nghị định 123/2015/NĐ-CP (sửa đổi, bổ sung "
            "bởi Nghị định 07/2025/NĐ-CP và Nghị định "
            "18/2026/NĐ-CP), Điều 2",
            "note": "Trước đây danh mục dẫn Nghị định 23/2015/NĐ-CP (chứng "
            "thực) làm căn cứ: sai, bản sao trích lục do Cơ quan quản "
            "lý Cơ sở dữ liệu hộ tịch cấp theo Luật Hộ tịch. Đối tượng "
            "miễn phí theo Thông tư 281/2016/TT-BTC chưa xác nhận — "
            "danh sách miễn đang ghi theo Luật Hộ tịch Điều 11 khoản 1 "
            "điểm a.",
        },
    },
    "2.000815": {
        "seeded": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7 (trong ngày; sau "
            "15 giờ thì ngày làm việc tiếp theo; có thể kéo "
            "dài thêm nếu nhiều trang)",
            "fee_rule": {
                "type": "per_page",
                "first_pages": 2,
                "first_rate": 2000,
                "rest_rate": 1000,
                "max_per_copy": 200000,
            },
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (2.000 đ/trang cho trang "
            "1–2, 1.000 đ/trang từ trang thứ 3, tối đa 200.000 "
            "đ/bản)",
            "exemptions": [],
            "legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7, 20, 21",
            "note": "",
        },
        "corrected": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7 (trong ngày "
            "tiếp nhận; tiếp nhận sau 15 giờ thì trong "
            "ngày làm việc tiếp theo)",
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (2.000 đ/trang cho "
            "trang 1–2, 1.000 đ/trang từ trang thứ 3, tối "
            "đa 200.000 đ/bản; trang tính theo bản chính)",
            "legal_basis": "Nghị định 23/2015/NĐ-CP (sửa đổi, bổ sung bởi Nghị "
            "định 07/2025/NĐ-CP và Nghị định 280/2025/NĐ-CP), "
            "Điều 5, 7, 18–22; Thông tư 01/2020/TT-BTP",
            "note": "Từ Nghị định 07/2025/NĐ-CP, UBND xã chứng thực cả bản sao "
            "giấy tờ do cơ quan nước ngoài cấp (Nghị định 23/2015, "
            "Điều 5 sửa đổi); giấy tờ nước ngoài phải hợp pháp hóa "
            "lãnh sự trừ trường hợp được miễn (Điều 20 khoản 1).",
            "extended_time": "2",
            "extended_time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 21 "
            "(nhiều loại bản chính, nhiều trang, "
            "nhiều bản sao, nội dung phức tạp: "
            "kéo dài thêm không quá 02 ngày làm "
            "việc, hoặc lâu hơn theo thỏa thuận "
            "bằng văn bản)",
        },
    },
    "2.000884": {
        "seeded": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7 (trong ngày; sau "
            "15 giờ thì ngày làm việc tiếp theo)",
            "fee_rule": {"type": "fixed", "amount": 10000, "per": "trường hợp"},
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (10.000 đồng/trường hợp)",
            "exemptions": [],
            "legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7, 24",
            "note": "",
        },
        "corrected": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 7 (trong ngày "
            "tiếp nhận; tiếp nhận sau 15 giờ thì trong "
            "ngày làm việc tiếp theo)",
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (10.000 đồng/trường "
            "hợp; một hoặc nhiều chữ ký trong cùng một giấy "
            "tờ, văn bản là một trường hợp)",
            "legal_basis": "Nghị định 23/2015/NĐ-CP (sửa đổi, bổ sung bởi Nghị "
            "định 07/2025/NĐ-CP và Nghị định 280/2025/NĐ-CP), "
            "Điều 5, 7, 23–26; Thông tư 01/2020/TT-BTP, Điều "
            "13–15",
            "note": "Người yêu cầu ký trước mặt người tiếp nhận (Nghị định "
            "23/2015, Điều 24). Chứng thực chữ ký người dịch nay cũng "
            "do UBND xã thực hiện (Nghị định 120/2025/NĐ-CP, Điều 17; "
            "Nghị định 280/2025/NĐ-CP), thủ tục riêng chưa có trong "
            "danh mục.",
        },
    },
    "CT-HDGD": {
        "seeded": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 37 (không quá 02 ngày làm việc)",
            "fee_rule": {"type": "fixed", "amount": 50000, "per": "hợp đồng"},
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (50.000 đồng/hợp đồng, giao dịch)",
            "exemptions": [],
            "legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 36, 37",
            "note": "Mã thủ tục trên Cổng DVC quốc gia chưa xác nhận: mã CT-HDGD "
            "là mã tạm của xaso.",
        },
        "corrected": {
            "time_legal_basis": "Nghị định 23/2015/NĐ-CP, Điều 37 (không quá 02 "
            "ngày làm việc kể từ ngày nhận đủ hồ sơ, hoặc "
            "lâu hơn theo thỏa thuận bằng văn bản)",
            "fee_legal_basis": "Thông tư 226/2016/TT-BTC (50.000 đồng/hợp đồng, "
            "giao dịch — chưa đối chiếu nguyên văn)",
            "legal_basis": "Nghị định 23/2015/NĐ-CP (sửa đổi, bổ sung bởi Nghị "
            "định 07/2025/NĐ-CP và Nghị định 280/2025/NĐ-CP), "
            "Điều 5, 34–37; Thông tư 01/2020/TT-BTP, Điều 20–22",
            "note": "Mã thủ tục quốc gia chưa xác nhận: CT-HDGD là mã tạm của "
            "xaso; cán bộ đối chiếu Cổng Dịch vụ công quốc gia rồi cập "
            "nhật mã. Nghị định 280/2025/NĐ-CP gọi là “chứng thực giao "
            "dịch”; giao dịch về đất, nhà ở chứng thực tại UBND xã nơi "
            "có đất, nhà (Điều 5 khoản 6). Mức 50.000 đồng chưa đối "
            "chiếu nguyên văn Thông tư 226/2016/TT-BTC.",
        },
    },
}


def correct_seeded_procedures(apps, schema_editor):
    Procedure = apps.get_model("onestop", "Procedure")
    for code, change in SEEDED.items():
        procedure = Procedure.objects.filter(code=code).first()
        if procedure is None:
            continue
        if any(getattr(procedure, f) != v for f, v in change["seeded"].items()):
            continue  # changed since it was seeded: the administrator's, not ours
        for field, value in change["corrected"].items():
            if field == "extended_time" and value is not None:
                value = Decimal(value)
            setattr(procedure, field, value)
        procedure.save(update_fields=list(change["corrected"]))


class Migration(migrations.Migration):
    dependencies = [
        ("onestop", "0004_catalogue_province_fees"),
    ]

    operations = [
        migrations.RunPython(correct_seeded_procedures, migrations.RunPython.noop),
    ]
