a-note-may-be-at-most = Anteckningen får vara högst 2 000 tecken.
the-survey-after-closed-cases = Enkäten efter avslutade ärenden
send-the-insikt-survey-to-those = Skicka Insikt-enkäten till dem vars ärende avslutats
every-month = Varje månad
every-quarter = Varje kvartal
choose-month-or-quarter = Välj månad eller kvartal.
start-measuring = Börja mäta
contact-reasons = Kontaktorsaker
add-the-area = Lägg till området
add-the-reason = Lägg till orsaken
measure-with-the-insikt-survey = Mät med Insikt-enkäten
measured-with-insikt = Mäts med Insikt
new-reason = Ny orsak
new-area = Nytt område
pbl-10-weeks = PBL: 10 veckor
service-areas = Myndighetsområden
stop-measuring = Sluta mäta
deadline-under-pbl-10-weeks-from = Tidsfrist enligt PBL (10 veckor från komplett ansökan)
for-example-shore-protection = Till exempel: Strandskydd
the-change-is-saved = Ändringen är sparad.
cases-belong-to-an-area-closed = Ärenden hör till ett område. Avslutade ärenden i ett mätt område får Insikt-enkäten i nästa månadsutskick.
write-the-areas-name-at-most = Skriv områdets namn, högst 100 tecken.
that-area-already-exists = Det området finns redan.
write-the-reason-at-most-100 = Skriv orsaken, högst 100 tecken.
that-reason-already-exists = Den orsaken finns redan.
reporter = Anmälare
responsible-unit = Ansvarig enhet
cases-closed = Avslutade
describe-the-fault = Beskriv felet
an-address-a-crossing-or-a = En adress, en korsning eller en plats som går att hitta, till exempel Mätarvägen 6, Brunna.
fault-report = Felanmälan
report-a-fault-to = Felanmälan till { $municipality }
companies-and-residents-report-faults-in = Företag och invånare anmäler fel i formuläret
concerns = Gäller
no-fault-reports-here = Inga felanmälningar här.
i-know-the-coordinates = Jag vet koordinaterna
leave-your-e-mail-address-and = Lämna din e-postadress så berättar vi när felet är åtgärdat. Uppgifterna används bara för den här felanmälan.
message-to-the-reporter = Meddelande till den som anmälde
possible-duplicate-the-same-kind-of = Möjlig dubblett: samma slags fel har anmälts nära samma plats de senaste två veckorna:
number = Nummer
new-status = Ny status
latest-message = Senaste meddelande
send-the-report = Skicka felanmälan
sent-by-e-mail-if-the = Skickas med e-post om anmälaren lämnat sin adress, och visas över Open311.
save-the-status = Spara status
thank-you-for-your-report = Tack för din felanmälan
for-example-17-6369 = Till exempel 17,6369
for-example-59-5115 = Till exempel 59,5115
what-do-you-want-to-report = Vad vill du anmäla? Välj det som stämmer bäst.
where-is-the-fault = Var finns felet?
do-you-want-to-hear-back = Vill du få besked?
choose-something-else = Välj något annat
or-with-an-app-over-open311 = eller med en app över Open311.
has-received-your-report-its-number = har tagit emot din felanmälan. Dess nummer är
change-the-status = Ändra status
open = Öppna
received = Mottagen
being-fixed = Åtgärdas
fixed = Åtgärdad
closed-without-action = Avslutad utan åtgärd
choose-what-the-fault-concerns = Välj vad felet gäller.
the-place-has-wrong-coordinates = Platsen har fel koordinater.
give-both-latitude-and-longitude = Ange både latitud och longitud.
write-where-the-fault-is-an = Skriv var felet finns: en adress eller en plats.
the-description-may-be-at-most = Beskrivningen får vara högst 4 000 tecken.
the-address-is-too-long = Adressen är för lång.
answer-the-question-with-one-of = Svara på frågan med ett av alternativen.
note = Anteckning
case-number-if-it-concerns-a = Diarienummer (om det gäller ett ärende)
unit-that-took-it = Enhet som tog emot
company-if-known = Företag (om det är känt)
how-did-the-company-get-in = Hur hörde företaget av sig?
no-contacts-logged-yet = Inga kontakter loggade ännu.
no-unit-given = Ingen enhet angiven
yes-at-once = Ja, direkt
channel = Kanal
the-contact-is-logged = Kontakten är loggad.
contacts = Kontakter
log-the-contact = Logga kontakten
logged-by = Loggad av
passed-to-unit = Lämnades till enhet
resolved-at-once = Löst direkt
resolved-at-once-plural = Lösta direkt
resolved-at-first-contact = Lösta vid första kontakten
was-the-question-resolved-at-once = Löstes frågan direkt?
name-or-organisation-number = Namn eller organisationsnummer.
no-passed-on = Nej, lämnades vidare
reason = Orsak
latest-contacts = Senaste kontakterna
most-common-reason = Vanligaste orsaken
why-companies-get-in-touch = Varför företagen hör av sig
why = Varför?
visit-to-the-front-desk = Besök i receptionen
meeting = Möte
the-web = Webben
choose-how-the-company-got-in = Välj hur företaget hörde av sig.
choose-why-the-company-got-in = Välj varför företaget hörde av sig.
choose-the-unit-that-takes-over = Välj enheten som tar över, eller markera att frågan löstes direkt.
no-case-has-that-case-number = Inget ärende har det diarienumret.
no-company-matches-write-the-name = Inget företag matchar. Skriv namnet eller organisationsnumret, eller lämna fältet tomt.
n-90th-percentile-days = 90:e percentilen (dagar)
all-cases = Alla ärenden
fee = Avgift
the-fee-is-reduced-by = Avgiften sätts ned med
case-closed = Avslutat
late-cases-only = Bara sena ärenden
decided-cases = Beslutade ärenden
decided = Beslutat
the-decision-came = Beslutet kom
days-from-when-the-case-came = Dagar från att ärendet kom in till beslut, för ärenden som kom in under periodens månader och har beslut. Andelen i tid räknas på ärenden med en lagstadgad tidsfrist.
break-down-by = Dela upp per
case-number = Diarienummer
case-number-company-name-or-organisation = Diarienummer, företagsnamn eller organisationsnummer.
handling-times = Handläggningstider
no-cases-yet = Inga ärenden ännu
no-statutory-deadline-or-the-application = Ingen lagstadgad tidsfrist, eller ansökan är inte komplett
no-case-matches-the-search = Inget ärende matchar sökningen.
case-received-on = Inkom
within-the-deadline = Inom tidsfristen
complete = Komplett
contact-person = Kontaktperson
median-days = Median (dagar)
month = Månad
undecided-for-six-months = Obeslutat i sex månader
search-cases = Sök ärende
deadline = Tidsfrist
decision-deadline = Tidsfrist för beslut
the-deadline-passed-on = Tidsfristen gick ut
extended-by = förlängd med
if-the-decision-comes-today-pbl = om beslutet kommer i dag (PBL 12 kap. 8 a §).
case = Ärende
cases-running-late = Ärenden som är sena
cases-come-from-the-municipalitys-case = Ärendena kommer från kommunens ärendesystem: importera en fil med lots import cases eller låt systemet skicka dem till API:t.
the-case-has-not-been-decided = Ärendet har inte avgjorts inom sex månader. Sökanden kan begära att det avgörs (förvaltningslagen 12 §).

