<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Authority</name>
    <message>
        <source>the Labour Office</source>
        <translation>مكتب العمل</translation>
    </message>
    <message>
        <source>the Zakat, Tax and Customs Authority (ZATCA)</source>
        <translation>هيئة الزكاة والضريبة والجمارك</translation>
    </message>
    <message>
        <source>Al-Ahsa Municipality</source>
        <translation>أمانة الأحساء</translation>
    </message>
</context>
<context>
    <name>Branch</name>
    <message>
        <source>Al-Hofuf municipality</source>
        <translation>بلدية الهفوف</translation>
    </message>
    <message>
        <source>Al-Mubarraz municipality</source>
        <translation>بلدية المبرز</translation>
    </message>
    <message>
        <source>Al-Omran municipality</source>
        <translation>بلدية العمران</translation>
    </message>
    <message>
        <source>Al-Oyoun municipality</source>
        <translation>بلدية العيون</translation>
    </message>
</context>
<context>
    <name>ChangePin</name>
    <message>
        <source>The two PINs are not the same. Type the new PIN twice.</source>
        <translation>الرقمان السريان غير متطابقين. اكتب الرقم السري الجديد مرتين.</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess (a repeated digit or a run such as 123456). Choose another.</source>
        <translation>هذا الرقم السري سهل التخمين (رقم مكرر أو تسلسل مثل 123456). اختر رقمًا آخر.</translation>
    </message>
    <message>
        <source>A technician PIN is %1 to %2 digits.</source>
        <translation>عدد أرقام الرقم السري للفني من %1 إلى %2.</translation>
    </message>
    <message>
        <source>The new PIN is saved. Use it from now on.</source>
        <translation>حُفظ الرقم السري الجديد. استخدمه من الآن فصاعدًا.</translation>
    </message>
    <message>
        <source>The new PIN could not be saved (the kiosk&apos;s storage refused it). The old PIN still works.</source>
        <translation>تعذّر حفظ الرقم السري الجديد (رفضته ذاكرة التخزين في الجهاز). لا يزال الرقم السري القديم صالحًا.</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>الرقم السري للفني</translation>
    </message>
    <message>
        <source>Change the technician PIN</source>
        <translation>تغيير الرقم السري للفني</translation>
    </message>
    <message>
        <source>This kiosk still has the development PIN. Choose a new one before anything else: the kiosk stays out of service until you do.</source>
        <translation>لا يزال هذا الجهاز يستخدم الرقم السري التجريبي. اختر رقمًا جديدًا قبل أي شيء آخر، فالجهاز يبقى خارج الخدمة حتى تفعل ذلك.</translation>
    </message>
    <message>
        <source>%1 to %2 digits, not an easy pattern such as 123456 or 111111. Every technician of this kiosk will need the new PIN.</source>
        <translation>من %1 إلى %2 أرقام، دون نمط سهل مثل 123456 أو 111111. سيحتاج كل فني يخدم هذا الجهاز إلى الرقم السري الجديد.</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>الرقم السري الجديد</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>أعد كتابة الرقم السري الجديد</translation>
    </message>
    <message>
        <source>Save the new PIN</source>
        <translation>حفظ الرقم السري الجديد</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Self-service kiosk</source>
        <translation>جهاز الخدمة الذاتية</translation>
    </message>
    <message>
        <source>E-government service office</source>
        <translation>مكتب خدمات إلكترونية</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>زيارة منزلية</translation>
    </message>
