"""Hand-written Arabic for journey 4 (pay fees and bills): context "Pay".
The lead merges these into assets/i18n/kiosk_ar.ts."""

AR = {
    # -- the invoices ---------------------------------------------------------------------
    "Pay fees and bills": "سداد الرسوم والفواتير",
    "Choose the invoice to pay, or enter its number. You pay by card on the terminal: mada, "
    "Visa or Mastercard.":
        "اختر الفاتورة التي تريد سدادها أو أدخل رقمها. يتم الدفع بالبطاقة عبر جهاز الدفع: "
        "مدى أو فيزا أو ماستركارد.",
    "Invoice number (10 digits, like 1447000202)": "رقم الفاتورة (10 أرقام، مثل 1447000202)",
    "You have no unpaid invoices.": "لا توجد عليك فواتير غير مسددة.",
    "Find invoice": "ابحث عن الفاتورة",
    "Searching…": "جارٍ البحث…",
    "Enter the invoice number.": "أدخل رقم الفاتورة.",
    "An invoice number has 10 digits, like 1447000202.":
        "رقم الفاتورة مكوّن من 10 أرقام، مثل 1447000202.",
    "%1 — %2\nInvoice %3\nDue %4": "%1 — %2\nفاتورة رقم %3\nتستحق في %4",
    # -- the amount -----------------------------------------------------------------------
    "Check the amount": "تحقق من المبلغ",
    "Press Pay by card, then tap or insert your card on the card terminal below the screen. "
    "The kiosk never sees your card number or PIN.":
        "اضغط «ادفع بالبطاقة» ثم قرّب بطاقتك من جهاز الدفع أسفل الشاشة أو أدخلها فيه. لا يرى "
        "الجهاز رقم بطاقتك ولا رقمها السري.",
    "Pay by card": "ادفع بالبطاقة",
    "Choose another invoice": "اختر فاتورة أخرى",
    "Invoice %1 · due %2": "فاتورة رقم %1 · تستحق في %2",
    # -- the card on the terminal ---------------------------------------------------------
    "Tap or insert your card on the terminal": "قرّب بطاقتك من جهاز الدفع أو أدخلها فيه",
    "Waiting for your card: tap it on the terminal or insert it.":
        "بانتظار بطاقتك: قرّبها من جهاز الدفع أو أدخلها فيه.",
    "Card read. Follow the instructions on the terminal.":
        "تمت قراءة البطاقة. اتبع التعليمات على جهاز الدفع.",
    "Enter your PIN on the terminal. Cover the keypad with your other hand.":
        "أدخل رقمك السري على جهاز الدفع، وغطِّ لوحة الأرقام بيدك الأخرى.",
    "Checking with your bank. Please wait and keep your card nearby.":
        "جارٍ التحقق مع البنك. يُرجى الانتظار وإبقاء بطاقتك قريبة.",
    "Follow the instructions on the terminal. If no card is presented, the terminal stops by "
    "itself after a while and nothing is charged.":
        "اتبع التعليمات على جهاز الدفع. إن لم تُقدَّم بطاقة، يتوقف الجهاز من تلقاء نفسه بعد "
        "مدة ولا يُخصم أي مبلغ.",
    "Cancel payment": "إلغاء الدفع",
    "Cancelling on the terminal…": "جارٍ الإلغاء على جهاز الدفع…",
    # -- when it does not go through ------------------------------------------------------
    "Your card was declined": "رُفضت بطاقتك",
    "You have not been charged. You can try again with the same card or another one, or stop "
    "and pay later.":
        "لم يُخصم منك أي مبلغ. يمكنك المحاولة مرة أخرى بالبطاقة نفسها أو ببطاقة أخرى، أو "
        "التوقف والسداد لاحقًا.",
    "Try again": "حاول مرة أخرى",
    "Stop": "توقف",
    "We are confirming your payment": "نتحقق من نتيجة عملية الدفع",
    "Do not pay this invoice again. The kiosk is asking the terminal for the result.":
        "لا تُعد سداد هذه الفاتورة. يستعلم الجهاز من جهاز الدفع عن نتيجة العملية.",
    "Check again": "تحقق مرة أخرى",
    "Checking…": "جارٍ التحقق…",
    "The payment did not go through": "لم تكتمل عملية الدفع",
    "You can try again, or stop and pay later.":
        "يمكنك المحاولة مرة أخرى، أو التوقف والسداد لاحقًا.",
    "Please ask the staff for help": "يُرجى طلب المساعدة من الموظف",
    "Approval code: %1 · Terminal reference: %2": "رمز الموافقة: %1 · مرجع جهاز الدفع: %2",
    # -- the confirmation -----------------------------------------------------------------
    "Payment complete": "تم السداد",
    "Payment approved and saved": "تمت الموافقة على الدفع وحُفظ",
    "Printing your receipt…": "جارٍ طباعة الإيصال…",
    "Take your receipt from the printer.": "خذ إيصالك من الطابعة.",
    "The printer is out of paper, so no receipt was printed. Scan this code to keep your "
    "receipt; the SMS has your receipt details.":
        "نفد الورق من الطابعة فلم يُطبع الإيصال. امسح هذا الرمز للاحتفاظ بإيصالك، وستجد "
        "تفاصيل الإيصال في الرسالة النصية.",
    "The receipt could not be printed. Scan this code to keep your receipt; the SMS has your "
    "receipt details.":
        "تعذّرت طباعة الإيصال. امسح هذا الرمز للاحتفاظ بإيصالك، وستجد تفاصيل الإيصال في "
        "الرسالة النصية.",
    "The municipality has not confirmed it yet. Your payment is saved on this kiosk and will "
    "be sent automatically; an SMS will confirm it with the final receipt number.":
        "لم تؤكد الأمانة السداد بعد. حُفظت عملية الدفع في هذا الجهاز وستُرسل تلقائيًا، "
        "وستصلك رسالة نصية تؤكدها برقم الإيصال النهائي.",
    "The municipality has recorded your payment. An SMS with the receipt details has been "
    "sent to your mobile.":
        "سجّلت الأمانة عملية السداد، وأُرسلت رسالة نصية بتفاصيل الإيصال إلى جوالك.",
    "Receipt number: %1": "رقم الإيصال: %1",
    "Provisional reference: %1": "المرجع المؤقت: %1",
    "Amount paid: %1": "المبلغ المدفوع: %1",
    "Invoice: %1": "الفاتورة: %1",
    "Approval code: %1": "رمز الموافقة: %1",
    "Card: %1": "البطاقة: %1",
    "Date: %1": "التاريخ: %1",
    "Pay another invoice": "سداد فاتورة أخرى",
    "Finish": "إنهاء",
}