## The e-mail to someone who reported a fault, when its status changes.
fault-status-mail-subject = Din felanmälan { $id }: { $status }
fault-status-mail-body =
    Hej,

    din felanmälan till { $municipality } om ”{ $service }” ({ $place }) har fått status: { $status }.
    { $note }
    Felanmälans nummer: { $id }.

    Det här är ett automatiskt meddelande.
fault-status-mail-place-unknown = platsen du angav
count-cases = { $count ->
        [one] { $count } ärende
       *[other] { $count } ärenden
    }
count-days-late = { $count ->
        [one] { $count } dag sent
       *[other] { $count } dagar sent
    }
count-days-after-the-deadline = { $count ->
        [one] { $count } dag efter tidsfristen
       *[other] { $count } dagar efter tidsfristen
    }
count-started-weeks = { $count ->
        [one] { $count } påbörjad vecka
       *[other] { $count } påbörjade veckor
    }
count-weeks = { $count ->
        [one] { $count } vecka
       *[other] { $count } veckor
    }
unknown-unit-known-units = Okänd enhet. Kända enheter: { $known }.
unknown-area = Okänt område.
the-message-may-be-at-most-2000 = Meddelandet får vara högst 2 000 tecken.
several-companies-match = Flera företag matchar: { $names }. Skriv hela namnet eller organisationsnumret.
the-decision-is-before-the-case-was-received = Beslutsdatumet ligger före inkomstdatumet.
the-case-cannot-be-complete-before-received = Ärendet kan inte vara komplett före inkomstdatumet.
the-deadline-extends-at-most-ten-weeks = Tidsfristen kan förlängas en gång med högst 10 veckor.
write-the-date-as-yyyy-mm-dd = Skriv datumet som ÅÅÅÅ-MM-DD, till exempel { EXAMPLE_DAY() }.
the-case-number-is-missing = Diarienumret saknas.
the-case-number-is-too-long = Diarienumret är för långt eller har otillåtna tecken.
the-extension-is-weeks-zero-to-ten = Förlängningen ska vara ett antal veckor, 0–10.
the-closing-is-before-the-case-was-received = Avslutsdatumet ligger före inkomstdatumet.
the-fee-is-an-amount-in-kronor = Avgiften ska vara ett belopp i kronor, till exempel 12 400.
unknown-area-known-areas = Okänt område. Kända områden: { $areas }.
column-company = Företag
column-contact-e-mail = Kontaktpersonens e-post
column-contact-phone = Kontaktpersonens telefon
column-decided = Beslutsdatum
column-extension-weeks = Förlängning (veckor)
column-extension-decision = Förlängningsbeslut
column-decision = Beslut
column-fee = Avgift (kr)
the-picture-address-is-http-or-https = Bildadressen ska vara en http- eller https-adress.
the-case-number-is-already-on-line = Diarienumret finns redan på rad { $line }.
survey-state-queued = Väntar på månadens utskick
survey-state-not-measured = Myndighetsområdet mäts inte
survey-state-invited = Inbjuden till enkäten
survey-state-quarantine = Tillfrågad nyligen, frågas inte igen än
survey-state-no-contact = Ingen e-postadress att fråga
fault-channel-web = via kommunens webbformulär
fault-channel-open311 = via en Open311-app
cli-cases-generated = { $count } ärenden skrivna till { $file }.
cli-by-area-unit-or-month = --by ska vara area, unit eller month.
cli-computed-in = beräknat på { $ms } ms
officer = Handläggare
service-area = Myndighetsområde