</context>
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
    <message>
        <source>This service cannot be completed at the kiosk yet. Tap Back to the services to choose another, or call staff for where to go.</source>
        <translation>لا يمكن إتمام هذه الخدمة في جهاز الخدمة الذاتية بعد. اضغط «العودة إلى الخدمات» لاختيار خدمة أخرى، أو اطلب الموظف ليرشدك إلى المكان المناسب.</translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <source>There is a problem</source>
        <translation>يوجد خطأ</translation>
    </message>
    <message numerus="yes">
        <source>There are %n problems</source>
        <translation>
            <numerusform>لا توجد أخطاء</numerusform>
            <numerusform>يوجد خطأ واحد</numerusform>
            <numerusform>يوجد خطآن</numerusform>
            <numerusform>توجد %n أخطاء</numerusform>
            <numerusform>يوجد %n خطأً</numerusform>
            <numerusform>يوجد %n خطأ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Help</source>
        <translation>المساعدة</translation>
    </message>
    <message>
        <source>Questions about your request: call the municipality on %1.</source>
        <translation>للاستفسار عن طلبك: اتصل بالأمانة على الرقم %1.</translation>
    </message>
    <message>
        <source>Staff have been called. Please stay at the kiosk.</source>
        <translation>تم طلب الموظف. يُرجى البقاء عند الجهاز.</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>طلب موظف</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
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
    <message>
        <source>Make the kiosk easier to use during your visit:</source>
        <translation>اجعل استخدام الجهاز أيسر لك خلال زيارتك:</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>تباين عالٍ</translation>
    </message>
    <message>
        <source>Lowered layout (seated)</source>
        <translation>عرض منخفض (للجالس)</translation>
    </message>
    <message>
        <source>Tap the service you need. To issue a licence, track a transaction, pay or see your licences you will need your national ID or Iqama number and the mobile phone registered to it. The buttons under the services make the text larger, raise the contrast or bring every button lower, for this visit only.</source>
        <translation>اضغط الخدمة التي تحتاجها. لإصدار رخصة أو متابعة معاملة أو السداد أو عرض رخصك ستحتاج إلى رقم هويتك الوطنية أو إقامتك والجوال المسجّل بها. والأزرار تحت الخدمات تكبّر النص أو ترفع التباين أو تُنزل الأزرار كلها إلى الأسفل، لهذه الزيارة فقط.</translation>
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
        <source>The code could not be sent or checked</source>
        <translation>تعذّر إرسال رمز التحقق أو التحقق منه</translation>
    </message>
    <message numerus="yes">
        <source>Send a new code in %n second(s)</source>
        <translation>
            <numerusform>إرسال رمز جديد الآن</numerusform>
            <numerusform>إرسال رمز جديد بعد ثانية واحدة</numerusform>
            <numerusform>إرسال رمز جديد بعد ثانيتين</numerusform>
            <numerusform>إرسال رمز جديد بعد %n ثوانٍ</numerusform>
            <numerusform>إرسال رمز جديد بعد %n ثانية</numerusform>
            <numerusform>إرسال رمز جديد بعد %n ثانية</numerusform>
        </translation>
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
    <name>IdentifyHelp</name>
    <message>
        <source>Type the mobile number registered to your ID in Absher, starting with 05. A code will be sent to it by text message.</source>
        <translation>أدخل رقم الجوال المسجّل بهويتك في أبشر. سيصله رمز تحقق في رسالة نصية.</translation>
    </message>
    <message>
        <source>Type the code from the text message just sent to your mobile. If it has not arrived, wait a moment, then ask for a new one.</source>
        <translation>أدخل الرمز الوارد في الرسالة النصية التي أُرسلت الآن إلى جوالك. إن لم تصل فانتظر قليلًا ثم اطلب رمزًا جديدًا.</translation>
    </message>
    <message>
        <source>Type your national ID or Iqama number: ten digits, starting with 1 for citizens or 2 for residents. It is on the front of your card.</source>
        <translation>أدخل رقم هويتك الوطنية أو إقامتك، وهو عشرة أرقام تجده على وجه البطاقة: رقم الهوية الوطنية يبدأ بالواحد، ورقم الإقامة يبدأ بالاثنين.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Do you need more time?</source>
        <translation>هل تحتاج إلى مزيد من الوقت؟</translation>
    </message>
    <message>
        <source>For your privacy, this session will end and your answers will be erased in</source>
        <translation>حفاظًا على خصوصيتك، ستنتهي الجلسة وتُمسح بياناتك خلال</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>إنهاء الجلسة</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n ثانية</numerusform>
            <numerusform>ثانية واحدة</numerusform>
            <numerusform>ثانيتين</numerusform>
            <numerusform>%n ثوانٍ</numerusform>
            <numerusform>%n ثانية</numerusform>
            <numerusform>%n ثانية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Issue</name>
    <message>
        <source>Your answers are kept and nothing has been submitted.</source>
        <translation>إجاباتك محفوظة ولم يُقدَّم أي طلب.</translation>
    </message>
    <message>
        <source>Please confirm who you are again</source>
        <translation>يُرجى تأكيد هويتك مرة أخرى</translation>
    </message>
    <message>
        <source>The licence types cannot be shown</source>
        <translation>تعذّر عرض أنواع الرخص</translation>
    </message>
    <message>
        <source>Your application could not be checked</source>
        <translation>تعذّر التحقق من طلبك</translation>
    </message>
    <message>
        <source>Your application has been submitted</source>
        <translation>تم تقديم طلبك</translation>
    </message>
    <message>
        <source>Transaction number</source>
        <translation>رقم المعاملة</translation>
    </message>
    <message>
        <source>We sent an SMS with this number to your mobile.</source>
        <translation>أرسلنا إلى جوالك رسالة نصية بهذا الرقم.</translation>
    </message>
    <message>
        <source>Fee due: %1 (bill %2).</source>
        <translation>الرسوم المستحقة: %1 (فاتورة رقم %2).</translation>
    </message>
    <message>
        <source>What happens next: the municipality&apos;s departments review your application, usually within one working day. The licence is issued once the fee is paid. Follow it at any kiosk with the transaction number.</source>
        <translation>الخطوات التالية: تراجع إدارات الأمانة طلبك، وغالبًا خلال يوم عمل واحد. تصدر الرخصة بعد سداد الرسوم. تابع طلبك من أي جهاز خدمة ذاتية برقم المعاملة.</translation>
    </message>
    <message>
        <source>Pay the fee now</source>
        <translation>سداد الرسوم الآن</translation>
    </message>
    <message>
        <source>Pay later and finish</source>
        <translation>السداد لاحقًا وإنهاء</translation>
    </message>
    <message>
        <source>Your application is saved</source>
        <translation>تم حفظ طلبك</translation>
    </message>
    <message>
        <source>Provisional reference</source>
        <translation>المرجع المؤقت</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the municipality right now. Your application is saved and will be sent automatically; you will get an SMS with the transaction number.</source>
        <translation>تعذّر على الجهاز الاتصال بالأمانة حاليًا. طلبك محفوظ وسيُرسل تلقائيًا، وستصلك رسالة نصية برقم المعاملة.</translation>
    </message>
    <message>
        <source>You do not need to apply again. Keep the provisional receipt until the SMS arrives; you can pay the fee later.</source>
        <translation>لا حاجة لإعادة التقديم. احتفظ بالإيصال المؤقت حتى تصلك الرسالة النصية، ويمكنك سداد الرسوم لاحقًا.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>The municipality could not accept your application</source>
        <translation>تعذّر على الأمانة قبول طلبك</translation>
    </message>
    <message>
        <source>Nothing was charged. The municipality gave this reason:</source>
        <translation>لم يُخصم أي مبلغ. وذكرت الأمانة السبب التالي:</translation>
    </message>
    <message>
        <source>Nothing was charged. The municipality did not accept the application as it stands.</source>
        <translation>لم يُخصم أي مبلغ. لم تقبل الأمانة الطلب بوضعه الحالي.</translation>
    </message>
    <message>
        <source>Please check your details and apply again, or ask at an e-government service office.</source>
        <translation>يُرجى مراجعة بياناتك والتقديم مرة أخرى، أو الاستفسار في أحد مكاتب خدمات الحكومة الإلكترونية.</translation>
    </message>
    <message>
        <source>Back to the services</source>
        <translation>العودة إلى الخدمات</translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation>إعادة محاولة الطباعة</translation>
    </message>
    <message>
        <source>The receipt printer is not available. Scan this code to keep your receipt; the SMS has the details.</source>
        <translation>طابعة الإيصالات غير متاحة. امسح هذا الرمز للاحتفاظ بإيصالك، وتجد التفاصيل في الرسالة النصية.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>جارٍ طباعة الإيصال…</translation>
    </message>
    <message>
        <source>Please take your receipt from the printer.</source>
        <translation>يُرجى أخذ الإيصال من الطابعة.</translation>
    </message>
    <message>
        <source>Confirm with a new code</source>
        <translation>التأكيد برمز جديد</translation>
    </message>
    <message>
        <source>Fee: %1</source>
        <translation>الرسوم: %1</translation>
    </message>
    <message>
        <source>Apply for this licence</source>
        <translation>التقديم على هذه الرخصة</translation>
    </message>
    <message>
        <source>Which licence do you want to apply for?</source>
        <translation>ما الرخصة التي تريد التقدم بطلبها؟</translation>
    </message>
    <message>
        <source>Choose one. Have your reference numbers ready (commercial registration, lease or title deed); no paper is needed.</source>
        <translation>اختر رخصة واحدة. جهّز أرقامك المرجعية (السجل التجاري أو عقد الإيجار أو صك الملكية)؛ لا حاجة لأي ورق.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
    <message>
        <source>Loading the licence types…</source>
        <translation>جارٍ تحميل أنواع الرخص…</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(اختياري)</translation>
    </message>
    <message>
        <source>Save and check again</source>
        <translation>حفظ وإعادة التحقق</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>There is 1 problem with your application</source>
        <translation>توجد ملاحظة واحدة على طلبك</translation>
    </message>
    <message numerus="yes">
        <source>There are %n problems with your application</source>
        <translation>
            <numerusform>لا توجد ملاحظات على طلبك</numerusform>
            <numerusform>توجد ملاحظة واحدة على طلبك</numerusform>
            <numerusform>توجد ملاحظتان على طلبك</numerusform>
            <numerusform>توجد %n ملاحظات على طلبك</numerusform>
            <numerusform>توجد %n ملاحظةً على طلبك</numerusform>
            <numerusform>توجد %n ملاحظة على طلبك</numerusform>
        </translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>تعديل: %1</translation>
    </message>
    <message>
        <source>Pay the overdue bills</source>
        <translation>سداد الفواتير المتأخرة</translation>
    </message>
    <message>
        <source>Fix these before you apply</source>
        <translation>صحّح ما يلي قبل التقديم</translation>
    </message>
    <message>
        <source>Nothing has been submitted yet. Your answers are kept: change what is needed and the kiosk checks again.</source>
        <translation>لم يُقدَّم أي طلب بعد. إجاباتك محفوظة: عدّل ما يلزم وسيتحقق الجهاز مرة أخرى.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation>راجع إجاباتك</translation>
    </message>
    <message>
        <source>The municipality found no problem. Check each answer before you continue.</source>
        <translation>لم تجد الأمانة أي ملاحظة. راجع كل إجابة قبل المتابعة.</translation>
    </message>
    <message>
        <source>Licence fee</source>
        <translation>رسوم الرخصة</translation>
    </message>
    <message>
        <source>Nothing is charged now. After you submit, you can pay the fee at this kiosk by card, or later within 30 days.</source>
        <translation>لن يُخصم أي مبلغ الآن. بعد التقديم يمكنك سداد الرسوم بالبطاقة من هذا الجهاز، أو لاحقًا خلال 30 يومًا.</translation>
    </message>
    <message>
        <source>Sending your application to the municipality…</source>
        <translation>جارٍ إرسال طلبك إلى الأمانة…</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>تقديم الطلب</translation>
    </message>
</context>
<context>
    <name>IssueHelp</name>
    <message>
        <source>Choose the licence you need. Each one shows what it costs and what it asks for; you can still go back before sending anything.</source>
        <translation>اختر الرخصة التي تحتاجها. تُبيّن كل رخصة رسومها وما تتطلبه، ويمكنك الرجوع في أي وقت قبل إرسال الطلب.</translation>
    </message>
    <message>
        <source>Answer the question on this page and tap Continue. A number you do not have with you, such as the commercial registration or the lease contract number, can be found on its paper or in the Balady and Ejar apps.</source>
        <translation>أجب عن سؤال هذه الصفحة ثم اضغط «متابعة». إن لم يكن معك رقم مثل رقم السجل التجاري أو رقم عقد الإيجار فتجده في وثيقته أو في تطبيقَي بلدي وإيجار.</translation>
    </message>
    <message>
        <source>The municipality checked your answers and found what is listed. Correct what you can here; for the rest, staff can tell you what to do.</source>
        <translation>راجعت الأمانة إجاباتك ووجدت ما هو مذكور في القائمة. صحّح هنا ما تستطيع، وسيرشدك الموظف في الباقي.</translation>
    </message>
    <message>
        <source>Read your answers. Tap Change next to any of them to correct it, then go on. Nothing is sent until you confirm.</source>
        <translation>راجع إجاباتك، واضغط «تعديل» بجانب أي إجابة لتصحيحها ثم تابع. لن يُرسل شيء قبل أن تؤكد.</translation>
    </message>
    <message>
        <source>Keep the receipt or photograph its code: its number lets you track your application here, in the Balady app or at the municipality.</source>
        <translation>احتفظ بالإيصال أو صوّر رمزه؛ فرقمه يتيح لك متابعة طلبك هنا أو في تطبيق بلدي أو في الأمانة.</translation>
    </message>
