"""What the sandbox municipality licenses: districts, activities, licence types and forms.

Static reference data. The catalogue endpoint publishes the licence types built here; the
rules check answers against the districts' zoning and the activities each type covers.
The home building permit is built like the others and only hidden behind a flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.api.schema import (
    Branch,
    Catalogue,
    Choice,
    FieldKind,
    FieldSpec,
    LicenceKind,
    LicenceType,
)

CATALOGUE_VERSION = "2026.11-1"
HOME_BUILDING_FLAG = "home_building_permit"


@dataclass(frozen=True, slots=True)
class District:
    code: str
    branch: Branch
    name_ar: str
    name_en: str
    zone: str  # commercial | mixed | residential | industrial


@dataclass(frozen=True, slots=True)
class Activity:
    code: str
    name_ar: str
    name_en: str
    zones: frozenset[str]


DISTRICTS: tuple[District, ...] = (
    District("hofuf-kut", Branch.HOFUF, "الكوت (الهفوف)", "Al-Kut (Al-Hofuf)", "commercial"),
    District("hofuf-naathel", Branch.HOFUF, "النعاثل (الهفوف)", "Al-Naathel (Al-Hofuf)", "mixed"),
    District("hofuf-muhammadiyah", Branch.HOFUF, "المحمدية (الهفوف)",
             "Al-Muhammadiyah (Al-Hofuf)", "residential"),
    District("hofuf-industrial", Branch.HOFUF, "الصناعية (الهفوف)",
             "Industrial area (Al-Hofuf)", "industrial"),
    District("mubarraz-shuabah", Branch.MUBARRAZ, "الشعبة (المبرز)",
             "Al-Shuabah (Al-Mubarraz)", "commercial"),
    District("mubarraz-mazrouh", Branch.MUBARRAZ, "المزروع (المبرز)",
             "Al-Mazrouh (Al-Mubarraz)", "residential"),
    District("omran-north", Branch.OMRAN, "العمران الشمالية", "North Al-Omran", "mixed"),
    District("omran-rumailah", Branch.OMRAN, "الرميلة (العمران)",
             "Al-Rumailah (Al-Omran)", "residential"),
    District("oyoun-centre", Branch.OYOUN, "وسط العيون", "Al-Oyoun centre", "mixed"),
    District("oyoun-marah", Branch.OYOUN, "المراح (العيون)", "Al-Marah (Al-Oyoun)", "residential"),
)

_SHOPS = frozenset({"commercial", "mixed"})
_NEAR_HOMES = frozenset({"commercial", "mixed", "residential"})

ACTIVITIES: tuple[Activity, ...] = (
    Activity("grocery", "بقالة", "Grocery", _NEAR_HOMES),
    Activity("restaurant", "مطعم", "Restaurant", _SHOPS),
    Activity("cafe", "مقهى", "Coffee shop", _SHOPS),
    Activity("bakery", "مخبز", "Bakery", _SHOPS),
    Activity("barber", "حلاق رجالي", "Men's barber", _NEAR_HOMES),
    Activity("tailor", "خياط", "Tailor", _NEAR_HOMES),
    Activity("laundry", "مغسلة ملابس", "Laundry", _NEAR_HOMES),
    Activity("car_workshop", "ورشة صيانة سيارات", "Car repair workshop", frozenset({"industrial"})),
    Activity("carpentry", "منجرة", "Carpentry", frozenset({"industrial"})),
    Activity("electronics", "محل إلكترونيات", "Electronics shop", _SHOPS),
    Activity("pharmacy", "صيدلية", "Pharmacy", _NEAR_HOMES),
    Activity("dates_shop", "محل بيع تمور", "Dates shop", _NEAR_HOMES),
)

TYPE_ACTIVITIES: dict[LicenceKind, tuple[str, ...]] = {
    LicenceKind.PROFESSIONAL: ("tailor", "barber", "laundry", "car_workshop", "carpentry",
                               "electronics"),
    LicenceKind.HEALTH: ("restaurant", "cafe", "bakery", "barber", "grocery"),
    LicenceKind.COMMERCIAL: ("grocery", "dates_shop", "electronics", "pharmacy"),
}

# The e-government service offices (engineering consultancies) in good standing; the
# two suspended ones are not offered.
ENGINEERING_OFFICES: tuple[Choice, ...] = (
    Choice(value="office-01", label_ar="مكتب الواحة للاستشارات الهندسية",
           label_en="Al-Waha Engineering Consultants"),
    Choice(value="office-02", label_ar="مكتب النخيل للاستشارات الهندسية",
           label_en="Al-Nakheel Engineering Consultants"),
    Choice(value="office-03", label_ar="مكتب هجر للاستشارات الهندسية",
           label_en="Hajar Engineering Consultants"),
)

DISTRICT_BY_CODE = {d.code: d for d in DISTRICTS}
ACTIVITY_BY_CODE = {a.code: a for a in ACTIVITIES}

FEES: dict[LicenceKind, int] = {
    LicenceKind.PROFESSIONAL: 30_000,
    LicenceKind.HEALTH: 20_000,
    LicenceKind.COMMERCIAL: 50_000,
    LicenceKind.HOME_BUILDING: 150_000,
}

NAMES: dict[LicenceKind, tuple[str, str]] = {
    LicenceKind.PROFESSIONAL: ("رخصة مهنية", "Professional licence"),
    LicenceKind.HEALTH: ("رخصة صحية", "Health licence"),
    LicenceKind.COMMERCIAL: ("رخصة تجارية", "Commercial licence"),
    LicenceKind.HOME_BUILDING: ("رخصة بناء منزل", "Home building permit"),
}

_DESCRIPTIONS: dict[LicenceKind, tuple[str, str]] = {
    LicenceKind.PROFESSIONAL: (
        "لمزاولة نشاط مهني في محل مثل الخياطة والحلاقة وورش الصيانة.",
        "To run a trade from a shop, such as tailoring, barbering or repair workshops.",
    ),
    LicenceKind.HEALTH: (
        "لمحلات الصحة العامة كالمطاعم والمخابز، ويلزم وجود أخصائي صحي مشرف.",
        "For public-health shops such as restaurants and bakeries; a health specialist "
        "must oversee the shop.",
    ),
    LicenceKind.COMMERCIAL: (
        "لمحلات البيع بالتجزئة بسجل تجاري ساري المفعول.",
        "For retail shops with a valid commercial registration.",
    ),
    LicenceKind.HOME_BUILDING: (
        "لبناء منزل سكني على أرض مملوكة، عبر مكتب هندسي معتمد.",
        "To build a family home on land you own, through an accredited engineering office.",
    ),
}


def _choices_for(codes: tuple[str, ...]) -> list[Choice]:
    return [
        Choice(value=c, label_ar=ACTIVITY_BY_CODE[c].name_ar, label_en=ACTIVITY_BY_CODE[c].name_en)
        for c in codes
    ]


def _district_field() -> FieldSpec:
    return FieldSpec(
        name="district", kind=FieldKind.CHOICE, label_ar="الحي", label_en="District",
        choices=[Choice(value=d.code, label_ar=d.name_ar, label_en=d.name_en) for d in DISTRICTS],
        help_ar="الحي الذي يقع فيه المحل أو الأرض.",
        help_en="The district where the shop or the land is.",
    )


def _mobile_field() -> FieldSpec:
    return FieldSpec(
        name="contact_mobile", kind=FieldKind.MOBILE, label_ar="جوال التواصل",
        label_en="Contact mobile", pattern=r"05[0-9]{8}",
        help_ar="تصلك رسائل نصية عن حالة الطلب على هذا الرقم.",
        help_en="Text messages about the application are sent to this number.",
    )


def _shop_fields(kind: LicenceKind) -> list[FieldSpec]:
    return [
        FieldSpec(
            name="shop_name", kind=FieldKind.TEXT, label_ar="الاسم التجاري للمحل",
            label_en="Shop name", min=2, max=60,
            help_ar="كما سيظهر على اللوحة.", help_en="As it will appear on the sign.",
        ),
        FieldSpec(
            name="cr_number", kind=FieldKind.CR_NUMBER, label_ar="رقم السجل التجاري",
            label_en="Commercial registration number", pattern=r"[0-9]{10}",
            help_ar="عشرة أرقام، ويجب أن يكون السجل ساري المفعول.",
            help_en="Ten digits; the registration must be valid.",
        ),
        FieldSpec(
            name="lease_number", kind=FieldKind.TEXT, label_ar="رقم عقد الإيجار",
            label_en="Lease contract number", pattern=r"[0-9]{11}",
            help_ar="رقم العقد الموثّق في منصة إيجار (11 رقمًا).",
            help_en="The 11-digit number of the lease registered on the Ejar platform.",
        ),
        _district_field(),
        FieldSpec(
            name="activity", kind=FieldKind.CHOICE, label_ar="النشاط", label_en="Activity",
            choices=_choices_for(TYPE_ACTIVITIES[kind]),
            help_ar="بعض الأنشطة غير مسموح بها في الأحياء السكنية.",
            help_en="Some activities are not allowed in residential districts.",
        ),
        FieldSpec(
            name="area_m2", kind=FieldKind.NUMBER, label_ar="مساحة المحل (م²)",
            label_en="Shop area (m²)", min=4, max=10_000,
            help_ar="المساحة بالمتر المربع كما في عقد الإيجار.",
            help_en="The area in square metres, as in the lease.",
        ),
    ]


def _fields(kind: LicenceKind) -> list[FieldSpec]:
    if kind is LicenceKind.HOME_BUILDING:
        return [
            FieldSpec(
                name="deed_number", kind=FieldKind.TEXT, label_ar="رقم صك الملكية",
                label_en="Title deed number", pattern=r"[0-9]{12}",
                help_ar="رقم الصك الإلكتروني (12 رقمًا).",
                help_en="The 12-digit electronic title deed number.",
            ),
            _district_field(),
            FieldSpec(
                name="floors", kind=FieldKind.NUMBER, label_ar="عدد الأدوار",
                label_en="Number of floors", min=1, max=3,
            ),
            FieldSpec(
                name="built_area_m2", kind=FieldKind.NUMBER, label_ar="مسطح البناء (م²)",
                label_en="Built-up area (m²)", min=50, max=2_000,
            ),
            FieldSpec(
                name="engineering_office", kind=FieldKind.CHOICE,
                label_ar="المكتب الهندسي", label_en="Engineering office",
                choices=list(ENGINEERING_OFFICES),
                help_ar="المكتب الذي أعد المخططات ويشرف على التنفيذ.",
                help_en="The office that drew the plans and supervises the work.",
            ),
            _mobile_field(),
        ]
    fields = _shop_fields(kind)
    if kind is LicenceKind.HEALTH:
        fields.append(FieldSpec(
            name="health_specialist_id", kind=FieldKind.NATIONAL_ID,
            label_ar="هوية الأخصائي الصحي", label_en="Health specialist's ID number",
            pattern=r"[12][0-9]{9}",
            help_ar="هوية الأخصائي الصحي المسجل الذي يشرف على المحل.",
            help_en="ID number of the registered health specialist who oversees the shop.",
        ))
    if kind is LicenceKind.COMMERCIAL:
        fields.append(FieldSpec(
            name="opening_date", kind=FieldKind.DATE, label_ar="تاريخ الافتتاح المتوقع",
            label_en="Expected opening date", required=False,
            help_ar="بالتاريخ الميلادي (سنة-شهر-يوم).", help_en="Gregorian date (YYYY-MM-DD).",
        ))
    fields.append(_mobile_field())
    return fields


def licence_type(kind: LicenceKind) -> LicenceType:
    name_ar, name_en = NAMES[kind]
    desc_ar, desc_en = _DESCRIPTIONS[kind]
    return LicenceType(
        kind=kind, name_ar=name_ar, name_en=name_en, description_ar=desc_ar,
        description_en=desc_en, fee_halalas=FEES[kind],
        validity_days=3650 if kind is LicenceKind.HOME_BUILDING else 365,
        fields=_fields(kind),
    )


def catalogue(published_at: datetime, *, home_building: bool) -> Catalogue:
    kinds = [k for k in LicenceKind if home_building or k is not LicenceKind.HOME_BUILDING]
    version = CATALOGUE_VERSION + ("+hb" if home_building else "")
    return Catalogue(
        version=version, published_at=published_at,
        licence_types=[licence_type(k) for k in kinds],
    )