## Following a fault report
fault-receipt-subject = Felanmälan { $id } till { $municipality } är mottagen
fault-receipt-body = Tack! { $municipality } har tagit emot din felanmälan om { $service }. Den har nummer { $id }.
    Här ser du vad som händer med den, kan lägga till något eller öppna den igen om felet finns kvar: { $link }
fault-receipt-on-its-way = Om du lämnade din e-postadress får du ett kvitto med numret och en länk där du kan följa felanmälan, lägga till något eller öppna den igen. Du får också ett meddelande när den får en ny status.
fault-your-report = Din felanmälan { $id }
fault-status-now = nu: { $status }
fault-followed-through = Samma fel hade redan anmälts. Din felanmälan följer nu felanmälan { $id }.
fault-what-has-happened = Det här har hänt
fault-add-to-your-report = Lägg till något
fault-not-fixed-reopen = Finns felet kvar?
fault-what-do-you-want-to-add = Vad vill du lägga till?
fault-add-hint = Till exempel att felet har blivit värre eller var det finns. Högst { $max } tecken.
fault-write-what-you-want-to-add = Skriv vad du vill lägga till, högst { $max } tecken.
fault-send-the-addition = Skicka
fault-reopen-the-report = Öppna felanmälan igen
fault-added-thank-you = Tack! Det du skrev är tillagt i felanmälan.
fault-reopened-thank-you = Tack! Felanmälan är öppen igen och hamnar åter hos dem som åtgärdar den.
fault-the-reporter = Den som anmälde
fault-the-report-came-in = Felanmälan kom in
fault-history = Historik
fault-merged = Sammanslagen
fault-merged-into = Samma fel som felanmälan { $id }
fault-merged-from = Felanmälan { $id } gäller samma fel
fault-merge-heading = Samma fel som en annan felanmälan?
fault-merge-intro = Slå ihop den här felanmälan med den den upprepar. Den som anmälde får sedan besked när den andra ändras.
fault-the-report-it-repeats = Felanmälan som den upprepar
fault-merge-button = Slå ihop
fault-choose-another-report-to-merge-into = Välj en annan felanmälan att slå ihop med.
fault-use-my-position = Använd min position
fault-finding-your-position = Söker din position …
fault-position-found = Positionen är ifylld under ”Jag vet koordinaterna”.
fault-position-failed = Positionen gick inte att hämta. Skriv en adress eller plats i stället.
fault-photos = Bilder
fault-photos-hint = Högst { $max } bilder i JPEG eller PNG, högst { $mib } MB var. Vi tar bort platsuppgifter och annat som kameran sparar i bilden.
fault-photos-choose-again = Välj bilderna igen: webbläsaren kan inte spara dem åt dig.
fault-photo-n-of-report = Bild { $n } till felanmälan { $id }
fault-photos-at-most = Du kan skicka högst { $max } bilder.
fault-photo-too-large = Bild { $n } är större än { $mib } MB.
fault-photo-not-a-picture = Bild { $n } är inte en JPEG- eller PNG-bild.
fault-map-hint = Klicka där felet finns, eller flytta kartan med knapparna och välj kartans mitt.
fault-map-zoom-in = Zooma in
fault-map-zoom-out = Zooma ut
fault-map-north = Flytta kartan norrut
fault-map-south = Flytta kartan söderut
fault-map-west = Flytta kartan västerut
fault-map-east = Flytta kartan österut
fault-map-mark-the-centre = Välj kartans mitt
fault-map-marked = Platsen är markerad. Koordinaterna står under ”Jag vet koordinaterna”.
