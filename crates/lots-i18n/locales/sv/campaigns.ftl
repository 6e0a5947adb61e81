company-visit-message = Meddelande om företagsbesök
the-visit-is-recorded-as-made = Besöket är registrerat som genomfört. Du kan komplettera anteckningarna.
needs = Behov
challenges = Utmaningar
development-areas = Utvecklingsområden
refer-the-company = Hänvisa företaget
no-referral-now = Ingen hänvisning nu
to-a-network = Till ett nätverk
to-an-event = Till ett evenemang
to-a-unit = Till en enhet
followed-up-by = Följs upp av
yyyy-mm-dd-when-the-municipality = ÅÅÅÅ-MM-DD, då hör kommunen av sig till företaget
save-the-visit = Spara besöket
referrals = Hänvisningar
record-the-visit = Registrera besöket
the-visit-is-cancelled = Besöket är avbokat.
the-text-may-be-at-most = Texten får vara högst 4 000 tecken.
choose-where-the-company-is-referred = Välj vart företaget hänvisas.
the-network-is-for-staff-not = Nätverket är för medarbetare, inte företag.
move-to = Flytta till
status-of-the-visit-to = Status för besöket hos
moved-by-hand = flyttat för hand
move-the-visit-to = Flytta besöket hos
move = Flytta
choose-a-case-officer-of-the = Välj en handläggare i kampanjen.
closed = stängt
every-case-officer-visits-a-number = Varje handläggare besöker ett antal företag under en period. Planen fördelar företagen så att den sammanlagda kostnaden – relevans, resväg och prioritet – blir så låg som möjligt, och jäv respekteras.
campaign = Kampanj
visits = Besök
draft = Utkast
campaign-closed = Avslutad
no-campaigns-yet = Inga kampanjer ännu.
new-campaign = Ny kampanj
for-example-the-springs-company-visits = Till exempel: Vårens företagsbesök
first-day = Första dagen
last-day = Sista dagen
visits-per-case-officer = Besök per handläggare
the-case-officers-of-these-units = Handläggarna i dessa enheter deltar
which-companies-may-be-visited = Vilka företag kan besökas?
create-the-campaign = Skapa kampanjen
no-plan-is-possible = Ingen plan är möjlig.
the-plan = Planen
plan-again-booked-and-made-visits = Planera om: bokade och genomförda besök ligger kvar.
share-the-companies-out-among-the = Fördela företagen på handläggarna.
plan-again = Planera om
plan-the-visits = Planera besöken
planned = Planerat
booked = Bokat
done = Genomfört
cancelled = Avbokat
no-visits-are-planned-yet = Inga besök är planerade ännu.
conflicts-of-interest = Jäv
a-member-of-staff-with-a = En medarbetare med personlig koppling till ett företag får inte besöka det. Planen tar aldrig med ett sådant par.
for-example-a-relative-owns-the = Till exempel: närstående äger företaget
register-the-conflict = Registrera jäv
enter-the-campaigns-name = Skriv kampanjens namn.
enter-the-first-day-as-2026 = Skriv första dagen som { EXAMPLE_DAY() }.
enter-the-last-day-as-2026 = Skriv sista dagen som { EXAMPLE_DAY() }, efter första dagen.
visits-per-case-officer-must-be = Antal besök per handläggare ska vara 1–50.
choose-a-unit-with-case-officers = Välj en enhet med handläggare.
enter-why-the-member-of-staff = Skriv varför medarbetaren är jävig.
answers-per-question = Svarsfördelning per fråga
free-text-answers = Fritextsvar
no-answers = Inga svar.
optional-lower = frivillig
issues-companies-raised-at-visits-that = Frågor som företag tog upp vid besök och som du har lovat att återkomma om. Försenade först.
feedback-overdue = Försenad
the-visit = Besöket
what-answer-did-the-company-get = Vad fick företaget för svar?
answered = Återkopplat
you-have-no-answers-left-to = Du har ingen återkoppling kvar att ge.
length-of-a-visit-in-minutes = Besökets längd i minuter
question-battery-at-the-visit = Frågebatteri vid besöket
where-things-stand = Läget
visits-planned-lower = planerade
visits-booked-lower = bokade
made = genomförda
visits-cancelled-lower = avbokade
by-officer = Per handläggare
by-unit = Per enhet
by-area = Per område
by-industry = Per bransch
visits-planned = Planerade
visits-booked = Bokade
visits-made = Genomförda
visits-cancelled = Avbokade
referrals-and-answers = Hänvisningar och återkoppling
no-referrals-yet = Inga hänvisningar ännu.
answers-to-companies = Återkoppling
follow-up-survey-heading = Uppföljande enkät
the-whole-result = Hela resultatet
too-few-answers-to-show-lower = för få svar för att visas
companies-get-the-survey-once-their = Företagen får enkäten när deras besök är registrerat.
your-new-calendar-address-is-shown = Din nya kalenderadress visas bara nu. Kopiera den och lägg till den som prenumeration i din kalender.
calendar-address = Kalenderadress
back-to-the-account = Tillbaka till kontot
visitors = Besökare
and = och
the-visit-is-booked = Besöket är bokat.
you-will-get-a-confirmation-with = Ni får en bekräftelse med en kalenderfil i mejlet.
you-will-get-a-confirmation-by = Ni får en bekräftelse i mejlet.
the-campaign-has-closed-so-the = Kampanjen är avslutad, så besöket kan inte längre bokas här. Kontakta kommunen om ni vill träffas.
the-visit-is-cancelled-contact-the = Besöket är avbokat. Kontakta kommunen om ni ändå vill träffas.
the-visit-has-been-made-thank = Besöket är genomfört. Tack för att ni tog emot oss!
change-to-another-time = Byt till en annan tid
choose-a-time-that-suits-you = Välj en tid som passar er
no-times-have-been-offered-yet = Inga tider är föreslagna ännu.
change-time = Byt tid
book-the-visit = Boka besöket
cancel-the-visit = Avboka besöket
none-of-the-times-suits-you = Passar ingen av tiderna? Svara på mejlet så hittar vi en annan.
the-company-has-been-offered-times = Företaget har fått förslag på tider men inte bokat än.
book-by-phone = Boka per telefon
another-time-we-agreed-on = En annan tid som vi kom överens om
yyyy-mm-dd-a-working-day = ÅÅÅÅ-MM-DD, en arbetsdag inom kampanjens period
clock-time = Klockan
book-the-time = Boka tiden
the-company-cancels = Företaget avbokar
comes-along = Följer med
issues-the-company-raised-that-someone = Frågor företaget tog upp som någon ska återkomma om: vem och senast när.
issue = Fråga
what-the-company-wants-an-answer = Vad företaget vill ha svar på
feedback-by = Återkopplar
referral = Hänvisning
promised-answers = Utlovad återkoppling
feedback-given-lower = återkopplat
report-to-the-board-printable = Rapport till nämnden (utskriftsvänlig)
offer-times-on-working-days-within = Föreslå tider på arbetsdagar inom handläggarnas arbetstid och skicka varje företag en personlig länk att boka med. Bokade besök ligger kvar.
offer-times-and-send-booking-links = Föreslå tider och skicka bokningslänkar
overdue-answers = Försenad återkoppling
absence = Frånvaro
days-when-an-officer-cannot-make = Dagar då en handläggare inte kan göra besök. Inga tider föreslås då.
for-example-holiday = Till exempel: semester
register-absence = Registrera frånvaro
close-the-campaign = Avsluta kampanjen
once-the-campaign-is-closed-the = När kampanjen är avslutad fungerar inte bokningslänkarna längre. Besöken och resultaten finns kvar.
printed = utskriven
print-the-page-or-save-it = Skriv ut sidan eller spara den som PDF med webbläsarens utskrift (Ctrl+P).
what-the-companies-said = Vad företagen sa
no-visits-have-been-recorded-yet = Inga besök är registrerade ännu.
the-follow-up-survey-question-by = Den uppföljande enkäten, fråga för fråga
report = Rapport
company-visit-at = Företagsbesök hos
choose-who-answers = Välj vem som återkopplar.
write-the-date-by-which-the = Skriv datumet då företaget senast får svar som { EXAMPLE_DAY() }.
write-what-answer-the-company-got = Skriv vad företaget fick för svar.
a-visit-must-be-15-480 = Ett besök ska vara 15–480 minuter.
write-the-last-day-as-2026 = Skriv sista dagen som { EXAMPLE_DAY() }, samma dag som första eller senare.
choose-a-time = Välj en tid.
choose-one-of-the-offered-times = Välj en av de föreslagna tiderna.
choose-a-working-day-within-the = Välj en arbetsdag inom kampanjens period (inte helgdag eller klämdag som kontoret har stängt).
the-visit-has-already-been-made = Besöket är redan genomfört.
choose-someone-other-than-the-officer = Välj någon annan än handläggaren som gör besöket.
someone-else-just-booked-or-changed = Besöket bokades eller ändrades nyss av någon annan. Se den aktuella tiden och försök igen om den inte passar.
the-campaign-is-closed = Kampanjen är avslutad.
the-absence-of = frånvaron för
number-of-months-empty-means-all = Antal månader; tomt betyder alla.
working-day = Arbetsdag
working-day-starts = Arbetsdagen börjar
working-day-ends = Arbetsdagen slutar
working-hours-and-starting-point = Arbetstid och utgångspunkt
only-the-hand-picked-companies = Bara de handplockade företagen
only-companies-dissatisfied-in-their-latest = Bara företag som var missnöjda i senaste enkäten (NKI under 62)
points-removed = Borttagna punkter
the-latest-version-is-already-published = Den senaste versionen är redan publicerad. Ändra punkterna för att göra en ny version.
one-point-per-line-at-most = En punkt per rad, högst 40.
one-point-per-line-changing-a = En punkt per rad. Ändrar du en publicerad version blir det en ny version, och enheterna kvitterar den på nytt när den publiceras.
a-checklist-is-what-an-office = En punktlista är det ett kontor tar med sig från en besökskampanj: vad varje besök ska täcka och vad företagen pekade på. Den publiceras till enheter i versioner, och varje enhets chef kvitterar den.
units-acknowledgements = Enheternas kvittens
from-the-campaign = Från kampanjen
preview-the-selection = Förhandsvisa urvalet
make-a-checklist-from-the-campaigns = Gör en punktlista av kampanjens resultat
hand-picked-companies = Handplockade företag
had-cases-in-the-last-months = Har haft ärenden de senaste månaderna
no-checklists-yet = Inga punktlistor ännu.
not-visited-in-the-last-months = Inte besökta de senaste månaderna
not-yet = Inte ännu
the-office = Kontoret
acknowledge-for = Kvittera för
acknowledged = Kvitterad
acknowledged-by-units = Kvitterad av enheter
new-checklist = Ny punktlista
new-in-the-register-in-the = Nya i registret de senaste månaderna
new-points = Nya punkter
someone-else-just-changed-the-checklist = Någon annan ändrade punktlistan nyss. Läs den igen och ändra.
organisation-numbers-or-names-one-per = Organisationsnummer eller namn, ett per rad. De kommer alltid med och prioriteras.
publish = Publicera
publish-version = Publicera version
checklist-published = Publicerad
points = Punkter
the-points-are-a-suggestion-from = Punkterna är ett förslag från kampanjens frågebatteri och vad besöken visade. Ändra dem innan du sparar.
checklist = Punktlista
checklist-after = Punktlista efter
checklists = Punktlistor
checklists-from-the-campaigns = Punktlistor från kampanjerna
checklist-title = Rubrik
the-page-prints-as-a-checklist = Sidan skrivs ut som en punktlista utan menyer och formulär.
write-at-least-one-company-one = Skriv minst ett företag, ett organisationsnummer eller namn per rad.
write-the-checklists-title = Skriv punktlistans rubrik.
write-a-number-of-months = Skriv antal månader, 1–120.
save-the-working-hours = Spara arbetstiden
save-the-points = Spara punkterna
save-the-draft = Spara utkastet
times-are-offered-within-each-officers = Tider föreslås inom varje handläggares arbetsdag. Planen räknar resvägen från handläggarens hemområde, eller från kontoret när inget område är valt.
to-these-units = Till dessa enheter
the-selection = Urvalet
the-selection-is-not-enough-widen = Urvalet räcker inte: vidga det eller minska antalet besök.
sets-out-from = Utgår från
someone-else-just-published-the-version = Versionen publicerades nyss av någon annan.
versions = Versioner
choose-a-campaign = Välj en kampanj.
choose-an-area-of-the-municipality = Välj ett område i kommunen.
choose-at-least-one-unit-to = Välj minst en enhet att publicera till.
draft-not-published = utkast, inte publicerat
change-the-points = Ändra punkterna
the-selection-is-too-wide = Urvalet ger fler än 5 000 företag. Avgränsa det med område, bransch, storlek eller villkoren nedan.
officers-need-visits = { $officers ->
        [one] { $officers } handläggare i de valda enheterna behöver
       *[other] { $officers } handläggare i de valda enheterna behöver
    } { $visits } besök.
