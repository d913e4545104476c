"""Hand-written Arabic for journey 3 (track, my licences, my transactions): contexts
"Track" and "Licences". The lead merges these into assets/i18n/kiosk_ar.ts."""

AR = {
    # -- Track: the number ----------------------------------------------------------------
    "Track a transaction": "متابعة معاملة",
    "Enter the transaction number from your SMS or receipt. You do not need to identify "
    "yourself to see where it is.":
        "أدخل رقم المعاملة الوارد في الرسالة النصية أو الإيصال. لا تحتاج إلى التحقق من "
        "هويتك لمعرفة مكانها.",
    "Transaction number (like 1447-000101)": "رقم المعاملة (مثل 1447-000101)",
    "My transactions and licences": "معاملاتي ورخصي",
    "Show status": "عرض الحالة",
    "Searching…": "جارٍ البحث…",
    "There is a problem": "يوجد خطأ",
    "Enter the transaction number.": "أدخل رقم المعاملة.",
    "Use digits only.": "استخدم الأرقام فقط.",
    "A transaction number has 10 digits, like 1447-000101.":
        "رقم المعاملة مكوّن من 10 أرقام، مثل 1447-000101.",
    "No transaction has the number %1. Check the number in your SMS or receipt.":
        "لا توجد معاملة بالرقم %1. تحقّق من الرقم في الرسالة النصية أو الإيصال.",
    # -- Track: the timeline --------------------------------------------------------------
    "Transaction %1": "المعاملة %1",
    "%1, %2. Submitted on %3.": "%1، %2. قُدّمت في %3.",
    "Licence number: %1": "رقم الرخصة: %1",
    "The departments it passes through": "الإدارات التي تمر بها المعاملة",
    "Started: %1": "بدأت: %1",
    "Finished: %1": "انتهت: %1",
    "Not reached yet": "لم تصل إليها بعد",
    "Track another number": "متابعة رقم آخر",
    "The fee is due. You can pay it at this kiosk with \"Pay fees and bills\" on the home "
    "screen.":
        "الرسوم مستحقة. يمكنك سدادها من هذا الجهاز عبر «سداد الرسوم والفواتير» في الشاشة "
        "الرئيسية.",
    "It is approved. The licence is being issued; you will receive an SMS.":
        "اعتُمدت المعاملة، والرخصة قيد الإصدار، وستصلك رسالة نصية.",
    "The licence is issued. You can print a summary with a code that verifies it.":
        "صدرت الرخصة. يمكنك طباعة ملخص يحمل رمزًا للتحقق منها.",
    "It was not accepted. The reason is under the department that refused it; you can "
    "apply again once it is corrected.":
        "لم تُقبل المعاملة. السبب مذكور تحت الإدارة التي رفضتها، ويمكنك التقديم مرة أخرى "
        "بعد تصحيحه.",
    "The municipality is working on it. You will receive an SMS when it moves to the next "
    "department.":
        "المعاملة قيد العمل لدى الأمانة. ستصلك رسالة نصية عند انتقالها إلى الإدارة التالية.",
    "See all my transactions": "عرض جميع معاملاتي",
    # -- Track: trouble -------------------------------------------------------------------
    "Try again": "حاول مرة أخرى",
    "Verify again": "التحقق مرة أخرى",
    "Back to the services": "العودة إلى الخدمات",
    "The municipality cannot be reached": "تعذّر الاتصال بالأمانة",
    "An inquiry needs the connection to the municipality, and this kiosk cannot reach it at "
    "the moment. Nothing was changed.":
        "يحتاج الاستعلام إلى الاتصال بالأمانة، وهذا الجهاز لا يستطيع الوصول إليها الآن. "
        "لم يتغير أي شيء.",
    "Please try again in a few minutes, or use another kiosk. The SMS messages the "
    "municipality sends you also tell you where your transaction is.":
        "يُرجى المحاولة بعد دقائق، أو استخدام جهاز آخر. كما تخبرك الرسائل النصية التي "
        "ترسلها الأمانة بمكان معاملتك.",
    "Please verify your identity again": "يُرجى التحقق من هويتك مرة أخرى",
    "For your security, your verification has expired. Nothing was changed.":
        "حفاظًا على أمانك، انتهت صلاحية التحقق. لم يتغير أي شيء.",
    "We will send a new code by SMS to your registered mobile.":
        "سنرسل رمزًا جديدًا برسالة نصية إلى جوالك المسجّل.",
    "The service could not answer": "تعذّر على الخدمة الرد",
    "The municipality's service had a problem with this inquiry. Nothing was changed: an "
    "inquiry only reads information.":
        "واجهت خدمة الأمانة مشكلة في هذا الاستعلام. لم يتغير أي شيء: الاستعلام يقرأ "
        "المعلومات فقط.",
    "Please try again shortly. If it happens again, use another kiosk.":
        "يُرجى المحاولة بعد قليل. وإذا تكرر ذلك فاستخدم جهازًا آخر.",
    # -- printing -------------------------------------------------------------------------
    "Print a summary": "طباعة ملخص",
    "Printing…": "جارٍ الطباعة…",
    "Your summary is printed. Please take it from the printer.":
        "طُبع الملخص. يُرجى أخذه من الطابعة.",
    "The printer has run out of paper.": "نفد الورق من الطابعة.",
    "The printer cover is open.": "غطاء الطابعة مفتوح.",
    "The printer is not available right now.": "الطابعة غير متاحة الآن.",
    "Scan this code with your phone to see the verified details of licence %1 instead.":
        "امسح هذا الرمز بجوالك لعرض البيانات الموثّقة للرخصة %1 بدلًا من الورقة.",
    # -- Licences -------------------------------------------------------------------------
    "My licences": "رخصي",
    "My transactions": "معاملاتي",
    "My licences (%1)": "رخصي (%1)",
    "My transactions (%1)": "معاملاتي (%1)",
    "Licences": "الرخص",
    "Transactions": "المعاملات",
    "Loading your licences…": "جارٍ تحميل رخصك…",
    "Loading your transactions…": "جارٍ تحميل معاملاتك…",
    "You have no licences registered with the municipality.":
        "لا توجد رخص مسجلة باسمك لدى الأمانة.",
    "You have no transactions with the municipality.": "لا توجد لديك معاملات لدى الأمانة.",
    "%1, number %2": "%1، رقم %2",
    "%1 in %2": "%1 في %2",
    "Valid until %1": "سارية حتى %1",
    "Expired on %1": "انتهت في %1",
    "Cancelled by %1.": "أُلغيت بقرار من %1.",
    "Cancelled.": "ملغاة.",
    "Suspended by %1.": "أُوقفت بقرار من %1.",
    "Suspended.": "موقوفة.",
    "Reason: %1": "السبب: %1",
    "Show its progress": "عرض مراحلها",
    "Back to my transactions": "العودة إلى معاملاتي",
}
