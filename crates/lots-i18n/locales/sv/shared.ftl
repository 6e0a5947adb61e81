error = Fel
visit-campaigns = Besökskampanjer
staff-member = Medarbetare
day = Dag
hh-mm = TT:MM
attended = deltog
time = Tid
training = Utbildning
at = kl.
organisationsnummer-or-name-as-in-the = Organisationsnummer eller namn som i registret
by = senast
done-lower = klar
overdue = försenad
due = Senast
networks = Nätverk
purpose = Syfte
events = Evenemang
the-event-has-already-taken-place = Evenemanget har redan varit.
choose-a-staff-member = Välj en medarbetare.
enter-the-last-day = Skriv sista dagen som { EXAMPLE_DAY() }.
choose-who-is-responsible = Välj vem som ansvarar.
breakfast-meeting = Frukostmöte
save = Spara
cases-and-contact-log = Ärenden och kontaktlogg
fault-reports = Felanmälningar
optional = frivilligt
the-e-mail-address-is-malformed = E-postadressen har fel form.
choose-a-status = Välj en status.
none = Ingen
contact-log = Kontaktlogg
case-officer = Handläggare
cases = Ärenden
cases-lower = ärenden
invite-companies = Bjud in företag
joint-measurements = Gemensamma mätningar
from = Från
to = Till
write-the-date-as-2026-11 = Skriv datumet som { EXAMPLE_DAY() }.
remove = Ta bort
nki-in-the-member-municipalities = NKI i medlemskommunerna
rank = Plats
surveys = Enkäter
question-battery = Frågebatteri
period = Period
version = version
choose = Välj
yyyy-mm-dd = ÅÅÅÅ-MM-DD
closes = Stänger
yyyy-mm-dd-the-last-day = ÅÅÅÅ-MM-DD, sista dagen att svara
too-few-answers-to-show = För få svar för att visas
yes = Ja
no = Nej
rank-lower = plats
share = Andel
e-mail = E-post
draft-lower = utkast
version-heading = Version
published = publicerad
planned-singular = Planerad
running = Pågår
choose-a-question-battery = Välj ett frågebatteri.
approved = Godkänt
choose-at-least-one-company = Välj minst ett företag.
e-mail-address = E-postadress
invited-plural = Inbjudna
search = Sök
number-of = Antal
municipality = Kommun
code = Kod
unit = Enhet
name = Namn
person = person
status = Status
all = Alla
clear-filters = Rensa filter
export-csv = Exportera CSV
of = av
save-changes = Spara ändringar
language = Språk
swedish = Svenska
english = Engelska
cancel-action = Avbryt
who = Vem
when = När
event = Händelse
until = Till och med
description = Beskrivning
responses = Svar
latitude = Latitud
longitude = Longitud
show = Visa
action = Åtgärd
value = Värde
why-heading = Varför
export-excel-xlsx = Exportera Excel (XLSX)
notes = Anteckningar
companies = Företag
area = Område
organisation-number = Organisationsnummer
sni-code = SNI-kod
size-employees = Storlek (anställda)
search-companies = Sök företag
tag = Tagg
phone = Telefon
companies-lower = företag
your-calendar-of-visits = Din kalender med besök
import-cases = Importera ärenden
place = Plats
count-companies = { $count } företag
no-column-holds-the-field = Ingen kolumn innehåller { $field }. Ange kolumnen med mappningen "KOLUMN={ $code }" (--map på kommandoraden).
the-file-has-no-column-named = Filen har ingen kolumn som heter "{ $column }".
two-columns-hold-the-field = Två kolumner innehåller { $field }: "{ $first }" och "{ $second }".
the-file-is-empty = Filen är tom.
line-cannot-be-read = Rad { $line } går inte att läsa: { $reason }
the-workbook-cannot-be-read = Arbetsboken går inte att läsa: { $reason }
the-workbook-has-no-sheet = Arbetsboken har inget blad som heter "{ $name }".
the-cell-holds-a-control-character = Cellen innehåller ett styrtecken ({ $point }) som inte kan sparas.
the-file-cannot-be-read = Filen går inte att läsa: { $reason }
holiday-new-years-day = Nyårsdagen
holiday-epiphany = Trettondedag jul
holiday-good-friday = Långfredagen
holiday-easter-sunday = Påskdagen
holiday-easter-monday = Annandag påsk
holiday-may-day = Första maj
holiday-ascension-day = Kristi himmelsfärdsdag
holiday-whit-sunday = Pingstdagen
holiday-national-day = Sveriges nationaldag
holiday-midsummer-day = Midsommardagen
holiday-all-saints-day = Alla helgons dag
holiday-christmas-day = Juldagen
holiday-boxing-day = Annandag jul
holiday-midsummer-eve = Midsommarafton
holiday-christmas-eve = Julafton
holiday-new-years-eve = Nyårsafton
holiday-weekend = helg
weekday-date = { $weekday ->
        [1] måndag
        [2] tisdag
        [3] onsdag
        [4] torsdag
        [5] fredag
        [6] lördag
       *[7] söndag
    } { $day }

## What a bulk action reached and whom it left out
back-to-name = Tillbaka till { $name }
invitations-to = Inbjudningar till { $name }
invite-more-companies = Bjud in fler företag
booking-offers = Tider och bokningslänkar
reach-invited = { $count ->
        [0] Inget företag bjöds in.
        [one] Ett företag bjöds in.
       *[other] { $count } företag bjöds in.
    }
reach-offered = { $count ->
        [0] Inget företag fick någon bokningslänk.
        [one] Ett företag fick tider att välja bland och en bokningslänk.
       *[other] { $count } företag fick tider att välja bland och en bokningslänk.
    }
reach-skipped = { $count ->
        [one] Ett företag hoppades över:
       *[other] { $count } företag hoppades över:
    }
reach-skipped-heading = Hoppades över
reach-name = Namn
reach-why = Varför
skipped-already-invited = Redan inbjudet
skipped-in-quarantine = I karenstid till { $until }
skipped-without-email = Saknar kontaktperson med e-postadress
skipped-opted-out = Har bett att inte bjudas in igen
skipped-book-by-phone = Saknar e-postadress: boka besöket per telefon
menu = Meny
close-menu = Stäng menyn
delivered-by-lots = levererat av Lots