and-more = och { $count } till.
count-case-officers = { $count } handläggare
count-visits = { $count } besök
count-companies-in-the-selection = { $count } företag i urvalet
count-working-days = { $count ->
        [one] { $count } arbetsdag i perioden
       *[other] { $count } arbetsdagar i perioden
    }
units-have-acknowledged-of = { $count ->
        [one] { $done } av { $count } enhet har kvitterat
       *[other] { $done } av { $count } enheter har kvitterat
    }
count-referred = { $count ->
        [one] { $count } hänvisad
       *[other] { $count } hänvisade
    }
count-followed-up = { $count ->
        [one] { $count } uppföljd
       *[other] { $count } uppföljda
    }
feedback-figures = { $count } utlovade, { $done } klara, { $overdue } försenade.
visited-companies-have-answered-of = { $count ->
        [one] { $done } av { $count } besökt företag har svarat.
       *[other] { $done } av { $count } besökta företag har svarat.
    }
count-overdue = { $count ->
        [one] { $count } försenad
       *[other] { $count } försenade
    }
published-on-by = publicerad { $day } av { $name }

## A company visit in calendars and e-mails.
visit-when = { $day } kl. { $starts }–{ $ends }
visit-calendar-summary = Företagsbesök: { $company }
visit-calendar-companion = { " " }och { $name }
visit-calendar-description =
    { $officer } från { $municipality }{ $companion } besöker { $company }.
    { $campaign }