</context>
<context>
    <name>IssueIntro</name>
    <message>
        <source>Before you start</source>
        <translation>قبل أن تبدأ</translation>
    </message>
    <message>
        <source>What you will need</source>
        <translation>ما ستحتاج إليه</translation>
    </message>
    <message>
        <source>Your national ID or Iqama number</source>
        <translation>رقم هويتك الوطنية أو إقامتك</translation>
    </message>
    <message>
        <source>The mobile phone registered to it in Absher, to receive a code by text message</source>
        <translation>الجوال المسجّل بها في أبشر، لتستقبل عليه رمز تحقق في رسالة نصية</translation>
    </message>
    <message>
        <source>The commercial registration number of the business</source>
        <translation>رقم السجل التجاري للمنشأة</translation>
    </message>
    <message>
        <source>The shop&apos;s lease contract number (from Ejar) and its area in square metres</source>
        <translation>رقم عقد إيجار المحل (من منصة إيجار) ومساحته بالمتر المربع</translation>
    </message>
    <message>
        <source>A bank card (mada, Visa or Mastercard) if you want to pay the fee today</source>
        <translation>بطاقة مصرفية (مدى أو فيزا أو ماستركارد) إن أردت سداد الرسوم اليوم</translation>
    </message>
    <message>
        <source>How long it takes</source>
        <translation>المدة المتوقعة</translation>
    </message>
    <message>
        <source>About 10 minutes at the kiosk. The municipality then reviews your application; you can follow it with the transaction number you receive.</source>
        <translation>نحو عشر دقائق عند الجهاز. ثم تدرس الأمانة طلبك، ويمكنك متابعته برقم المعاملة الذي يصلك.</translation>
    </message>
    <message>
        <source>The fee is shown before you send anything. You can pay it here at the end, or later.</source>
        <translation>تظهر لك الرسوم قبل إرسال الطلب، ويمكنك سدادها هنا في نهاية الطلب أو لاحقًا.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>ابدأ</translation>
    </message>
    <message>
        <source>Check you have everything on this list, then tap Start. If a number is missing, you can come back later: nothing is kept once you leave.</source>
        <translation>تأكد أن معك كل ما في هذه القائمة ثم اضغط «ابدأ». إن نقصك رقم فيمكنك العودة لاحقًا؛ فلا يُحفظ شيء بعد مغادرتك.</translation>
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
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>Lowered layout: every button is below, within reach.</source>
        <translation>العرض المنخفض: جميع الأزرار في الأسفل، في متناول يدك.</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>More below ⌄</source>
        <extracomment>The cue at the bottom of a page that scrolls: more of the page lies below.</extracomment>
        <translation>المزيد في الأسفل ⌄</translation>
    </message>
</context>
<context>
    <name>LicenceKind</name>
    <message>
        <source>Professional licence</source>
        <translation>رخصة مهنية</translation>
    </message>
    <message>
        <source>Health licence</source>
        <translation>رخصة صحية</translation>
    </message>
    <message>
        <source>Commercial licence</source>
        <translation>رخصة تجارية</translation>
    </message>
    <message>
        <source>Home building permit</source>
        <translation>رخصة بناء منزل</translation>
    </message>
</context>
<context>
    <name>LicenceStatus</name>
    <message>
        <source>Active</source>
        <translation>سارية</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>موقوفة</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ملغاة</translation>
    </message>
</context>
<context>
    <name>Licences</name>
    <message>
        <source>%1, number %2</source>
        <translation>%1، رقم %2</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 في %2</translation>
    </message>
    <message>
        <source>Expired on %1</source>
        <translation>انتهت في %1</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>سارية حتى %1</translation>
    </message>
    <message>
        <source>Cancelled on %1</source>
        <translation>أُلغيت في %1</translation>
    </message>
    <message>
        <source>Suspended since %1</source>
        <translation>موقوفة منذ %1</translation>
    </message>
    <message>
        <source>Cancelled by %1.</source>
        <translation>أُلغيت بقرار من %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>ملغاة.</translation>
    </message>
    <message>
        <source>Suspended by %1.</source>
        <translation>أُوقفت بقرار من %1.</translation>
    </message>
    <message>
        <source>Suspended.</source>
        <translation>موقوفة.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>السبب: %1</translation>
    </message>
    <message>
        <source>Print a summary</source>
        <translation>طباعة ملخص</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <translation>المعاملة %1</translation>
    </message>
    <message>
        <source>%1, %2. Submitted on %3.</source>
        <translation>%1، %2. قُدّمت في %3.</translation>
    </message>
    <message>
        <source>Show its progress</source>
        <translation>عرض مراحلها</translation>
    </message>
    <message>
        <source>My transactions (%1)</source>
        <extracomment>Not identified (or the verification expired): the journey sends them to &quot;identify&quot;.</extracomment>
        <translation>معاملاتي (%1)</translation>
    </message>
    <message>
        <source>My transactions</source>
        <translation>معاملاتي</translation>
    </message>
    <message>
        <source>My licences (%1)</source>
        <translation>رخصي (%1)</translation>
    </message>
    <message>
        <source>My licences</source>
        <translation>رخصي</translation>
    </message>
    <message>
        <source>Loading your transactions…</source>
        <translation>جارٍ تحميل معاملاتك…</translation>
    </message>
    <message>
        <source>Loading your licences…</source>
        <translation>جارٍ تحميل رخصك…</translation>
    </message>
    <message>
        <source>You have no transactions with the municipality.</source>
        <translation>لا توجد لديك معاملات لدى الأمانة.</translation>
    </message>
    <message>
        <source>You have no licences registered with the municipality.</source>
        <translation>لا توجد رخص مسجلة باسمك لدى الأمانة.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>الرخص</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>المعاملات</translation>
    </message>
    <message>
        <source>Back to my transactions</source>
        <translation>العودة إلى معاملاتي</translation>
    </message>
</context>
<context>
    <name>LicencesHelp</name>
    <message>
        <source>Your licences and your transactions with the municipality are listed here. Tap one to see its details, or print a summary of it.</source>
        <translation>تظهر هنا رخصك ومعاملاتك لدى الأمانة. اضغط أيًّا منها لعرض تفاصيله أو لطباعة ملخص عنه.</translation>
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
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <source>Clear the field</source>
        <translation>مسح الخانة</translation>
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
    <message>
        <source>This kiosk cannot take requests now. Nothing you sent before is lost. Staff can direct you to another kiosk or to the counter.</source>
        <translation>لا يستقبل هذا الجهاز الطلبات الآن، ولم يضِع شيء مما أرسلته من قبل. يمكن للموظف أن يرشدك إلى جهاز آخر أو إلى الشباك.</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Licence application</source>
        <translation>طلب رخصة</translation>
    </message>
    <message>
        <source>Card payment</source>
        <translation>سداد بالبطاقة</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>صندوق الطلبات الصادرة</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>بانتظار الإرسال</translation>
    </message>
    <message>
        <source>Refused by the municipality</source>
        <translation>طلبات رفضتها الأمانة</translation>
    </message>
    <message>
        <source>Erase the data of delivered requests</source>
        <translation>مسح بيانات الطلبات المُسلَّمة</translation>
    </message>
    <message>
        <source>Done: %1 delivered requests still held data; it is erased.</source>
        <translation>تم. عدد الطلبات المُسلَّمة التي بقيت فيها بيانات: %1، وقد مُسحت.</translation>
    </message>
    <message>
        <source>Waiting: %1   Refused: %2   Delivered: %3</source>
        <translation>بانتظار الإرسال: %1   مرفوضة: %2   مُسلَّمة: %3</translation>
    </message>
    <message>
        <source>Nothing waits.</source>
        <translation>لا توجد طلبات بانتظار الإرسال.</translation>
    </message>
    <message>
        <source>Nothing refused.</source>
        <translation>لا توجد طلبات مرفوضة.</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>رقم %1</translation>
    </message>
    <message>
        <source>queued %1 ago</source>
        <translation>أُضيف قبل %1</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>آخر خطأ: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>إعادة الإرسال</translation>
    </message>
    <message>
        <source>It could not be sent again: it is no longer refused.</source>
        <translation>تعذّرت إعادة إرساله: لم يعد طلبًا مرفوضًا.</translation>
    </message>
    <message>
        <source>Sent again: it will go out shortly.</source>
        <translation>أُعيد إلى قائمة الإرسال، وسيُرسل قريبًا.</translation>
    </message>
