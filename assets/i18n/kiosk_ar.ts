<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ComingScreen</name>
    <message>
        <source>Issue a licence</source>
        <translation>إصدار رخصة</translation>
    </message>
    <message>
        <source>Inquire about and track a transaction</source>
        <translation>الاستعلام عن معاملة ومتابعتها</translation>
    </message>
    <message>
        <source>Pay fees and bills</source>
        <translation>سداد الرسوم والفواتير</translation>
    </message>
    <message>
        <source>My licences</source>
        <translation>رخصي</translation>
    </message>
    <message>
        <source>This service is coming to the self-service kiosk soon. It cannot be completed here yet.</source>
        <translation>ستتوفر هذه الخدمة قريبًا في جهاز الخدمة الذاتية، ولا يمكن إتمامها هنا حاليًا.</translation>
    </message>
    <message>
        <source>Meanwhile you can use the municipality&apos;s electronic services, or visit an e-government service office.</source>
        <translation>يمكنك في الوقت الحالي استخدام الخدمات الإلكترونية للأمانة، أو زيارة أحد مكاتب خدمات الحكومة الإلكترونية.</translation>
    </message>
    <message>
        <source>Back to the services</source>
        <translation>العودة إلى الخدمات</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Welcome to Al-Ahsa Municipality self-service</source>
        <translation>مرحبًا بكم في الخدمة الذاتية لأمانة الأحساء</translation>
    </message>
    <message>
        <source>Choose a service</source>
        <translation>اختر الخدمة</translation>
    </message>
    <message>
        <source>Issue a licence</source>
        <translation>إصدار رخصة</translation>
    </message>
    <message>
        <source>Inquire about and track a transaction</source>
        <translation>الاستعلام عن معاملة ومتابعتها</translation>
    </message>
    <message>
        <source>Pay fees and bills</source>
        <translation>سداد الرسوم والفواتير</translation>
    </message>
    <message>
        <source>My licences</source>
        <translation>رخصي</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <source>Enter your national ID or iqama number.</source>
        <translation>أدخل رقم الهوية الوطنية أو رقم الإقامة.</translation>
    </message>
    <message>
        <source>Use digits only.</source>
        <translation>استخدم الأرقام فقط.</translation>
    </message>
    <message>
        <source>The number must be exactly 10 digits.</source>
        <translation>يجب أن يتكون الرقم من 10 أرقام بالضبط.</translation>
    </message>
    <message>
        <source>A national ID starts with 1 and an iqama number with 2.</source>
        <translation>رقم الهوية الوطنية يبدأ بالرقم 1، ورقم الإقامة يبدأ بالرقم 2.</translation>
    </message>
    <message>
        <source>This number is not valid. Check each digit against your card.</source>
        <translation>هذا الرقم غير صحيح. تحقّق من كل رقم مقارنةً ببطاقتك.</translation>
    </message>
    <message>
        <source>Enter your mobile number.</source>
        <translation>أدخل رقم جوالك.</translation>
    </message>
    <message>
        <source>A Saudi mobile number has 10 digits and starts with 05.</source>
        <translation>رقم الجوال السعودي مكوّن من 10 أرقام ويبدأ بـ 05.</translation>
    </message>
    <message>
        <source>A Saudi mobile number starts with 05.</source>
        <translation>رقم الجوال السعودي يبدأ بـ 05.</translation>
    </message>
    <message>
        <source>This number is not valid.</source>
        <translation>هذا الرقم غير صحيح.</translation>
    </message>
    <message>
        <source>Send a new code in %1 s</source>
        <translation>إرسال رمز جديد بعد %1 ثانية</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>إرسال رمز جديد</translation>
    </message>
    <message>
        <source>Your national ID or iqama number</source>
        <translation>رقم هويتك الوطنية أو إقامتك</translation>
    </message>
    <message>
        <source>10 digits, as printed on your card. We use it to find your licences and transactions.</source>
        <translation>10 أرقام كما هي مطبوعة على بطاقتك. نستخدمه للعثور على رخصك ومعاملاتك.</translation>
    </message>
    <message>
        <source>National ID or iqama number</source>
        <translation>رقم الهوية الوطنية أو الإقامة</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>رقم جوالك</translation>
    </message>
    <message>
        <source>The mobile registered with the municipality. We will send a verification code to it by SMS.</source>
        <translation>رقم الجوال المسجل لدى الأمانة. سنرسل إليه رمز تحقق برسالة نصية.</translation>
    </message>
    <message>
        <source>Mobile number (05XXXXXXXX)</source>
        <translation>رقم الجوال (05XXXXXXXX)</translation>
    </message>
    <message>
        <source>Enter the verification code</source>
        <translation>أدخل رمز التحقق</translation>
    </message>
    <message>
        <source>We sent a 6-digit code by SMS to %1.</source>
        <translation>أرسلنا رمزًا من 6 أرقام برسالة نصية إلى %1.</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>رمز التحقق</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>تحقّق</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Do you need more time?</source>
        <translation>هل تحتاج إلى مزيد من الوقت؟</translation>
    </message>
    <message>
        <source>For your privacy, this session will end and your answers will be erased in (seconds):</source>
        <translation>حفاظًا على خصوصيتك، ستنتهي الجلسة وتُمسح بياناتك خلال (ثانية):</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>إنهاء الجلسة</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Al-Ahsa Municipality</source>
        <translation>أمانة الأحساء</translation>
    </message>
    <message>
        <source>Self-service kiosk</source>
        <translation>جهاز الخدمة الذاتية</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Cancel and end session</source>
        <translation>إلغاء وإنهاء الجلسة</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The service is working offline. Your request is saved and will be sent automatically.</source>
        <translation>الخدمة تعمل حاليًا دون اتصال. طلبك محفوظ وسيُرسل تلقائيًا عند عودة الاتصال.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>On-screen keyboard</source>
        <translation>لوحة المفاتيح على الشاشة</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>مسافة</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>الأحرف الكبيرة</translation>
    </message>
    <message>
        <source>Switch to English keyboard</source>
        <translation>التبديل إلى لوحة المفاتيح الإنجليزية</translation>
    </message>
    <message>
        <source>Switch to Arabic keyboard</source>
        <translation>التبديل إلى لوحة المفاتيح العربية</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is temporarily out of service</source>
        <translation>هذا الجهاز خارج الخدمة مؤقتًا</translation>
    </message>
    <message>
        <source>Requests already accepted here are kept safely and will be sent to the municipality.</source>
        <translation>الطلبات التي استُقبلت في هذا الجهاز محفوظة بأمان وسيتم إرسالها إلى الأمانة.</translation>
    </message>
    <message>
        <source>Please use another kiosk or visit the nearest municipality branch. A technician has been notified.</source>
        <translation>يُرجى استخدام جهاز آخر أو زيارة أقرب بلدية. تم إبلاغ الفني المختص.</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>الخطوة %1 من %2</translation>
    </message>
</context>
</TS>
