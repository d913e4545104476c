"""Deterministic demo data: kiosks, beneficiaries, registries, licences, invoices, transactions.

Every identity here is documented in docs/api.md, because the demo, the screenshot tour
and the journey tests rely on them: who can apply cleanly, who trips which rule, who holds
licences in every status across the four branch municipalities. Numbers are fixed; dates
are relative to the moment the data directory was first seeded, so a "valid" lease stays
valid however long after the sandbox was installed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.api.schema import Authority, Channel, LicenceKind, LicenceStatus
from kiosk.domain.identifiers import with_check_digit
from sandbox import workflow
from sandbox.catalogue import DISTRICT_BY_CODE, FEES, NAMES
from sandbox.db import Database, iso

DEV_KIOSK_ID = "AHS-DEV-01"
# The same key as kiosk.config.ApiSettings' default, so a fresh kiosk talks to the sandbox
# (and, holding a development key, stays out of service: docs/enrolment.md).
DEV_KIOSK_KEY = "dev-kiosk-key-please-change"
RETIRED_KIOSK_KEY = "sandbox-retired-kiosk-key-0000"
# The seeded payment receipt (of INV-1446-000101); new receipts count from 001001.
SEEDED_RECEIPT = "RC-1446-000901"


@dataclass(frozen=True, slots=True)
class DemoKiosk:
    id: str
    key: str
    branch: str
    location_ar: str
    location_en: str = ""
    active: bool = True


# The kiosk `kiosk demo` runs, as if it were enrolled already: the test fixtures run the
# kiosk with its key (not the development key, so the kiosk serves the public). The demo
# itself enrols afresh with an issued code, which gives it a new key and retires this one.
DEMO_KIOSK = DemoKiosk("AHS-DEMO-01", "sandbox-kiosk-key-AHS-DEMO-01", "hofuf",
                       "مجمع الأحساء التجاري — جهاز العرض", "Al-Ahsa Mall — demo kiosk")

KIOSKS: tuple[DemoKiosk, ...] = (
    DemoKiosk(DEV_KIOSK_ID, DEV_KIOSK_KEY, "hofuf", "بيئة التطوير", "Development"),
    DemoKiosk("AHS-HOF-01", "sandbox-kiosk-key-AHS-HOF-01", "hofuf", "مبنى الأمانة الرئيسي",
              "Municipality main building"),
    DemoKiosk("AHS-HOF-02", "sandbox-kiosk-key-AHS-HOF-02", "hofuf", "فندق الأحساء إنتركونتيننتال",
              "Al-Ahsa InterContinental hotel"),
    DemoKiosk("AHS-MUB-01", "sandbox-kiosk-key-AHS-MUB-01", "mubarraz", "العثيم مول المبرز",
              "Othaim Mall, Al-Mubarraz"),
    DemoKiosk("AHS-OMR-01", "sandbox-kiosk-key-AHS-OMR-01", "omran", "بلدية العمران",
              "Al-Omran municipality"),
    DemoKiosk("AHS-OYN-01", "sandbox-kiosk-key-AHS-OYN-01", "oyoun", "بلدية العيون",
              "Al-Oyoun municipality"),
    DEMO_KIOSK,
    DemoKiosk("AHS-OLD-01", RETIRED_KIOSK_KEY, "hofuf", "جهاز مسحوب من الخدمة",
              "Withdrawn kiosk", active=False),
)


@dataclass(frozen=True, slots=True)
class DemoPerson:
    national_id: str
    mobile: str
    name_ar: str
    name_en: str


# A: applies cleanly; B: overdue invoices; C: expired CR and lease; D: resident, zoning and
# health-specialist problems; E: owner of six establishments in all four branches.
CLEAN = DemoPerson(with_check_digit("108412345"), "0551000001",
                   "محمد عبدالله العمير", "Mohammed Abdullah Al-Omair")
DEBTOR = DemoPerson(with_check_digit("109876543"), "0551000002",
                    "فاطمة حسن الملا", "Fatimah Hassan Al-Mulla")
EXPIRED = DemoPerson(with_check_digit("105551234"), "0551000003",
                     "خالد إبراهيم البوعلي", "Khalid Ibrahim Al-Buali")
RESIDENT = DemoPerson(with_check_digit("245678901"), "0551000004",
                      "أنور حسين شيخ", "Anwar Hussain Sheikh")
OWNER = DemoPerson(with_check_digit("101112131"), "0551000005",
                   "عبدالرحمن صالح الجبر", "Abdulrahman Saleh Al-Jabr")
PEOPLE = (CLEAN, DEBTOR, EXPIRED, RESIDENT, OWNER)

SPECIALIST_OK = with_check_digit("107070707")
SPECIALIST_EXPIRED = with_check_digit("108080808")


def key_sha256(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def seed(db: Database) -> bool:
    """Fills an empty database; returns False (and changes nothing) if already seeded."""
    with db.transaction() as conn:
        if Database.get_meta(conn, "seeded_at"):
            return False
        seed_into(conn)
    return True


def reseed(db: Database) -> None:
    """Back to the freshly seeded state: every row goes, the clock offset too."""
    with db.transaction() as conn:
        Database.wipe(conn)
        seed_into(conn)


def seed_into(conn: sqlite3.Connection) -> None:
    now = Database.now(conn)
    Database.set_meta(conn, "seeded_at", iso(now))
    _kiosks(conn)
    _people(conn, now)
    _licences(conn, now)
    _invoices(conn, now)
    _transactions(conn, now)
    workflow.tick(conn, now)


def _kiosks(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT INTO kiosks (id, key_sha256, branch, location_ar, location_en, active) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(k.id, key_sha256(k.key), k.branch, k.location_ar, k.location_en, int(k.active))
         for k in KIOSKS],
    )


def _day(now: datetime, days: int) -> str:
    return (now + timedelta(days=days)).date().isoformat()


def _people(conn: sqlite3.Connection, now: datetime) -> None:
    conn.executemany(
        "INSERT INTO beneficiaries (national_id, mobile, name_ar, name_en) VALUES (?, ?, ?, ?)",
        [(p.national_id, p.mobile, p.name_ar, p.name_en) for p in PEOPLE],
    )
    crs = [
        ("2250000011", CLEAN, "مؤسسة العمير للخياطة", 700),
        ("2250000021", DEBTOR, "مؤسسة الملا التجارية", 400),
        ("2250000031", EXPIRED, "مؤسسة البوعلي للتجارة", -45),
        ("2250000041", RESIDENT, "مطعم أنور للمأكولات", 500),
        *[(f"225000005{i}", OWNER, f"مؤسسة الجبر رقم {i}", 300 + i) for i in range(1, 7)],
    ]
    conn.executemany(
        "INSERT INTO commercial_registrations (number, owner_id, name_ar, expires_on) "
        "VALUES (?, ?, ?, ?)",
        [(n, p.national_id, name, _day(now, d)) for n, p, name, d in crs],
    )
    leases = [
        ("10000000011", CLEAN, "hofuf-kut", 365),
        ("10000000012", CLEAN, "mubarraz-shuabah", 300),
        ("10000000021", DEBTOR, "oyoun-centre", 200),
        ("10000000031", EXPIRED, "omran-north", -20),
        ("10000000041", RESIDENT, "hofuf-muhammadiyah", 330),
        ("10000000042", RESIDENT, "hofuf-naathel", 330),
        ("10000000051", OWNER, "hofuf-kut", 400),
        ("10000000052", OWNER, "mubarraz-shuabah", 400),
        ("10000000053", OWNER, "omran-north", 400),
        ("10000000054", OWNER, "oyoun-centre", 400),
        ("10000000055", OWNER, "hofuf-industrial", 400),
        ("10000000056", OWNER, "hofuf-naathel", 400),
    ]
    conn.executemany(
        "INSERT INTO leases (number, tenant_id, district, expires_on) VALUES (?, ?, ?, ?)",
        [(n, p.national_id, d, _day(now, days)) for n, p, d, days in leases],
    )
    conn.executemany(
        "INSERT INTO deeds (number, owner_id, district) VALUES (?, ?, ?)",
        [("310000000011", CLEAN.national_id, "oyoun-marah"),
         ("310000000051", OWNER.national_id, "omran-rumailah")],
    )
    conn.executemany(
        "INSERT INTO health_specialists (national_id, name_ar, certificate_expires_on) "
        "VALUES (?, ?, ?)",
        [(SPECIALIST_OK, "نورة سعد القحطاني", _day(now, 500)),
         (SPECIALIST_EXPIRED, "سلمان علي الحربي", _day(now, -60))],
    )


_LICENCES: tuple[tuple[str, DemoPerson, LicenceKind, LicenceStatus, str, str, str, str | None,
                       int, Channel, Authority | None, str, str], ...] = (
    ("L-1446-000101", CLEAN, LicenceKind.PROFESSIONAL, LicenceStatus.ACTIVE, "mubarraz-shuabah",
     "tailor", "خياط العمير", "10000000012", 200, Channel.OFFICE, None, "", ""),
    ("L-1444-000201", DEBTOR, LicenceKind.PROFESSIONAL, LicenceStatus.EXPIRED, "omran-north",
     "laundry", "مغسلة الملا", None, -90, Channel.OFFICE, None, "", ""),
    ("L-1446-000202", DEBTOR, LicenceKind.HEALTH, LicenceStatus.SUSPENDED, "hofuf-kut",
     "restaurant", "مطعم بيت الأحساء", None, 150, Channel.OFFICE, Authority.LABOUR_OFFICE,
     "مخالفة نظام العمل: عمالة غير نظامية", "Labour law violation: irregular workers"),
    ("L-1445-000203", DEBTOR, LicenceKind.COMMERCIAL, LicenceStatus.CANCELLED, "oyoun-centre",
     "grocery", "بقالة الملا", "10000000021", 100, Channel.OFFICE, Authority.ZAKAT_AUTHORITY,
     "عدم تقديم الإقرار الزكوي", "Zakat return not filed"),
    ("L-1446-000204", DEBTOR, LicenceKind.PROFESSIONAL, LicenceStatus.ACTIVE, "mubarraz-shuabah",
     "barber", "حلاق الملا", None, 250, Channel.HOME_VISIT, None, "", ""),
    ("L-1446-000501", OWNER, LicenceKind.COMMERCIAL, LicenceStatus.ACTIVE, "hofuf-kut",
     "electronics", "الجبر للإلكترونيات", "10000000051", 310, Channel.KIOSK, None, "", ""),
    ("L-1446-000502", OWNER, LicenceKind.HEALTH, LicenceStatus.ACTIVE, "mubarraz-shuabah",
     "cafe", "مقهى الجبر", "10000000052", 40, Channel.OFFICE, None, "", ""),
    ("L-1445-000503", OWNER, LicenceKind.PROFESSIONAL, LicenceStatus.ACTIVE, "omran-north",
     "tailor", "خياط الجبر", "10000000053", 120, Channel.OFFICE, None, "", ""),
    ("L-1446-000504", OWNER, LicenceKind.COMMERCIAL, LicenceStatus.ACTIVE, "oyoun-centre",
     "dates_shop", "تمور الجبر", "10000000054", 280, Channel.KIOSK, None, "", ""),
    ("L-1443-000505", OWNER, LicenceKind.PROFESSIONAL, LicenceStatus.EXPIRED, "hofuf-industrial",
     "car_workshop", "ورشة الجبر", "10000000055", -400, Channel.OFFICE, None, "", ""),
    ("L-1446-000506", OWNER, LicenceKind.HEALTH, LicenceStatus.SUSPENDED, "hofuf-naathel",
     "bakery", "مخبز الجبر", "10000000056", 90, Channel.OFFICE, Authority.MUNICIPALITY,
     "ملاحظات صحية في الزيارة الرقابية", "Health findings at the inspection visit"),
)


# Days before seeding that a licence was suspended or cancelled (the verification page's
# "since"): the authority acted some time after issuing it.
_STATUS_CHANGED_DAYS_AGO = {"L-1446-000202": 12, "L-1445-000203": 30, "L-1446-000506": 5}


def _licences(conn: sqlite3.Connection, now: datetime) -> None:
    for (number, person, kind, status, district, activity, shop, lease, expires_in, channel,
         by, reason_ar, reason_en) in _LICENCES:
        changed = _STATUS_CHANGED_DAYS_AGO.get(number)
        conn.execute(
            "INSERT INTO licences (number, national_id, licence_type, status, branch, district, "
            "activity, shop_name, lease_number, issued_at, expires_on, channel, status_by, "
            "status_reason_ar, status_reason_en, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, person.national_id, kind.value, status.value,
             DISTRICT_BY_CODE[district].branch.value, district, activity, shop, lease,
             iso(now + timedelta(days=expires_in - 365)), _day(now, expires_in), channel.value,
             by.value if by else None, reason_ar, reason_en,
             iso(now - timedelta(days=changed)) if changed is not None else None),
        )


def _invoice(conn: sqlite3.Connection, number: str, person: DemoPerson, *, what_ar: str,
             what_en: str, amount: int, issued: datetime, due_in_days: int,
             transaction: str | None = None, licence: str | None = None,
             paid_at: datetime | None = None) -> None:
    conn.execute(
        "INSERT INTO invoices (number, national_id, description_ar, description_en, "
        "amount_halalas, issued_at, due_on, status, transaction_number, licence_number, "
        "paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (number, person.national_id, what_ar, what_en, amount, iso(issued),
         (issued + timedelta(days=due_in_days)).date().isoformat(),
         "paid" if paid_at else "unpaid", transaction, licence,
         iso(paid_at) if paid_at else None),
    )


def _invoices(conn: sqlite3.Connection, now: datetime) -> None:
    _invoice(conn, "INV-1446-000201", DEBTOR, what_ar="غرامة مخالفة الاشتراطات الصحية",
             what_en="Fine: health requirements violation", amount=50_000,
             issued=now - timedelta(days=60),
             due_in_days=30,
             licence="L-1446-000202")
    _invoice(conn, "INV-1447-000202", DEBTOR, what_ar="رسوم تجديد رخصة مهنية",
             what_en="Professional licence renewal fee", amount=30_000,
             issued=now - timedelta(days=40),
             due_in_days=30,
             licence="L-1446-000204")
    _invoice(conn, "INV-1447-000501", OWNER, what_ar="رسوم تجديد رخصة صحية",
             what_en="Health licence renewal fee", amount=20_000,
             issued=now - timedelta(days=2),
             due_in_days=30,
             licence="L-1446-000502")
    _invoice(conn, "INV-1446-000101", CLEAN, what_ar="رسوم إصدار رخصة مهنية",
             what_en="Professional licence issue fee", amount=30_000,
             issued=now - timedelta(days=165),
             due_in_days=30,
             licence="L-1446-000101", paid_at=now - timedelta(days=164))
    # Its payment receipt, paid at a kiosk: what the verification page shows for "paid".
    conn.execute(
        "INSERT INTO payments (receipt_number, invoice_number, amount_halalas, approval_code, "
        "masked_pan, scheme, terminal_reference, paid_at, recorded_at, kiosk_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (SEEDED_RECEIPT, "INV-1446-000101", 30_000, "482913", "************4417", "mada",
         "633012004417", iso(now - timedelta(days=164)), iso(now - timedelta(days=164)),
         DEV_KIOSK_ID),
    )


def _transactions(conn: sqlite3.Connection, now: datetime) -> None:
    def answers(lease: str, district: str, activity: str, shop: str, *, cr: str,
                mobile: str) -> dict[str, object]:
        return {"shop_name": shop, "cr_number": cr, "lease_number": lease,
                "district": district, "activity": activity, "area_m2": 60,
                "contact_mobile": mobile}

    plan: list[tuple[str, DemoPerson, LicenceKind, dict[str, object], float, bool | None]] = [
        # number, who, kind, answers, submitted hours ago, invoice paid (None: no invoice)
        ("1447-000101", OWNER, LicenceKind.PROFESSIONAL,
         answers("10000000053", "omran-north", "laundry", "مغسلة الجبر", cr="2250000053",
                 mobile=OWNER.mobile), 0.5, False),
        ("1447-000102", OWNER, LicenceKind.COMMERCIAL,
         answers("10000000051", "hofuf-kut", "pharmacy", "صيدلية الجبر", cr="2250000051",
                 mobile=OWNER.mobile), 3, False),
        ("1447-000103", OWNER, LicenceKind.HEALTH,
         {**answers("10000000052", "mubarraz-shuabah", "bakery", "مخبز المبرز", cr="2250000052",
                    mobile=OWNER.mobile), "health_specialist_id": SPECIALIST_OK}, 8, False),
        ("1447-000104", OWNER, LicenceKind.PROFESSIONAL,
         answers("10000000054", "oyoun-centre", "electronics", "إلكترونيات العيون",
                 cr="2250000054", mobile=OWNER.mobile), 20, False),
        ("1447-000105", OWNER, LicenceKind.COMMERCIAL,
         answers("10000000056", "hofuf-naathel", "grocery", "بقالة النعاثل", cr="2250000056",
                 mobile=OWNER.mobile), 72, True),
        ("1447-000106", CLEAN, LicenceKind.COMMERCIAL,
         answers("10000000011", "hofuf-kut", "dates_shop", "تمور العمير", cr="2250000011",
                 mobile=CLEAN.mobile), 2, False),
        ("1447-000107", EXPIRED, LicenceKind.PROFESSIONAL,
         answers("10000000031", "omran-north", "tailor", "خياط البوعلي", cr="2250000031",
                 mobile=EXPIRED.mobile), 30, None),
    ]
    for index, (number, person, kind, given, hours_ago, paid) in enumerate(plan, start=1):
        submitted = now - timedelta(hours=hours_ago)
        workflow.create_transaction(
            conn, national_id=person.national_id, kind=kind, district=str(given["district"]),
            mobile=person.mobile, answers=given, kiosk_id=DEV_KIOSK_ID, now=submitted,
            number=number,
        )
        if paid is not None:
            _invoice(conn, f"INV-1447-{700 + index:06d}", person,
                     what_ar=f"رسوم إصدار {NAMES[kind][0]}",
                     what_en=f"{NAMES[kind][1]} issue fee",
                     amount=FEES[kind], issued=submitted, due_in_days=30, transaction=number,
                     paid_at=submitted + timedelta(hours=20) if paid else None)
    workflow.tick(conn, now - timedelta(hours=27))
    workflow.reject(conn, "1447-000107",
                    "السجل التجاري منتهي ولم يُجدَّد خلال المهلة.",
                    "The commercial registration expired and was not renewed in time.",
                    now - timedelta(hours=27))