</context>
<context>
    <name>Pay</name>
    <message>
        <source>Pay fees and bills</source>
        <translation>سداد الرسوم والفواتير</translation>
    </message>
    <message>
        <source>Choose the invoice to pay, or enter its number. You pay by card on the terminal: mada, Visa or Mastercard.</source>
        <translation>اختر الفاتورة التي تريد سدادها أو أدخل رقمها. يتم الدفع بالبطاقة عبر جهاز الدفع: مدى أو فيزا أو ماستركارد.</translation>
    </message>
    <message>
        <source>Find invoice</source>
        <translation>ابحث عن الفاتورة</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>You have no unpaid invoices.</source>
        <translation>لا توجد عليك فواتير غير مسددة.</translation>
    </message>
    <message>
        <source>Enter the invoice number.</source>
        <translation>أدخل رقم الفاتورة.</translation>
    </message>
    <message>
        <source>Invoice number: type its 10 digits (like %1)</source>
        <translation>رقم الفاتورة: اكتب أرقامه العشرة (مثل %1)</translation>
    </message>
    <message>
        <source>An invoice number has 10 digits, like %1.</source>
        <translation>رقم الفاتورة مكوّن من 10 أرقام، مثل %1.</translation>
    </message>
    <message>
        <source>%1 — %2
Invoice %3
Due %4</source>
        <translation>%1 — %2
فاتورة رقم %3
تستحق في %4</translation>
    </message>
    <message>
        <source>Check the amount</source>
        <translation>تحقق من المبلغ</translation>
    </message>
    <message>
        <source>Press Pay by card, then tap or insert your card on the card terminal below the screen. The kiosk never sees your card number or PIN.</source>
        <translation>اضغط «ادفع بالبطاقة» ثم قرّب بطاقتك من جهاز الدفع أسفل الشاشة أو أدخلها فيه. لا يرى الجهاز رقم بطاقتك ولا رقمها السري.</translation>
    </message>
    <message>
        <source>Pay by card</source>
        <translation>ادفع بالبطاقة</translation>
    </message>
    <message>
        <source>Choose another invoice</source>
        <translation>اختر فاتورة أخرى</translation>
    </message>
    <message>
        <source>Invoice %1 · due %2</source>
        <translation>فاتورة رقم %1 · تستحق في %2</translation>
    </message>
    <message>
        <source>Tap or insert your card on the terminal</source>
        <translation>قرّب بطاقتك من جهاز الدفع أو أدخلها فيه</translation>
    </message>
    <message>
        <source>Follow the instructions on the terminal. If no card is presented, the terminal stops by itself after a while and nothing is charged.</source>
        <translation>اتبع التعليمات على جهاز الدفع. إن لم تُقدَّم بطاقة، يتوقف الجهاز من تلقاء نفسه بعد مدة ولا يُخصم أي مبلغ.</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>إلغاء الدفع</translation>
    </message>
    <message>
        <source>Your card was declined</source>
        <translation>رُفضت بطاقتك</translation>
    </message>
    <message>
        <source>You have not been charged. You can try again with the same card or another one, or stop and pay later.</source>
        <translation>لم يُخصم منك أي مبلغ. يمكنك المحاولة مرة أخرى بالبطاقة نفسها أو ببطاقة أخرى، أو التوقف والسداد لاحقًا.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
    <message>
        <source>We are confirming your payment</source>
        <translation>نتحقق من نتيجة عملية الدفع</translation>
    </message>
    <message>
        <source>Do not pay this invoice again. The kiosk is asking the terminal for the result.</source>
        <translation>لا تُعد سداد هذه الفاتورة. يستعلم الجهاز من جهاز الدفع عن نتيجة العملية.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>تحقق مرة أخرى</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>The payment did not go through</source>
        <translation>لم تكتمل عملية الدفع</translation>
    </message>
    <message>
        <source>You can try again, or stop and pay later.</source>
        <translation>يمكنك المحاولة مرة أخرى، أو التوقف والسداد لاحقًا.</translation>
    </message>
    <message>
        <source>Pay another invoice</source>
        <translation>سداد فاتورة أخرى</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>Payment approved and saved</source>
        <translation>تمت الموافقة على الدفع وحُفظ</translation>
    </message>
    <message>
        <source>Payment complete</source>
        <translation>تم السداد</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>جارٍ طباعة الإيصال…</translation>
    </message>
    <message>
        <source>The municipality has not confirmed it yet. Your payment is saved on this kiosk and will be sent automatically; an SMS will confirm it with the final receipt number.</source>
        <translation>لم تؤكد الأمانة السداد بعد. حُفظت عملية الدفع في هذا الجهاز وستُرسل تلقائيًا، وستصلك رسالة نصية تؤكدها برقم الإيصال النهائي.</translation>
    </message>
    <message>
        <source>The municipality has recorded your payment. An SMS with the receipt details has been sent to your mobile.</source>
        <translation>سجّلت الأمانة عملية السداد، وأُرسلت رسالة نصية بتفاصيل الإيصال إلى جوالك.</translation>
    </message>
    <message>
        <source>Amount paid: %1</source>
        <translation>المبلغ المدفوع: %1</translation>
    </message>
    <message>
        <source>Invoice: %1</source>
        <translation>الفاتورة: %1</translation>
    </message>
    <message>
        <source>Cancelling the payment…</source>
        <translation>جارٍ إلغاء عملية الدفع…</translation>
    </message>
    <message>
        <source>Wait for the terminal to confirm the cancellation.</source>
        <translation>انتظر حتى يؤكد جهاز الدفع الإلغاء.</translation>
    </message>
    <message>
        <source>Card read</source>
        <translation>تمت قراءة البطاقة</translation>
    </message>
    <message>
        <source>Follow the instructions on the terminal.</source>
        <translation>اتبع التعليمات على جهاز الدفع.</translation>
    </message>
    <message>
        <source>Enter your PIN on the terminal</source>
        <translation>أدخل رقمك السري على جهاز الدفع</translation>
    </message>
    <message>
        <source>Cover the keypad with your other hand.</source>
        <translation>غطِّ لوحة الأرقام بيدك الأخرى.</translation>
    </message>
    <message>
        <source>Checking with your bank</source>
        <translation>جارٍ التحقق مع البنك</translation>
    </message>
    <message>
        <source>Please wait and keep your card nearby.</source>
        <translation>يُرجى الانتظار وإبقاء بطاقتك قريبة.</translation>
    </message>
    <message>
        <source>The terminal below the screen is waiting for your card.</source>
        <translation>جهاز الدفع أسفل الشاشة بانتظار بطاقتك.</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>البطاقة</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>الرقم السري</translation>
    </message>
    <message>
        <source>Bank approval</source>
        <translation>موافقة البنك</translation>
    </message>
    <message>
        <source>Stop for now</source>
        <translation>التوقف الآن</translation>
    </message>
    <message>
        <source>Stop and pay later</source>
        <translation>التوقف والسداد لاحقًا</translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation>إعادة محاولة الطباعة</translation>
    </message>
    <message>
        <source>Staff have been called</source>
        <translation>تم استدعاء الموظف</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>استدعاء موظف</translation>
    </message>
    <message>
        <source>Your card was charged: please ask the staff for help</source>
        <translation>خُصم المبلغ من بطاقتك: يُرجى طلب المساعدة من الموظف</translation>
    </message>
    <message>
        <source>Amount charged: %1</source>
        <translation>المبلغ المخصوم: %1</translation>
    </message>
    <message>
        <source>Approval code: %1</source>
        <translation>رمز الموافقة: %1</translation>
    </message>
    <message>
        <source>Terminal reference: %1</source>
        <translation>مرجع جهاز الدفع: %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>الوقت: %1</translation>
    </message>
    <message>
        <source>Scan this code with your phone, or photograph this screen: it holds these details.</source>
        <translation>امسح هذا الرمز بجوالك أو صوّر هذه الشاشة، ففيه هذه البيانات.</translation>
    </message>
    <message>
        <source>Do not pay this invoice again. Staff will record the payment by hand. This screen stays until you or the staff end the session.</source>
        <translation>لا تسدد هذه الفاتورة مرة أخرى. سيسجّل الموظف عملية السداد يدويًا. تبقى هذه الشاشة ظاهرة حتى تنهي الجلسة أنت أو الموظف.</translation>
    </message>
    <message>
        <source>Card: %1</source>
        <translation>البطاقة: %1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>التاريخ: %1</translation>
    </message>
    <message>
        <source>Receipt number: %1</source>
        <translation>رقم الإيصال: %1</translation>
    </message>
    <message>
        <source>Provisional reference: %1</source>
        <translation>المرجع المؤقت: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the printer.</source>
        <translation>خذ إيصالك من الطابعة.</translation>
    </message>
    <message>
        <source>The printer is out of paper, so no receipt was printed. Scan this code to keep your receipt; the SMS has your receipt details.</source>
        <translation>نفد الورق من الطابعة فلم يُطبع الإيصال. امسح هذا الرمز للاحتفاظ بإيصالك، وستجد تفاصيل الإيصال في الرسالة النصية.</translation>
    </message>
    <message>
        <source>The receipt could not be printed. Scan this code to keep your receipt; the SMS has your receipt details.</source>
        <translation>تعذّرت طباعة الإيصال. امسح هذا الرمز للاحتفاظ بإيصالك، وستجد تفاصيل الإيصال في الرسالة النصية.</translation>
    </message>