visit-mail-companion = { " " }tillsammans med { $name }
visit-mail-change-link =
    Vill ni byta tid eller avboka? Gör det här:
    { $link }
visit-mail-offer-subject = { $municipality } vill besöka { $company }
visit-mail-offer-body =
    Hej!

    { $municipality } vill gärna komma på besök och höra hur det går för { $company } och vad kommunen kan göra bättre. { $officer } kommer. Besöket tar ungefär { $minutes } minuter.

    Välj den tid som passar er bäst:
    { $times }

    Boka här, utan inloggning:
    { $link }

    Passar ingen av tiderna? Svara på det här mejlet så hittar vi en annan.
visit-mail-booked-subject = Bokat: företagsbesök hos { $company }
visit-mail-booked-body =
    Hej!

    Besöket hos { $company } är bokat { $when }.
    { $officer } från { $municipality } kommer{ $companion }.

    Kalenderfilen i mejlet lägger in besöket i kalendern, eller ersätter en tidigare tid.
visit-mail-cancelled-subject = Avbokat: företagsbesök hos { $company }
visit-mail-cancelled-body =
    Hej!

    Besöket hos { $company } är avbokat. Kalenderfilen i mejlet tar bort det ur kalendern.

    Vill ni ändå träffa { $municipality }? Svara på det här mejlet.
