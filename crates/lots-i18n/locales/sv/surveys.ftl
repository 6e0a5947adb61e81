survey-reminder = Påminnelse om enkät
survey-invitation = Inbjudan till enkät
the-round-is-anonymous-this-page = Omgången är anonym: här syns inte vem som har svarat eller fått påminnelser, bara hur många. Påminnelser går ändå bara till dem som inte har svarat. Ett svar per telefon kan anges för vem som helst av de inbjudna; sidan visar inte om den redan har svarat.
equal-indices-share-a-rank = Lika index delar plats.
all-answers-equal = alla svar lika
index-0-100-with-a-95 = Index 0–100 med 95 % konfidensintervall och SKR:s betygsnivå, satt på indexet avrundat till heltal (inom parentes). Resultat från färre än
where-a-hidden-result-could-otherwise = Där ett dolt resultat annars kunde räknas fram ur totalen döljs också ett närliggande, och antalet svar visas inte för dolda resultat.
active-companies-match = aktiva företag matchar.
more-answers-than-invited = Fler svar än inbjudna.
saved-filters = Sparade urval
save-the-filter-as = Spara urvalet som
save-the-filter = Spara urvalet
show-the-question-only-if = Visa frågan bara om
the-question = Frågan
always-show = Visa alltid
was-answered-with = besvarades med
the-answers-value-ja-nej-a = Svarets värde: ja, nej, ett tal eller ett svarsalternativ.
write-which-answer-shows-the-question = Skriv vilket svar som ska visa frågan, till exempel ja.
the-question-can-only-depend-on = Frågan kan bara visas beroende på en fråga före den.
invite-and-send-the-survey = Bjud in och skicka enkäten
municipalities-taking-part = Deltagande kommuner
a-joint-measurement-is-a-survey = En gemensam mätning är en enkätomgång i varje deltagande medlemskommun med samma frågebatteri och samma datum. Kommunerna bjuder in sina egna företag; du ser resultaten sida vid sida, aldrig vem som svarat.
no-joint-measurements-yet = Inga gemensamma mätningar ännu.
no-answers-yet = Inga svar ännu.
comparison-with-the-others-taking-part = Jämförelse med de andra deltagarna
the-municipalitys-part-of-the-joint = Kommunens del av den gemensamma mätningen
municipalities = Kommuner
measurement = Mätning
name-of-the-measurement = Namn på mätningen
new-joint-measurement = Ny gemensam mätning
the-results-are-compared-with-the = Resultaten jämförs med de andra deltagande kommunerna.
start-the-measurement-in-the-chosen = Starta mätningen i de valda kommunerna
for-example-insikt-2026 = Till exempel: Insikt 2026
does-not-use-lots = använder inte Lots
part-of = del av
already-invited = redan inbjudet
choose-at-least-one-member-municipality = Välj minst en medlemskommun.
there-is-already-a-measurement-with = Det finns redan en mätning med det namnet.
the-round-has-closed = Omgången har stängt.
results-for-a-period = Resultat för en period
show-the-results = Visa resultaten
answers = svar
no-rounds-with-that-question-battery = Inga omgångar med det frågebatteriet under perioden.
write-an-end-date-like-2026 = Skriv ett slutdatum som { EXAMPLE_DAY() }, samma dag som starten eller senare.
edit-the-draft = Ändra utkastet
make-a-new-version = Gör en ny version
changes-are-saved-in-the-draft = Ändringarna sparas i utkastet; svar samlas först när versionen publicerats.
add-a-question = Lägg till en fråga
section = Avsnitt
question-type = Frågetyp
the-question-in-swedish = Frågan på svenska
the-question-in-english = Frågan på engelska
for-a-scale = För en skala
lowest-value = Lägsta värde
highest-value = Högsta värde
label-of-the-lowest-value = Text vid lägsta värdet
label-of-the-highest-value = Text vid högsta värdet
options-one-per-line-for-choices = Svarsalternativ, ett per rad (för val)
feeds-the-index = Ingår i index
none-neuter = Inget
required = Obligatorisk
add-the-question = Lägg till frågan
done-heading = Klar
write-the-question-in-swedish = Skriv frågan på svenska.
write-at-least-two-options-one = Skriv minst två svarsalternativ, ett per rad.
the-scales-lowest-value-must-be = Skalans lägsta värde ska vara ett heltal.
the-scales-highest-value-must-be = Skalans högsta värde ska vara ett heltal.
the-scale-must-go-upwards-with = Skalan ska gå uppåt, med högst elva steg.
choose-a-question-type = Välj frågetyp.
only-scale-questions-can-feed-an = Bara skalfrågor kan ingå i ett index.
choose-a-section = Välj avsnitt.
the-question-cannot-be-removed-another = Frågan kan inte tas bort: en annan fråga visas bara beroende på den, eller så blir batteriet tomt.
export-the-answers-csv = Exportera svaren (CSV)
export-the-answers-xlsx = Exportera svaren (XLSX)
without-companies-the-round-is-anonymous = utan företag: omgången är anonym
the-round-is-anonymous-and-has = Omgången är anonym och har för få svar för att svaren ska kunna lämnas ut.
results-from-fewer-than = Resultat från färre än
answers-are-not-shown-an-area = svar visas inte. Ett område rankas med minst
answers-the-total-with-at-least = svar; totalen med minst
answers-and-a-response-rate-of = svar och en svarsfrekvens på minst 40 % totalt och 30 % i varje område.
year = År
no-member-has-measured-with-the = Ingen medlem har mätt med Insikt-enkäten detta år.
new-survey-round = Ny enkätomgång
question-batteries = Frågebatterier
round = Omgång
response-rate = Svarsfrekvens
anonymous = anonym
no-survey-rounds-yet = Inga enkätomgångar än.
n-1-choose-companies = 1. Välj företag
show-the-companies = Visa företagen
active-companies-match-untick-those-that = aktiva företag matchar. Bocka ur dem som inte ska få enkäten.
the-first-500-are-shown-narrow = De första 500 visas; avgränsa med filtren för att se resten.
n-2-the-round = 2. Omgången
name-of-the-round = Namn på omgången
for-example-follow-up-of-company = Till exempel: Uppföljning företagsbesök hösten 2026
opens = Öppnar
reminders-days-after-the-invitation = Påminnelser (dagar efter inbjudan)
reminder-days-hint = Högst tre, till exempel 7, 14. Bara de som inte svarat påminns.
quarantine-in-months = Karenstid i månader
a-company-that-got-a-survey = Ett företag som fått en enkät under denna tid får ingen ny.
anonymous-round-answers-cannot-be-connected = Anonym omgång: svaren kan inte kopplas till företaget
create-the-round-and-send-the = Skapa omgången och skicka inbjudningar
results = Resultat
answers-are-not-shown = svar visas inte.
split-the-results = Dela upp resultaten
split-by = Dela upp efter
results-table = Resultattabell
group = Grupp
index = Index
number-of-answers = Antal svar
n-95-ci = 95 % KI
band = Nivå
previous-round = Förra omgången
significant = signifikant
not-significant = inte signifikant
no-answers-yet-round = Inga svar än.
priority-matrix = Prioriteringsmatris
each-service-factors-index-against-its = Varje serviceområdes index mot dess effekt på NKI (regression, n =
high-index-and-high-effect-preserve = Högt index och hög effekt: bevara. Lågt index och hög effekt: prioritera.
the-same-values-are-in-the = Samma värden finns i tabellen under diagrammet.
lower-priority = Lägre prioritet
preserve = Bevara
improve-if-possible = Förbättra om möjligt
prioritise = Prioritera
effect-on-nki = Effekt på NKI
priority-matrix-as-a-table = Prioriteringsmatris som tabell
service-factor = Serviceområde
effect = Effekt
significant-heading = Signifikant
quadrant = Kvadrant
the-matrix-is-shown-when-enough = Matrisen visas när tillräckligt många har svarat på både NKI-frågorna och serviceområdena.
comparison-in-the-county = Jämförelse i länet
average = medel
too-few-answers = För få svar
sent = Skickad
reminders = Påminnelser
could-not-be-delivered = Kunde inte levereras
has-answered = Har svarat
in-queue = I kö
enter-an-answer-taken-by-phone = Ange svar från telefon
answer-by = Svara senast
you-can-save-and-go-on = Du kan spara och fortsätta senare med samma länk, och ändra dina svar tills enkäten stänger.
your-answers-are-anonymous-the-municipality = Dina svar är anonyma: kommunen ser dem bara tillsammans med andras.
your-answers-are-saved-send-them = Dina svar är sparade. Skicka dem när du är klar.
you-have-already-sent-your-answers = Du har redan skickat dina svar. Du kan ändra dem och skicka igen.
send-the-answers = Skicka svaren
save-and-continue-later = Spara och fortsätt senare
the-survey-from = Enkäten från
opens-lower = öppnar
welcome-back-then-with-the-same = Välkommen tillbaka då med samma länk.
closed-past-lower = stängde
it-is-no-longer-possible-to = Det går inte längre att svara eller ändra svar. Tack för ditt intresse!
has-received-your-answers-they-help = har fått dina svar. De hjälper kommunen att bli bättre på att ge företag service.
you-can-change-your-answers-up = Du kan ändra dina svar till och med
change-your-answers = ändra dina svar
to-the-survey = Till enkäten
a-question-battery-is-published-as = Ett frågebatteri publiceras som en version som inte kan ändras; svaren pekar alltid på den version de besvarade.
publish-the-version = Publicera versionen
index-lower = index
required-lower = obligatorisk
conditional = villkorad
round-closed = Stängd
the-quarantine-must-be-a-number = Karenstiden ska vara ett antal månader.
write-the-days-as-numbers-for = Skriv dagarna som tal, till exempel 7, 14.
total = Totalt
the-total-covers = Totalen omfattar
reported-beside-the-total-not-in = Redovisas bredvid totalen, inte i den:
break-in-the-series = Brott i serien:
from-this-year-the-total-is = från detta år definieras totalen annorlunda än året före och kan inte jämföras med tidigare år rakt av.
another-definition = annan definition
new-definition = ny definition
beside-the-total = bredvid totalen
areas-marked-beside-the-total-are = Områden markerade ”bredvid totalen” ingår inte i totalen: från mätåret 2024 omfattar Insikts total-NKI de fyra obligatoriska områdena. Jämförelsen med förra omgången räknas med samma definition.
nki = NKI
information = Information
accessibility = Tillgänglighet
treatment = Bemötande
competence = Kompetens
legal-certainty = Rättssäkerhet
efficiency = Effektivitet
overall-rating = Helhetsbetyg
very-high = Mycket högt
high = Högt
low = Lågt
very-low = Mycket lågt
industry = Bransch
size = Storlek
quarter = Kvartal
answer-by-phone = Svar per telefon
scale = Skala
nps-0-10 = NPS 0–10
one-choice = Ett val
several-choices = Flera val
yes-no = Ja/nej
free-text = Fritext
the-survey-has-not-opened-yet = Enkäten har inte öppnat än
the-survey-is-closed = Enkäten är stängd
thank-you-for-your-answers = Tack för dina svar!
give-the-round-a-name = Ge omgången ett namn.
write-the-opening-day-as-yyyy = Skriv startdagen som ÅÅÅÅ-MM-DD.
write-the-closing-day-as-yyyy = Skriv slutdagen som ÅÅÅÅ-MM-DD, samma dag som starten eller senare.
at-most-three-reminders-each-1 = Högst tre påminnelser, var och en 1–90 dagar efter inbjudan.
the-quarantine-is-0-60-months = Karenstiden är 0–60 månader.
the-question-battery-must-be-published = Frågebatteriet måste vara publicerat innan det skickas ut.
count-answers = { $count } svar
members-take-part-of = { $count ->
        [one] { $done } av { $count } medlem deltar.
       *[other] { $done } av { $count } medlemmar deltar.
    }
members-have-measured-of = { $count ->
        [one] { $done } av { $count } medlem har mätt med Insikt-enkäten detta år.
       *[other] { $done } av { $count } medlemmar har mätt med Insikt-enkäten detta år.
    }

## The invitation and the reminders to answer a survey.
survey-mail-subject = { $reminder ->
        [yes] Påminnelse: { $municipality } vill veta vad du tycker om kommunens service
       *[no] { $municipality } vill veta vad du tycker om kommunens service
    }
survey-mail-body =
    Hej!

    { $municipality } vill veta hur ditt företag upplever kommunens service. Frågorna tar ungefär fem minuter.

    Svara här senast { $closes }:
    { $link }

    Länken är din: du kan göra en paus och fortsätta senare, och ändra dina svar tills enkäten stänger.{ $anonymous ->
        [yes] { " " }Dina svar är anonyma: kommunen ser dem bara tillsammans med andras.
       *[no] {""}
    }
battery-version = { $name } (version { $version })
municipality-is-not-a-member-using-lots = Kommun { $code } är inte en medlem som använder Lots.
answer-the-question = Svara på frågan.
choose-one-of-the-options = Välj ett av alternativen.
choose-a-value-from-to = Välj ett värde från { $min } till { $max }.
the-answer-may-be-at-most = Svaret får vara högst { $max } tecken.
dont-know = Vet ej
not-at-all-likely = Inte alls troligt
extremely-likely = Mycket troligt
answer-only-if-you-answered = Svara bara om du svarade ”{ $answer }” på ”{ $question }”.
cli-respondents-generated = { $count } svarande skrivna till { $file }.
cli-give-a-round-or-a-period = Ange en enkätomgång, eller --battery med --from och --to.
cli-give-a-round-or-an-input = Ange en enkätomgång och --municipality, eller --input.
cli-by-is-one-of = --by ska vara en av { $all }.
cli-no-such-round = Ingen sådan enkätomgång finns i { $code }.

## The results table as a person downloads it
results-total-row = Totalt
results-column-group = Grupp
results-column-index = Index
results-column-n = Antal svar
results-column-invited = Tillfrågade
results-column-response-rate = Svarsfrekvens (%)
results-column-value = Värde
results-column-whole = Avrundat värde
results-column-ci-low = Konfidensintervall, lägre
results-column-ci-high = Konfidensintervall, övre
results-column-band = Nivå
results-column-suppressed = Dold (för få svar)
results-column-constant = Alla svar lika
results-column-previous = Föregående period
results-column-significant-change = Signifikant förändring
results-column-beside-total = Redovisas bredvid totalen

## What the survey asks a company about, in plain words
survey-how-was-your-contact = Hur upplevde du kontakten med { $municipality }?
survey-about-your-case = Vi vill veta vad du tyckte om vår service i ditt ärende om { $area }, { $reference }, beslutat { $day }. Det tar ungefär fem minuter att svara.
survey-about-your-meeting = Du träffade oss nyligen. Vad tyckte du? Dina svar hjälper oss att bli bättre på att hjälpa företag.
survey-about-your-contacts = Vi vill veta vad du tycker om kommunens service till företag. Dina svar hjälper oss att bli bättre.

## The trend over the years
trend-heading = Över åren
trend-intro = Varje mätårs index med sitt 95-procentiga konfidensintervall som ett band. Ett år med för få svar visas inte. Den streckade linjen markerar ett år då Insikt räknar totalen på ett nytt sätt; åren före och efter jämförs då inte rakt av.
trend-chart-description = Indexet per mätår som en linje, konfidensintervallet som ett band runt linjen.
trend-change-from-year-before = Förändring från året före