</context>
<context>
    <name>PayHelp</name>
    <message>
        <source>To see and pay your bills, first say who you are with your national ID or Iqama number and the code sent to your mobile.</source>
        <translation>لعرض فواتيرك وسدادها، عرّف بنفسك أولًا برقم هويتك الوطنية أو إقامتك والرمز المرسل إلى جوالك.</translation>
    </message>
    <message>
        <source>Choose the bill to pay, or type its invoice number from the paper or text message you received, then check the amount before paying.</source>
        <translation>اختر الفاتورة التي تريد سدادها، أو أدخل رقمها من الورقة أو الرسالة النصية التي وصلتك، ثم تحقق من المبلغ قبل السداد.</translation>
    </message>
    <message>
        <source>Follow the payment terminal: tap or insert your card and enter your PIN there. To stop, tap Cancel payment.</source>
        <translation>اتبع تعليمات جهاز الدفع: قرّب بطاقتك أو أدخلها، ثم أدخل رقمك السري فيه. للتوقف اضغط «إلغاء الدفع».</translation>
    </message>
    <message>
        <source>Your card was not charged. You can try again, use another card, or pay later; the bill stays as it was.</source>
        <translation>لم يُخصم شيء من بطاقتك. يمكنك المحاولة مرة أخرى أو استخدام بطاقة أخرى أو السداد لاحقًا، وتبقى الفاتورة كما هي.</translation>
    </message>
    <message>
        <source>The terminal has not said whether the payment went through. Do not pay again: call staff, they can check it with you.</source>
        <translation>لم يُبلغ جهاز الدفع بعد هل تمت العملية أم لا. لا تدفع مرة أخرى، واطلب الموظف ليتحقق منها معك.</translation>
    </message>
    <message>
        <source>Keep the receipt or photograph its code: it proves your payment.</source>
        <translation>احتفظ بالإيصال أو صوّر رمزه؛ فهو يثبت سدادك.</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <source>Ready to print</source>
        <translation>جاهزة للطباعة</translation>
    </message>
    <message>
        <source>Ready to print; the paper roll is nearly finished</source>
        <translation>جاهزة للطباعة، ولفة الورق توشك على النفاد</translation>
    </message>
    <message>
        <source>Out of paper</source>
        <translation>نفد الورق</translation>
    </message>
    <message>
        <source>The cover is open</source>
        <translation>الغطاء مفتوح</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>غير متصلة</translation>
    </message>
    <message>
        <source>The printer reports a fault (cutter or mechanism)</source>
        <translation>الطابعة تُبلغ عن عطل (في القاطع أو الآلية)</translation>
    </message>
    <message>
        <source>The printer does not answer: check its cable and power</source>
        <translation>الطابعة لا تستجيب: افحص كابلها وتغذيتها بالكهرباء</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>الطابعة</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Print a test receipt</source>
        <translation>طباعة إيصال تجريبي</translation>
    </message>
    <message>
        <source>Change the paper roll</source>
        <translation>تغيير لفة الورق</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>التحقق مرة أخرى</translation>
    </message>
    <message>
        <source>No printer is configured on this kiosk (it shows receipts as QR codes).</source>
        <translation>لا توجد طابعة مُعدّة في هذا الجهاز (يعرض الإيصالات رموز استجابة سريعة).</translation>
    </message>
    <message>
        <source>Asked at %1</source>
        <translation>آخر استعلام الساعة %1</translation>
    </message>
    <message>
        <source>No failed print since the kiosk started.</source>
        <translation>لم تفشل أي طباعة منذ تشغيل الجهاز.</translation>
    </message>
    <message>
        <source>Last failed print at %1: %2</source>
        <translation>آخر طباعة فاشلة الساعة %1: %2</translation>
    </message>
    <message>
        <source>Test receipt printed. Check it: Arabic joined and right to left, the QR code scans, the paper is cut.</source>
        <translation>طُبع الإيصال التجريبي. افحصه: النص العربي متصل ومن اليمين إلى اليسار، ورمز الاستجابة السريعة يُقرأ، والورق مقصوص.</translation>
    </message>
    <message>
        <source>Test receipt not printed: %1</source>
        <translation>لم يُطبع الإيصال التجريبي: %1</translation>
    </message>
    <message>
        <source>Paper change</source>
        <translation>تغيير الورق</translation>
    </message>
    <message>
        <source>The printer says: %1</source>
        <translation>حالة الطابعة: %1</translation>
    </message>
    <message>
        <source>1. Open the printer cover and take out the old roll.</source>
        <translation>1. افتح غطاء الطابعة وأخرج اللفة القديمة.</translation>
    </message>
    <message>
        <source>2. Put in the new roll with the paper coming off the bottom, pull a little paper out through the slot and close the cover. Waiting for the printer to report paper…</source>
        <translation>2. ضع اللفة الجديدة بحيث يخرج الورق من أسفلها، واسحب قليلًا من الورق عبر الفتحة، ثم أغلق الغطاء. بانتظار أن تُبلغ الطابعة بوجود الورق…</translation>
    </message>
    <message>
        <source>Done: the printer has paper again and is ready to print.</source>
        <translation>تم: عاد الورق إلى الطابعة وهي جاهزة للطباعة.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>إيقاف الانتظار</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Al-Ahsa Municipality</source>
        <translation>أمانة الأحساء</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Scan to verify this receipt</source>
        <translation>امسح الرمز للتحقق من الإيصال</translation>
    </message>
    <message>
        <source>Licence application receipt</source>
        <translation>إيصال طلب رخصة</translation>
    </message>
    <message>
        <source>Payment receipt</source>
        <translation>إيصال سداد</translation>
    </message>
    <message>
        <source>Inquiry summary</source>
        <translation>ملخص استعلام</translation>
    </message>
    <message>
        <source>Provisional receipt</source>
        <translation>إيصال مؤقت</translation>
    </message>
    <message>
        <source>Accepted while the kiosk was offline. It will be sent to the municipality automatically; an SMS will confirm the final number.</source>
        <translation>قُبل الطلب دون اتصال بالأمانة، وسيُرسل تلقائيًا عند عودة الاتصال. ستصلك رسالة نصية بالرقم النهائي.</translation>
    </message>
    <message>
        <source>Transaction no.</source>
        <translation>رقم المعاملة</translation>
    </message>
    <message>
        <source>Licence no.</source>
        <translation>رقم الرخصة</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>رقم الفاتورة</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>رمز الموافقة</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>البطاقة</translation>
    </message>
    <message>
        <source>Terminal ref.</source>
        <translation>مرجع الجهاز</translation>
    </message>
    <message>
        <source>Provisional ref.</source>
        <translation>مرجع مؤقت</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>رقم الإيصال</translation>
    </message>
    <message>
        <source>Keep this receipt. An SMS confirms the payment.</source>
        <translation>احتفظ بهذا الإيصال. ستصلك رسالة نصية بتأكيد السداد.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>البلدية</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>تاريخ التقديم</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>آخر تحديث</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>انتهت</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>بدأت</translation>
    </message>
    <message>
        <source>Establishment</source>
        <translation>المنشأة</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>District</source>
        <translation>الحي</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بقرار من</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Issued through</source>
        <translation>جهة الإصدار</translation>
    </message>
    <message>
        <source>Transaction status</source>
        <translation>متابعة معاملة</translation>
    </message>
    <message>
        <source>Licence details</source>
        <translation>بيانات رخصة</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>Follow the words on the screen, or call staff and they will help you.</source>
        <extracomment>Back steps into the journey Home and &quot;Cancel and end session&quot; the idle warning and timeout may end the session Every header button live, the idle timeout running (most screens). The journey is finished (paid, submitted): nothing to step back into. A device holds the beneficiary&apos;s card (or money is moving): only the device&apos;s own Cancel may stop it, and nobody is idle while they follow the terminal. Evidence the beneficiary must keep is on screen (a charge the kiosk could not store): no Back, and no idle timeout may wipe it; they leave when they, or staff, choose.</extracomment>
        <translation>اتبع التعليمات الظاهرة على الشاشة، أو اطلب الموظف ليساعدك.</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Changes are checked like the configuration file, saved on this kiosk, and apply after the kiosk restarts.</source>
        <translation>تُفحص التغييرات كما يُفحص ملف الإعداد، وتُحفظ في هذا الجهاز، وتسري بعد إعادة تشغيله.</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>اللغة الافتراضية</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>مهلة عدم النشاط</translation>
    </message>
    <message>
        <source>Seconds without a touch before the kiosk warns and ends the session: from %1 to %2.</source>
        <translation>عدد الثواني دون لمس قبل أن ينبّه الجهاز وينهي الجلسة: من %1 إلى %2.</translation>
    </message>
    <message>
        <source>Idle warning</source>
        <translation>مدة التنبيه</translation>
    </message>
    <message>
        <source>Seconds the warning gives to carry on: from %1 to %2.</source>
        <translation>عدد الثواني التي يمنحها التنبيه للمتابعة: من %1 إلى %2.</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>طابعة الإيصالات</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>عنوان الشبكة</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>المنفذ</translation>
    </message>
    <message>
        <source>Save the network printer</source>
        <translation>حفظ طابعة الشبكة</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>بلا طابعة</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Now: no printer (receipts are shown as QR codes).</source>
        <translation>حاليًا: بلا طابعة (تُعرض الإيصالات رموز استجابة سريعة).</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>حاليًا: %1</translation>
    </message>
    <message>
        <source>Not saved: type the printer&apos;s address as four numbers from 0 to 255 with dots, such as 192.168.1.50.</source>
        <translation>لم يُحفظ: اكتب عنوان الطابعة أربعة أعداد من 0 إلى 255 بينها نقاط، مثل 192.168.1.50.</translation>
    </message>
    <message>
        <source>Not saved: the port is a number from 1 to 65535 (network printers use 9100).</source>
        <translation>لم يُحفظ: المنفذ عدد من 1 إلى 65535 (تستخدم طابعات الشبكة 9100).</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
    </message>
    <message>
        <source>Saved. The new settings apply after the kiosk restarts (Service, Restart).</source>
        <translation>حُفظ. تسري الإعدادات الجديدة بعد إعادة تشغيل الجهاز (الخدمة، إعادة التشغيل).</translation>
    </message>
    <message>
        <source>Saved. The kiosk already runs with these settings.</source>
        <translation>حُفظ. الجهاز يعمل بهذه الإعدادات الآن.</translation>
    </message>