visit-to = Besök: { $company }

## Why a company is among a campaign's candidates.
why-hand-picked = Handplockat
why-low-satisfaction = NKI { $nki } i senaste enkäten
why-selected = Urvalet
selection-too-small-for-the-visits = Urvalet har { $companies } företag men kampanjen behöver { $visits } besök. Vidga urvalet eller minska antalet besök.
officer-has-a-conflict-of-interest = { $officer } är jävig mot { $company }.
line-company-not-in-register = Rad { $line }: ”{ $name }” finns inte i registret.
line-company-deregistered = Rad { $line }: { $name } är avregistrerat.
only-the-manager-can-acknowledge = Bara chefen för { $unit } kan kvittera punktlistan.
officer-already-has-a-visit-then = { $officer } har redan ett besök den tiden. Välj en annan tid.
write-the-working-day-as = Skriv arbetsdagen som 08:00 och 16:30; den ska rymma ett besök på { $minutes } minuter.
officer-visits-company-because = { $officer } besöker { $company }: { $relevance }, { $journey ->
        [short] kort resväg
       *[long] cirka { $minutes } minuters resväg
    }{ $priority ->
        [high] , och företaget har hög prioritet
       *[other] {""}
    }.
why-the-unit-knows-the-company = enheten känner företagets ärenden och bransch
why-the-unit-partly-knows-the-company = enheten känner delvis företagets verksamhet
why-no-closer-unit-had-room = ingen enhet med närmare koppling hade plats
too-few-companies-for-the-visits = Urvalet har { $companies } företag men kampanjen behöver { $visits } besök. Vidga urvalet eller minska antalet besök.
officer-blocked-by-conflicts = { $officer } ska göra { $visits } besök men får bara besöka { $possible } av företagen i urvalet (jäv). Minska besöken eller vidga urvalet.
conflicts-leave-too-few = Jäven gör att { $officers } inte alla kan få sina besök bland företagen i urvalet. Vidga urvalet.
point-is-longer-than = Punkt { $point } är längre än { $max } tecken.
point-repeats-point = Punkt { $point } upprepar punkt { $earlier }.
write-at-least-one-point = Skriv minst en punkt, en per rad.
a-checklist-has-at-most-points = En punktlista har högst { $max } punkter; den här har { $count }.
officer-visits-company-moved-by-hand = { $officer } besöker { $company }: flyttat för hand av { $actor }.
the-working-day-is-too-short = { $officer }s arbetsdag är för kort för ett besök på { $minutes } minuter.
officer-has-no-time-for-the-visits = { $officer } har inte tid för { $visits } besök mellan { $from } och { $to }: bara { $free } lediga tider. Förläng perioden, ändra arbetstiden eller flytta besök till någon annan.
unknown-industry = Okänd bransch
without-a-unit = Utan enhet
without-an-area = Utan område
choose-someone-with-an-active-account = Välj någon med ett aktivt konto: bara den kan få besökets kalenderfil.

## The parts of a campaign's page
campaign-sections = Kampanjens delar
campaign-section-overview = Översikt
campaign-section-plan = Plan
campaign-section-visits = Besöken
campaign-section-said = Vad företagen sa
campaign-section-referrals = Hänvisningar och återkoppling
campaign-section-follow-up = Uppföljningsenkät
