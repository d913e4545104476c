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
</TS>