</context>
<context>
    <name>StaffNotice</name>
    <message>
        <source>Staff have been called and will come to you.</source>
        <translation>تم طلب الموظف، وسيأتي إليك.</translation>
    </message>
    <message>
        <source>Staff are here</source>
        <translation>وصل الموظف</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>Licence type</source>
        <translation>نوع الرخصة</translation>
    </message>
    <message>
        <source>Your identity</source>
        <translation>التحقق من الهوية</translation>
    </message>
    <message>
        <source>Application details</source>
        <translation>بيانات الطلب</translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation>مراجعة الإجابات</translation>
    </message>
    <message>
        <source>Fee and submit</source>
        <translation>الرسوم والتقديم</translation>
    </message>
    <message>
        <source>Your bill</source>
        <translation>فاتورتك</translation>
    </message>
    <message>
        <source>Card payment</source>
        <translation>الدفع بالبطاقة</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>الإيصال</translation>
    </message>
    <message>
        <source>Your licences and transactions</source>
        <translation>رخصك ومعاملاتك</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>الخطوة %1 من %2</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>الخطوة %1 من %2: %3</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 من %3)</translation>
    </message>
</context>
<context>
    <name>StepState</name>
    <message>
        <source>Not started</source>
        <translation>لم تبدأ</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>مكتملة</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Not needed</source>
        <extracomment>The word for a department a rejected transaction will never reach (the server still calls it &quot;pending&quot;: the screen must not say it has merely &quot;not started&quot;).</extracomment>
        <translation>لم تعد مطلوبة</translation>
    </message>
</context>
<context>
    <name>TechnicianAudit</name>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>The audit log could not be read.</source>
        <translation>تعذّرت قراءة سجل التدقيق.</translation>
    </message>
    <message>
        <source>The log is intact: no line was changed or removed.</source>
        <translation>السجل سليم: لم يُغيَّر أي سطر ولم يُحذف.</translation>
    </message>
    <message>
        <source>The log was tampered with at line %1. Report this to the municipality.</source>
        <translation>عُبث بالسجل عند السطر %1. أبلغ الأمانة بذلك.</translation>
    </message>
    <message>
        <source>No technician action yet.</source>
        <translation>لا توجد إجراءات للفنيين بعد.</translation>
    </message>
    <message>
        <source>The last technician actions</source>
        <translation>آخر إجراءات الفنيين</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>إعادة القراءة</translation>
    </message>
</context>
<context>
    <name>TechnicianPanel</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>أقل من دقيقة</numerusform>
            <numerusform>دقيقة واحدة</numerusform>
            <numerusform>دقيقتان</numerusform>
            <numerusform>%n دقائق</numerusform>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>%n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>أقل من ساعة</numerusform>
            <numerusform>ساعة واحدة</numerusform>
            <numerusform>ساعتان</numerusform>
            <numerusform>%n ساعات</numerusform>
            <numerusform>%n ساعة</numerusform>
            <numerusform>%n ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>أقل من يوم</numerusform>
            <numerusform>يوم واحد</numerusform>
            <numerusform>يومان</numerusform>
            <numerusform>%n أيام</numerusform>
            <numerusform>%n يومًا</numerusform>
            <numerusform>%n يوم</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>لا محاولات</numerusform>
            <numerusform>محاولة واحدة</numerusform>
            <numerusform>محاولتان</numerusform>
            <numerusform>%n محاولات</numerusform>
            <numerusform>%n محاولة</numerusform>
            <numerusform>%n محاولة</numerusform>
        </translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>أقل من دقيقة</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>جارٍ العمل…</translation>
    </message>
