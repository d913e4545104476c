"""Hand-written Arabic for journey 2 (issue a licence): context "Issue". The lead merges
these into assets/i18n/kiosk_ar.ts. Questions, help texts, choices and problems come
from the municipality's catalogue and API in both languages and are not listed here."""

AR = {
    # -- the licence types ----------------------------------------------------------------
    "Which licence do you want to apply for?": "ما الرخصة التي تريد التقدم بطلبها؟",
    "Choose one. Have your reference numbers ready (commercial registration, lease or "
    "title deed); no paper is needed.":
        "اختر رخصة واحدة. جهّز أرقامك المرجعية (السجل التجاري أو عقد الإيجار أو صك "
        "الملكية)؛ لا حاجة لأي ورق.",
    "Loading the licence types…": "جارٍ تحميل أنواع الرخص…",
    "Try again": "حاول مرة أخرى",
    "Fee: %1": "الرسوم: %1",
    "Apply for this licence": "التقديم على هذه الرخصة",
    # -- the form -------------------------------------------------------------------------
    "(optional)": "(اختياري)",
    "There is a problem": "يوجد خطأ",
    "Continue": "متابعة",
    "Save and check again": "حفظ وإعادة التحقق",
    "Confirm with a new code": "التأكيد برمز جديد",
    "Your answers are kept and nothing has been submitted.":
        "إجاباتك محفوظة ولم يُقدَّم أي طلب.",
    # -- every problem at once ------------------------------------------------------------
    "Fix these before you apply": "صحّح ما يلي قبل التقديم",
    "There is 1 problem with your application": "توجد ملاحظة واحدة على طلبك",
    "There are %1 problems with your application": "توجد %1 ملاحظات على طلبك",
    "Nothing has been submitted yet. Your answers are kept: change what is needed and "
    "the kiosk checks again.":
        "لم يُقدَّم أي طلب بعد. إجاباتك محفوظة: عدّل ما يلزم وسيتحقق الجهاز مرة أخرى.",
    "Change: %1": "تعديل: %1",
    "Pay the overdue bills": "سداد الفواتير المتأخرة",
    # -- check your answers ---------------------------------------------------------------
    "Check your answers": "راجع إجاباتك",
    "The municipality found no problem. Check each answer before you continue.":
        "لم تجد الأمانة أي ملاحظة. راجع كل إجابة قبل المتابعة.",
    "Change": "تعديل",
    # -- fee and submission ---------------------------------------------------------------
    "Licence fee": "رسوم الرخصة",
    "Nothing is charged now. After you submit, you can pay the fee at this kiosk by "
    "card, or later within 30 days.":
        "لن يُخصم أي مبلغ الآن. بعد التقديم يمكنك سداد الرسوم بالبطاقة من هذا الجهاز، أو "
        "لاحقًا خلال 30 يومًا.",
    "Submit application": "تقديم الطلب",
    "Sending your application to the municipality…": "جارٍ إرسال طلبك إلى الأمانة…",
    # -- confirmation ---------------------------------------------------------------------
    "Your application has been submitted": "تم تقديم طلبك",
    "Transaction number": "رقم المعاملة",
    "We sent an SMS with this number to your mobile.":
        "أرسلنا إلى جوالك رسالة نصية بهذا الرقم.",
    "Fee due: %1 (bill %2).": "الرسوم المستحقة: %1 (فاتورة رقم %2).",
    "What happens next: the municipality's departments review your application, usually "
    "within one working day. The licence is issued once the fee is paid. Follow it at "
    "any kiosk with the transaction number.":
        "الخطوات التالية: تراجع إدارات الأمانة طلبك، وغالبًا خلال يوم عمل واحد. تصدر "
        "الرخصة بعد سداد الرسوم. تابع طلبك من أي جهاز خدمة ذاتية برقم المعاملة.",
    "Pay the fee now": "سداد الرسوم الآن",
    "Pay later and finish": "السداد لاحقًا وإنهاء",
    # -- provisional (offline) ------------------------------------------------------------
    "Your application is saved": "تم حفظ طلبك",
    "Provisional reference": "المرجع المؤقت",
    "The kiosk cannot reach the municipality right now. Your application is saved and "
    "will be sent automatically; you will get an SMS with the transaction number.":
        "تعذّر على الجهاز الاتصال بالأمانة حاليًا. طلبك محفوظ وسيُرسل تلقائيًا، وستصلك "
        "رسالة نصية برقم المعاملة.",
    "You do not need to apply again. Keep the provisional receipt until the SMS "
    "arrives; you can pay the fee later.":
        "لا حاجة لإعادة التقديم. احتفظ بالإيصال المؤقت حتى تصلك الرسالة النصية، ويمكنك "
        "سداد الرسوم لاحقًا.",
    "Finish": "إنهاء",
    # -- refused at delivery --------------------------------------------------------------
    "The municipality could not accept your application": "تعذّر على الأمانة قبول طلبك",
    "Nothing was charged. The municipality gave this reason:":
        "لم يُخصم أي مبلغ. وذكرت الأمانة السبب التالي:",
    "Nothing was charged. The municipality did not accept the application as it stands.":
        "لم يُخصم أي مبلغ. لم تقبل الأمانة الطلب بوضعه الحالي.",
    "Please check your details and apply again, or ask at an e-government service "
    "office.":
        "يُرجى مراجعة بياناتك والتقديم مرة أخرى، أو الاستفسار في أحد مكاتب خدمات الحكومة "
        "الإلكترونية.",
    "Back to the services": "العودة إلى الخدمات",
    # -- the receipt ----------------------------------------------------------------------
    "Printing your receipt…": "جارٍ طباعة الإيصال…",
    "Please take your receipt from the printer.": "يُرجى أخذ الإيصال من الطابعة.",
    "The receipt printer is not available. Scan this code to keep your receipt; the SMS "
    "has the details.":
        "طابعة الإيصالات غير متاحة. امسح هذا الرمز للاحتفاظ بإيصالك، وتجد التفاصيل في "
        "الرسالة النصية.",
    "Try printing again": "إعادة محاولة الطباعة",
}