</context>
<context>
    <name>TechnicianPin</name>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>دخول</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The technician door is locked until %1.</source>
        <translation>أُدخل رقم سري خاطئ مرات كثيرة. باب الفنيين مقفل حتى الساعة %1.</translation>
    </message>
    <message>
        <source>Technician access</source>
        <translation>دخول الفنيين</translation>
    </message>
    <message>
        <source>For the municipality&apos;s technicians only. Enter your PIN to service this kiosk. If you opened this page by chance, tap Cancel.</source>
        <translation>لفنيي الأمانة فقط. أدخل رقمك السري لصيانة هذا الجهاز. إذا فتحت هذه الصفحة دون قصد فاضغط «إلغاء».</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>الرقم السري للفني</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>This page is for technicians servicing the kiosk. If you are here by chance, tap Cancel to go back to the services.</source>
        <translation>هذه الصفحة مخصصة للفنيين الذين يصونون الجهاز. إذا وصلت إليها دون قصد فاضغط «إلغاء» للعودة إلى الخدمات.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong PIN(s) will lock the door for 15 minutes.</source>
        <translation>
            <numerusform>رقم سري خاطئ. سيُقفل الباب الآن لمدة 15 دقيقة.</numerusform>
            <numerusform>رقم سري خاطئ. محاولة خاطئة واحدة أخرى تُقفل الباب لمدة 15 دقيقة.</numerusform>
            <numerusform>رقم سري خاطئ. محاولتان خاطئتان أخريان تُقفلان الباب لمدة 15 دقيقة.</numerusform>
            <numerusform>رقم سري خاطئ. %n محاولات خاطئة أخرى تُقفل الباب لمدة 15 دقيقة.</numerusform>
            <numerusform>رقم سري خاطئ. %n محاولة خاطئة أخرى تُقفل الباب لمدة 15 دقيقة.</numerusform>
            <numerusform>رقم سري خاطئ. %n محاولة خاطئة أخرى تُقفل الباب لمدة 15 دقيقة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Technician mode</source>
        <translation>وضع الفني</translation>
    </message>
    <message>
        <source>Leave technician mode</source>
        <translation>الخروج من وضع الفني</translation>
    </message>
    <message>
        <source>Choose a tool from the list. Leave technician mode returns the kiosk to the public; it also leaves by itself after 5 minutes without a touch. Every action here is written to the audit log.</source>
        <translation>اختر أداة من القائمة. يعيد «الخروج من وضع الفني» الجهاز إلى خدمة الجمهور، ويخرج الجهاز منه تلقائيًا بعد 5 دقائق دون لمس. يُسجَّل كل إجراء هنا في سجل التدقيق.</translation>
    </message>
    <message numerus="yes">
        <source>No touch for a while: leaving technician mode in %n second(s). Touch the screen to stay.</source>
        <translation>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني الآن.</numerusform>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني بعد ثانية واحدة. المس الشاشة للبقاء.</numerusform>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني بعد ثانيتين. المس الشاشة للبقاء.</numerusform>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني بعد %n ثوانٍ. المس الشاشة للبقاء.</numerusform>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني بعد %n ثانية. المس الشاشة للبقاء.</numerusform>
            <numerusform>لم تُلمس الشاشة منذ مدة: الخروج من وضع الفني بعد %n ثانية. المس الشاشة للبقاء.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechnicianService</name>
    <message>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <source>The kiosk will serve the public when you leave.</source>
        <translation>سيعود الجهاز إلى خدمة الجمهور عند خروجك.</translation>
    </message>
    <message>
        <source>Out of service until a technician puts it back. The public reads: %1</source>
        <translation>خارج الخدمة حتى يعيده فني إليها. يقرأ الجمهور: %1</translation>
    </message>
    <message>
        <source>Also held out of service by another part of the kiosk (see Status); putting it back here does not lift that.</source>
        <translation>جزء آخر من الجهاز يبقيه خارج الخدمة أيضًا (انظر «الحالة»)، وإعادته إلى الخدمة من هنا لا ترفع ذلك.</translation>
    </message>
    <message>
        <source>Choose a reason, or type one (up to 120 letters).</source>
        <translation>اختر سببًا أو اكتب سببًا (حتى 120 حرفًا).</translation>
    </message>
    <message>
        <source>This could not be saved on the kiosk&apos;s storage. Nothing changed.</source>
        <translation>تعذّر حفظ ذلك في ذاكرة تخزين الجهاز. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Tap again to restart now</source>
        <translation>اضغط مرة أخرى لإعادة التشغيل الآن</translation>
    </message>
    <message>
        <source>Restart the kiosk app</source>
        <translation>إعادة تشغيل تطبيق الجهاز</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>خارج الخدمة</translation>
    </message>
    <message>
        <source>The public will read this reason on the screen:</source>
        <translation>سيقرأ الجمهور هذا السبب على الشاشة:</translation>
    </message>
    <message>
        <source>Or type a reason</source>
        <translation>أو اكتب سببًا</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>إيقاف الجهاز عن الخدمة</translation>
    </message>
    <message>
        <source>Put back in service</source>
        <translation>إعادة الجهاز إلى الخدمة</translation>
    </message>
    <message>
        <source>Restarting the app takes under a minute. Requests already accepted are kept.</source>
        <translation>تستغرق إعادة تشغيل التطبيق أقل من دقيقة، وتبقى الطلبات المقبولة محفوظة.</translation>
    </message>
</context>
<context>
    <name>TechnicianStatus</name>
    <message>
        <source>Link to the municipality (TLS)</source>
        <translation>الاتصال بالأمانة (TLS)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>الشبكة</translation>
    </message>
    <message>
        <source>Requests kept on this kiosk</source>
        <translation>الطلبات المحفوظة في الجهاز</translation>
    </message>
    <message>
        <source>Sending of requests</source>
        <translation>إرسال الطلبات</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>طابعة الإيصالات</translation>
    </message>
    <message>
        <source>Card payment terminal</source>
        <translation>جهاز الدفع بالبطاقة</translation>
    </message>
    <message>
        <source>Licence catalogue</source>
        <translation>دليل الرخص</translation>
    </message>
    <message>
        <source>Call for staff</source>
        <translation>طلب الموظفين</translation>
    </message>
    <message>
        <source>Service to the public</source>
        <translation>خدمة الجمهور</translation>
    </message>
    <message>
        <source>Technician door</source>
        <translation>باب الفنيين</translation>
    </message>
    <message>
        <source>Disk space</source>
        <translation>مساحة التخزين</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>يعمل</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>يحتاج إلى متابعة</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>لا يعمل</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Checking every part…</source>
        <translation>جارٍ فحص كل الأجزاء…</translation>
    </message>
    <message>
        <source>The parts could not be checked. Try again.</source>
        <translation>تعذّر فحص الأجزاء. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Overall: %1</source>
        <translation>الحالة العامة: %1</translation>
    </message>
    <message>
        <source>enrolled with the municipality</source>
        <translation>مسجَّل لدى الأمانة</translation>
    </message>
    <message>
        <source>not enrolled yet (kiosk enrol)</source>
        <translation>غير مسجَّل بعد (kiosk enrol)</translation>
    </message>
    <message>
        <source>Kiosk: %1</source>
        <translation>الجهاز: %1</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>الإصدار: %1</translation>
    </message>
    <message>
        <source>Running for (hours:minutes): %1</source>
        <translation>مدة التشغيل (ساعات:دقائق): %1</translation>
    </message>
    <message>
        <source>Enrolment: %1</source>
        <translation>التسجيل: %1</translation>
    </message>
    <message>
        <source>How each part of the kiosk is</source>
        <translation>حالة كل جزء من أجزاء الجهاز</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>إعادة الفحص</translation>
    </message>
    <message>
        <source>Under each part, its own report in English, as the service log has it.</source>
        <translation>تحت كل جزء تقريره كما في سجل الخدمة، بالإنجليزية.</translation>
    </message>
</context>
<context>
    <name>TerminalPanel</name>
    <message>
        <source>Card terminal</source>
        <translation>جهاز الدفع</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>آخر نتيجة</translation>
    </message>
    <message>
        <source>Settle the open purchase</source>
        <translation>تسوية عملية الشراء المعلّقة</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>إعادة الاتصال</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>التحقق مرة أخرى</translation>
    </message>
    <message>
        <source>Connected: terminal %1 (%2)</source>
        <translation>متصل: الجهاز %1 (%2)</translation>
    </message>
    <message>
        <source>Not answering: check its cable and power, then press Reconnect.</source>
        <translation>لا يستجيب: افحص كابله وتغذيته بالكهرباء، ثم اضغط «إعادة الاتصال».</translation>
    </message>
    <message>
        <source>A purchase is waiting to be settled: card payments stay closed until it is. Settle it here.</source>
        <translation>توجد عملية شراء بانتظار التسوية، ويبقى السداد بالبطاقة موقوفًا حتى تُسوّى. سوِّها من هنا.</translation>
    </message>
    <message>
        <source>Nothing settled since this panel opened.</source>
        <translation>لم تُسوَّ أي عملية منذ فتح هذه الشاشة.</translation>
    </message>
    <message>
        <source>No purchase was waiting to be settled.</source>
        <translation>لم تكن هناك عملية شراء بانتظار التسوية.</translation>
    </message>
    <message>
        <source>The terminal could not be asked: the purchase of %1 is still open. Check the cable and try again. Do not charge the card again.</source>
        <translation>تعذّر الاستعلام من جهاز الدفع: عملية الشراء بمبلغ %1 ما زالت معلّقة. افحص الكابل وحاول مرة أخرى. لا تخصم من البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>Approved: %1 was charged (approval code %2). The payment is kept in the outbox and will be sent to the municipality.</source>
        <translation>مقبولة: خُصم مبلغ %1 (رمز الموافقة %2). السداد محفوظ في صندوق الطلبات الصادرة وسيُرسل إلى الأمانة.</translation>
    </message>
    <message>
        <source>Approved: %1 was charged (approval code %2). The municipality has the payment already.</source>
        <translation>مقبولة: خُصم مبلغ %1 (رمز الموافقة %2). وصل السداد إلى الأمانة من قبل.</translation>
    </message>
    <message>
        <source>Approved: %1 was charged (approval code %2), but the payment could not be stored. Note the approval code and report it to the municipality.</source>
        <translation>مقبولة: خُصم مبلغ %1 (رمز الموافقة %2)، لكن تعذّر حفظ السداد. دوِّن رمز الموافقة وأبلغ به الأمانة.</translation>
    </message>
    <message>
        <source>Approved: %1 was charged by a terminal test (approval code %2); it belongs to no invoice.</source>
        <translation>مقبولة: خُصم مبلغ %1 في اختبار لجهاز الدفع (رمز الموافقة %2)، ولا تخص أي فاتورة.</translation>
    </message>
    <message>
        <source>Declined by the bank: nothing was charged.</source>
        <translation>رفضها البنك: لم يُخصم أي مبلغ.</translation>
    </message>
    <message>
        <source>Not charged: the purchase was cancelled or timed out on the terminal.</source>
        <translation>لم يُخصم أي مبلغ: أُلغيت عملية الشراء أو انتهت مهلتها على جهاز الدفع.</translation>
    </message>
</context>
<context>
    <name>Track</name>
    <message>
        <source>Enter the transaction number.</source>
        <translation>أدخل رقم المعاملة.</translation>
    </message>
    <message>
        <source>Use digits only.</source>
        <translation>استخدم الأرقام فقط.</translation>
    </message>
    <message>
        <source>A transaction number has 10 digits, like %1.</source>
        <translation>رقم المعاملة مكوّن من 10 أرقام، مثل %1.</translation>
    </message>
    <message>
        <source>No transaction has the number %1. Check the number in your SMS or receipt.</source>
        <extracomment>The beneficiary asked to see their own transactions (needs identification).</extracomment>
        <translation>لا توجد معاملة بالرقم %1. تحقّق من الرقم في الرسالة النصية أو الإيصال.</translation>
    </message>
    <message>
        <source>There is a problem</source>
        <translation>يوجد خطأ</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>Show status</source>
        <translation>عرض الحالة</translation>
    </message>
    <message>
        <source>Track a transaction</source>
        <translation>متابعة معاملة</translation>
    </message>
    <message>
        <source>Enter the transaction number from your SMS or receipt. You do not need to identify yourself to see where it is.</source>
        <translation>أدخل رقم المعاملة الوارد في الرسالة النصية أو الإيصال. لا تحتاج إلى التحقق من هويتك لمعرفة مكانها.</translation>
    </message>
    <message>
        <source>Transaction number (like %1)</source>
        <translation>رقم المعاملة (مثل %1)</translation>
    </message>
    <message>
        <source>My transactions and licences</source>
        <translation>معاملاتي ورخصي</translation>
    </message>
    <message>
        <source>Track another number</source>
        <translation>متابعة رقم آخر</translation>
    </message>
    <message>
        <source>See all my transactions</source>
        <translation>عرض جميع معاملاتي</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>بدأت: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>انتهت: %1</translation>
    </message>
    <message>
        <source>Not reached: an earlier department refused the application</source>
        <translation>لن تصل إليها المعاملة: رفضتها إدارة سابقة</translation>
    </message>
    <message>
        <source>Not reached yet</source>
        <translation>لم تصل إليها بعد</translation>
    </message>
    <message>
        <source>The fee is due. You can pay it at this kiosk with &quot;Pay fees and bills&quot; on the home screen.</source>
        <translation>الرسوم مستحقة. يمكنك سدادها من هذا الجهاز عبر «سداد الرسوم والفواتير» في الشاشة الرئيسية.</translation>
    </message>
    <message>
        <source>It is approved. The licence is being issued; you will receive an SMS.</source>
        <translation>اعتُمدت المعاملة، والرخصة قيد الإصدار، وستصلك رسالة نصية.</translation>
    </message>
    <message>
        <source>The licence is issued. You can print a summary with a code that verifies it.</source>
        <translation>صدرت الرخصة. يمكنك طباعة ملخص يحمل رمزًا للتحقق منها.</translation>
    </message>
    <message>
        <source>It was not accepted. The reason is under the department that refused it; you can apply again once it is corrected.</source>
        <translation>لم تُقبل المعاملة. السبب مذكور تحت الإدارة التي رفضتها، ويمكنك التقديم مرة أخرى بعد تصحيحه.</translation>
    </message>
    <message>
        <source>The municipality is working on it. You will receive an SMS when it moves to the next department.</source>
        <translation>المعاملة قيد العمل لدى الأمانة. ستصلك رسالة نصية عند انتقالها إلى الإدارة التالية.</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <translation>المعاملة %1</translation>
    </message>
    <message>
        <source>%1, %2. Submitted on %3.</source>
        <translation>%1، %2. قُدّمت في %3.</translation>
    </message>
    <message>
        <source>Licence number: %1</source>
        <translation>رقم الرخصة: %1</translation>
    </message>
    <message>
        <source>The departments it passes through</source>
        <translation>الإدارات التي تمر بها المعاملة</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>التحقق مرة أخرى</translation>
    </message>
    <message>
        <source>Back to the services</source>
        <translation>العودة إلى الخدمات</translation>
    </message>
    <message>
        <source>The municipality cannot be reached</source>
        <translation>تعذّر الاتصال بالأمانة</translation>
    </message>
    <message>
        <source>An inquiry needs the connection to the municipality, and this kiosk cannot reach it at the moment. Nothing was changed.</source>
        <translation>يحتاج الاستعلام إلى الاتصال بالأمانة، وهذا الجهاز لا يستطيع الوصول إليها الآن. لم يتغير أي شيء.</translation>
    </message>
    <message>
        <source>Please try again in a few minutes, or use another kiosk. The SMS messages the municipality sends you also tell you where your transaction is.</source>
        <translation>يُرجى المحاولة بعد دقائق، أو استخدام جهاز آخر. كما تخبرك الرسائل النصية التي ترسلها الأمانة بمكان معاملتك.</translation>
    </message>
    <message>
        <source>Please verify your identity again</source>
        <translation>يُرجى التحقق من هويتك مرة أخرى</translation>
    </message>
    <message>
        <source>For your security, your verification has expired. Nothing was changed.</source>
        <translation>حفاظًا على أمانك، انتهت صلاحية التحقق. لم يتغير أي شيء.</translation>
    </message>
    <message>
        <source>We will send a new code by SMS to your registered mobile.</source>
        <translation>سنرسل رمزًا جديدًا برسالة نصية إلى جوالك المسجّل.</translation>
    </message>
    <message>
        <source>The service could not answer</source>
        <translation>تعذّر على الخدمة الرد</translation>
    </message>
    <message>
        <source>The municipality&apos;s service had a problem with this inquiry. Nothing was changed: an inquiry only reads information.</source>
        <translation>واجهت خدمة الأمانة مشكلة في هذا الاستعلام. لم يتغير أي شيء: الاستعلام يقرأ المعلومات فقط.</translation>
    </message>
    <message>
        <source>Please try again shortly. If it happens again, use another kiosk.</source>
        <translation>يُرجى المحاولة بعد قليل. وإذا تكرر ذلك فاستخدم جهازًا آخر.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>جارٍ الطباعة…</translation>
    </message>
    <message>
        <source>Print a summary</source>
        <translation>طباعة ملخص</translation>
    </message>
    <message>
        <source>Your summary is printed. Please take it from the printer.</source>
        <translation>طُبع الملخص. يُرجى أخذه من الطابعة.</translation>
    </message>
    <message>
        <source>The printer has run out of paper.</source>
        <translation>نفد الورق من الطابعة.</translation>
    </message>
    <message>
        <source>The printer cover is open.</source>
        <translation>غطاء الطابعة مفتوح.</translation>
    </message>
    <message>
        <source>The printer is not available right now.</source>
        <translation>الطابعة غير متاحة الآن.</translation>
    </message>
    <message>
        <source>Scan this code with your phone to see the verified details of licence %1 instead.</source>
        <translation>امسح هذا الرمز بجوالك لعرض البيانات الموثّقة للرخصة %1 بدلًا من الورقة.</translation>
    </message>
</context>
<context>
    <name>TrackHelp</name>
    <message>
        <source>Type the transaction number from your receipt or from the text message the municipality sent you, with its dash, then tap Show status.</source>
        <translation>أدخل رقم المعاملة كما هو في إيصالك أو في الرسالة النصية التي أرسلتها الأمانة، مع الشرطة، ثم اضغط «عرض الحالة».</translation>
    </message>
    <message>
        <source>Each department&apos;s step is shown in order. A step waiting for you says what to bring or do; staff can explain any of them.</source>
        <translation>تظهر خطوات الإدارات بالترتيب. والخطوة التي تنتظرك تبيّن ما عليك إحضاره أو فعله، ويمكن للموظف شرح أي منها.</translation>
    </message>
</context>
<context>
    <name>TransactionStatus</name>
    <message>
        <source>Received</source>
        <translation>مستلمة</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>قيد الدراسة</translation>
    </message>
    <message>
        <source>Field inspection</source>
        <translation>في مرحلة الكشف الميداني</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>بانتظار السداد</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>معتمدة</translation>
    </message>
    <message>
        <source>Licence issued</source>
        <translation>صدرت الرخصة</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>مرفوضة</translation>
    </message>
</context>
</TS>
