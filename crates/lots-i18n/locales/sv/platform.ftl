undelivered-e-mail = E-post som inte kom fram
e-mail-that-could-not-be = E-post som inte har kunnat skickas. Lots försöker igen med allt längre uppehåll i minst tre dygn; därefter ligger meddelandet kvar här tills någon skickar det igen.
message = Utskick
recipient = Mottagare
queued = Köades
attempts = Försök
state = Läge
not-shown = visas inte
next-attempt = Nytt försök
given-up = Gav upp
send-again = Skicka igen
a-reminder-of-an-anonymous-survey = En påminnelse i en anonym enkät visar ingen mottagare: påminnelser går bara till dem som inte har svarat.
all-e-mail-has-been-sent = All e-post har kunnat skickas.
the-message-was-queued-again-and = Meddelandet köades igen och skickas inom en minut.
invitation-to-lots = Inbjudan till Lots
other-message = Annat utskick
character-not-allowed = Otillåtet tecken
field-holds-a-control-character = Fältet ”{ $field }” innehåller ett styrtecken ({ $character }) som inte kan sparas. Gå tillbaka, ta bort tecknet och försök igen.
invited-did-not-attend = inbjuden, deltog inte
no-training-recorded = Inga utbildningar registrerade.
fault-reports-open311 = Felanmälan (Open311)
skip-to-content = Hoppa till innehållet
main-menu = Huvudmeny
overview = Översikt
organisation = Organisation
staff-heading = Personal
api-tokens = API-nycklar
audit-log = Granskningslogg
api-documentation = API-dokumentation
change-password = Byt lösenord
sign-in = Logga in
sign-out = Logga ut
signed-in-as = Inloggad som
in-english = In English
in-swedish = På svenska
you-are-here = Du är här
there-is-a-problem = Det finns fel i formuläret
password = Lösenord
use-the-e-mail-address-from = Använd e-postadressen från din kommun.
wrong-e-mail-address-or-password = Fel e-postadress eller lösenord.
too-many-failed-attempts-wait-15 = För många misslyckade försök. Vänta 15 minuter och försök igen.
enter-your-e-mail-address = Skriv din e-postadress.
enter-your-password = Skriv ditt lösenord.
lots-helps-the-municipality-work-systematically = Lots hjälper kommunen att arbeta systematiskt med servicen till företagen.
you-are-signed-out = Du är utloggad.
page-not-found = Sidan finns inte
the-page-you-are-looking-for = Sidan du söker finns inte, eller så har du inte tillgång till den.
you-do-not-have-access = Du saknar behörighet
your-role-does-not-give-access = Din roll ger inte tillgång till den här sidan. Fråga din administratör om du behöver den.
something-went-wrong = Något gick fel
we-could-not-show-the-page = Vi kunde inte visa sidan. Försök igen om en stund. Om felet finns kvar, ge administratören den här referensen:
bad-request = Felaktig begäran
the-form-was-too-old-or = Formuläret var för gammalt eller kom från en annan sida. Ladda om sidan och försök igen.
to-the-overview = Till översikten
welcome-heading = Välkommen
active-accounts = Aktiva konton
disabled = Inaktiverade
queued-jobs = Köade jobb
failed-jobs = Misslyckade jobb
recent-events = Senaste händelser
invite-staff = Bjud in personal
your-unit = Din enhet
colleagues-in-your-unit = Kollegor i din enhet
you-have-no-unit-yet-ask = Du har ingen enhet ännu. Be din administratör att placera dig i en enhet.
find-the-right-case-officer = Hitta rätt handläggare
search-by-name-e-mail-or = Sök på namn, e-post eller titel
staff-by-role = Personal per roll
role = Roll
county = Län
member-municipalities = Medlemskommuner
no-municipality-is-a-member-yet = Ingen kommun är medlem ännu.
type = Typ
administration = Förvaltning
office = Kontor
parent-unit = Överordnad enhet
none-top-level = Ingen (högst upp)
add-unit = Lägg till enhet
enter-the-units-name = Skriv enhetens namn.
a-unit-with-that-name-already = Det finns redan en enhet med det namnet på samma plats.
the-unit-was-added = Enheten lades till.
no-units-yet = Inga enheter ännu
the-municipalitys-organisation-is-shown-here = Kommunens organisation visas här: förvaltningar, kontor och enheter.
sub-units = Underenheter
staff-in-the-unit = Personal i enheten
no-staff-are-placed-in-the = Ingen personal är placerad i enheten.
people = personer
title = Titel
roles = Roller
active = Aktiv
account-invited = Inbjuden
account-disabled = Inaktiverad
filter = Filtrera
previous = Föregående
next = Nästa
page = Sida
no-staff-match-the-filter = Ingen personal matchar filtret.
last-signed-in = Senast inloggad
never = Aldrig
created = Skapad
change-roles-and-unit = Ändra roller och enhet
the-changes-were-saved = Ändringarna sparades.
disable-the-account = Inaktivera kontot
enable-the-account = Aktivera kontot
the-person-is-signed-out-and = Personen loggas ut och kan inte logga in förrän du aktiverar kontot igen. Inget annat tas bort.
the-account-was-disabled = Kontot inaktiverades.
the-account-was-enabled = Kontot aktiverades.
send-the-invitation-again = Skicka inbjudan igen
the-invitation-was-queued-it-is = Inbjudan köades; den skickas inom en minut.
choose-at-least-one-role = Välj minst en roll.
no-unit = Ingen enhet
enter-the-persons-name = Skriv personens namn.
enter-an-e-mail-address-like = Skriv en e-postadress i formen namn@kommun.se.
the-e-mail-address-is-already = E-postadressen används redan av ett annat konto.
the-person-gets-an-e-mail = Personen får ett mejl med en länk för att välja lösenord. Länken gäller i 7 dagar.
send-invitation = Skicka inbjudan
choose-your-password = Välj ditt lösenord
new-password = Nytt lösenord
repeat-the-password = Upprepa lösenordet
at-least-10-characters-a-phrase = Minst 10 tecken. En fras med flera ord är lätt att minnas och svår att gissa.
the-password-must-have-at-least = Lösenordet måste ha minst 10 tecken.
the-password-is-too-long = Lösenordet är för långt.
the-password-is-too-common-choose = Lösenordet är för vanligt. Välj ett annat.
the-passwords-do-not-match = Lösenorden är inte lika.
save-the-password = Spara lösenordet
the-link-does-not-work = Länken fungerar inte
the-link-has-been-used-already = Länken har redan använts eller är för gammal. Be din administratör om en ny inbjudan.
your-password-is-saved-sign-in = Ditt lösenord är sparat. Logga in.
current-password = Nuvarande lösenord
enter-your-current-password = Skriv ditt nuvarande lösenord.
the-current-password-is-not-correct = Det nuvarande lösenordet stämmer inte.
the-password-is-changed-your-other = Lösenordet är bytt. Dina andra inloggningar har avslutats.
new-api-token = Ny API-nyckel
scope = Behörighet
read = Läsa
read-and-write = Läsa och skriva
enter-a-name-that-says-what = Skriv ett namn som säger vad nyckeln används till.
create-token = Skapa nyckel
copy-the-token-now-it-is = Kopiera nyckeln nu. Den visas bara en gång.
send-the-token-as = Nyckeln skickas som
start = Början
last-used = Senast använd
revoked = Återkallad
revoke = Återkalla
revoke-the-token = Återkalla nyckeln
systems-using-the-token-stop-working = System som använder nyckeln slutar fungera direkt. Det går inte att ångra; skapa en ny nyckel om det behövs.
the-token-was-revoked = Nyckeln återkallades.
no-api-tokens-yet = Inga API-nycklar ännu
an-api-token-lets-another-system = En API-nyckel låter ett annat system, till exempel ärendesystemet, läsa eller skriva kommunens data.
record = Post
from-where = Varifrån
from-and-including = Från och med
no-events-match-the-filter = Inga händelser matchar filtret.
the-log-cannot-be-changed-or = Loggen går inte att ändra eller radera.
base-url = Bas-URL
parameters = Parametrar
download-the-openapi-document = Hämta OpenAPI-dokumentet
every-call-needs-an-api-token = Alla anrop kräver en API-nyckel:
back = Tillbaka
undelivered-messages = Meddelanden som inte kom fram:
see-why-and-send-again = Se varför och skicka igen
undelivered-survey-e-mail = E-post i enkäten som inte kom fram
undelivered-event-e-mail = E-post om evenemanget som inte kom fram
today = i dag
yesterday = i går
the-municipalitys-staff = Kommunens personal
administration-heading = Administration
the-account = Kontot
answers-to-give-companies = Återkoppling att ge
subscribe-to-your-booked-company-visits = Prenumerera på dina bokade företagsbesök i din kalender. Adressen är personlig: den som har den ser dina besök. Skapar du en ny slutar den gamla att fungera.
create-a-new-calendar-address = Skapa en ny kalenderadress
checklists-to-acknowledge = Punktlistor att kvittera
count-audit-events = { $count ->
        [one] { $count } händelse
       *[other] { $count } händelser
    }
count-people = { $count ->
        [one] { $count } person
       *[other] { $count } personer
    }
count-units = { $count ->
        [one] { $count } enhet
       *[other] { $count } enheter
    }
count-municipalities = { $count ->
        [one] { $count } kommun
       *[other] { $count } kommuner
    }
page-of = Sida { $page } av { $count }

## The e-mail that invites a member of staff.
staff-invitation-mail-subject = Du är inbjuden till Lots – { $municipality }
staff-invitation-mail-body =
    Hej { $name }!

    { $sent-by } har bjudit in dig till Lots, där { $municipality } arbetar med servicen till företagen.

    Välj ditt lösenord här inom 7 dagar:
    { $link }

    Länken fungerar en gång. Om du inte väntade dig det här mejlet kan du bortse från det.
role-administrator = Administratör
role-business-development = Näringsliv
role-case-officer = Handläggare
role-contact-centre = Kontaktcenter
role-manager = Chef
role-organiser = Organisatör
role-read-only = Läsbehörighet

organiser-regional = Regional (en region eller ett län)
organiser-national = Nationell
cli-error = lots: fel: { $message }
cli-cannot-start = kan inte starta körmiljön: { $reason }
cli-database-up-to-date = Databasen är uppdaterad ({ $backend }).
cli-demo-loaded = Demon för Upplands-Bro är inläst: { $count ->
        [one] ett konto
       *[other] { $count } konton
    }.
cli-demo-passwords = Demo: Upplands-Bro. Alla konton har lösenordet i LOTS_DEMO_PASSWORD (lots-demo om det inte är satt).
cli-running-at = Lots körs på { $url }
cli-municipality-hosted = { $code } { $name } ({ $county }) finns nu i Lots.
cli-not-hosted = Kommunen { $code } finns inte i Lots här (lägg till den med lots municipality host { $code }).
cli-no-unit = Ingen enhet heter { $unit } i { $code }.
cli-give-a-role = Ange minst en --role.
cli-no-organiser = Ingen organisatör heter { $name }.
cli-organiser-staff-need-a-password = Organisatörens personal läggs till med --password-stdin.
cli-give-municipality-or-organiser = Ange --municipality eller --organiser.
cli-user-invited = { $email } är inbjuden; den körande servern skickar e-postmeddelandet inom en minut.
cli-user-can-sign-in = { $email } kan logga in nu.
cli-no-account = Inget konto har e-postadressen { $email }.
cli-user-disabled = { $email } är avstängd och utloggad.
cli-token-created = Token { $id } ({ $scope }) är skapad. Den visas bara den här gången:
cli-no-token = Ingen token har id { $id }.
cli-token-revoked = Token { $id } är återkallad.
cli-unknown-organiser-kind = { $code } är varken regional eller national.
cli-organiser-created = { $name } ({ $kind }) har { $count ->
        [one] en medlem
       *[other] { $count } medlemmar
    }.
cli-not-a-day = { $text } är inget datum: skriv det som 2026-12-03.
cli-cannot-write = kan inte skriva { $file }
cli-cannot-read = kan inte läsa { $file }: { $reason }
store-cannot-open-database = kan inte öppna databasen { $url }: { $reason }
store-migration-failed = migreringen { $version } ({ $name }) misslyckades och rullades tillbaka: { $reason }
store-migration-changed = en migrering ändrades efter att den här databasen körde den: återställ { $file } som den var och lägg ändringen i en ny migrering
store-unknown-database-url = kan inte öppna databasen { $url }: adressen ska börja med sqlite:// eller postgres://
cli-cannot-listen = kan inte lyssna på { $address }
cli-cannot-read-the-anonymity-key = kan inte läsa anonymitetsnyckeln { $file }
cli-cannot-create-the-anonymity-key = kan inte skapa anonymitetsnyckeln { $file }
cli-config-unreadable = kan inte läsa konfigurationsfilen { $file }
cli-config-wrong = konfigurationsfilen { $file }: { $reason }
cli-config-listen = adressen { $address } att lyssna på är inte IP:PORT, till exempel 127.0.0.1:8080
cli-config-base-url = base_url { $url } ska börja med http:// eller https://
cli-config-number = { $variable } ska vara ett tal
cli-config-smtp-host = e-post via smtp behöver en server (mail.host eller LOTS_SMTP_HOST)
cli-config-tls = mail.tls { $tls } ska vara starttls, tls eller none
cli-config-transport = e-postsättet { $transport } ska vara smtp, directory eller memory

## The start page's own work
my-visits = Mina besök
no-visit-is-booked = Inget besök är bokat.
count-visits-not-booked = { $count ->
        [one] Ett besök väntar på att företaget bokar en tid
       *[other] { $count } besök väntar på att företagen bokar en tid
    }
my-cases = Mina ärenden
all-my-cases = Alla mina ärenden
count-open-cases = { $count ->
        [0] Du har inga pågående ärenden.
        [one] Ett pågående ärende
       *[other] { $count } pågående ärenden
    }
count-running-late = { $count ->
        [one] ett är försenat
       *[other] { $count } är försenade
    }
campaigns-under-way = Besökskampanjer
until-day = till { $day }
visits-done-of = { $done } av { $total } besök gjorda, { $booked } bokade
no-campaign-is-under-way = Ingen kampanj pågår.
coming-events = Kommande evenemang
places-taken = { $confirmed } av { $capacity } platser tagna
count-waiting = { $count } på väntelistan
no-event-is-coming = Inget evenemang är planerat.
count-feedback-overdue = { $count ->
        [one] En återkoppling är försenad
       *[other] { $count } återkopplingar är försenade
    }
log-a-call = Logga ett samtal
count-calls-today = { $count ->
        [0] Inga kontakter loggade i dag
        [one] En kontakt loggad i dag
       *[other] { $count } kontakter loggade i dag
    }
count-late-in-your-units = { $count ->
        [0] Inga försenade ärenden i dina enheter
        [one] Ett försenat ärende i dina enheter
       *[other] { $count } försenade ärenden i dina enheter
    }

## The municipality's face towards companies
face-heading = Så syns kommunen för företag
face-intro = Så visar sig kommunen på de sidor och i de e-postmeddelanden som företagen får: enkäter, bokning av besök, evenemang och felanmälan. Lots syns bara som ”levererat av Lots”.
face-display-name = Kommunens namn
face-display-name-hint = Som kommunen skriver det, till exempel Upplands-Bro kommun eller Göteborgs Stad.
face-contact-email = E-post för frågor
face-contact-email-hint = Dit företagen kan skriva, till exempel kontaktcenter@upplands-bro.se.
face-contact-phone = Telefon
face-contact-phone-hint = Till exempel 08-581 690 00.
face-web-address = Webbplats
face-web-address-hint = Hela adressen, till exempel https://www.upplands-bro.se.
face-privacy-url = Personuppgiftspolicy
face-privacy-url-hint = Adressen till sidan som säger hur kommunen behandlar personuppgifter.
face-sender-name = Avsändarens namn i e-post
face-sender-name-hint = Lämna tomt för att använda kommunens namn.
face-sender-address = Avsändarens e-postadress
face-sender-address-hint = Bara en adress som kommunens e-postleverantör får skicka från. Lämna tomt för installationens adress; svar går då till e-posten för frågor.
face-give-the-name = Skriv kommunens namn.
face-write-a-plain-name = Skriv namnet utan tecknen < > " och utan radbrytning, högst 200 tecken.
face-write-an-e-mail-address = Skriv en e-postadress som namn@kommun.se.
face-write-a-phone-number = Skriv ett telefonnummer med siffror, mellanslag, + och -.
face-write-a-web-address = Skriv hela adressen, som börjar med https://.
face-logo = Logotyp eller kommunvapen
face-logo-now = Kommunens logotyp nu
face-no-logo-yet = Ingen logotyp är uppladdad. Sidorna visar kommunens namn.
face-logo-file = Bildfil (PNG eller JPEG)
face-logo-hint = Högst { $kib } kB. Bilden visas 40 pixlar hög i sidhuvudet. Uppgifter som bilden bär (kamera, plats, namn) tas bort.
face-upload-logo = Ladda upp logotypen
face-remove-logo = Ta bort logotypen
face-choose-a-logo = Välj en bildfil att ladda upp.
face-logo-too-large = Bilden är större än { $kib } kB. Välj en mindre bild.
face-logo-png-or-jpeg = Filen är ingen hel PNG- eller JPEG-bild. Spara bilden som PNG eller JPEG och försök igen.
face-web-site = Webbplats
face-privacy-notice = Så behandlar vi dina personuppgifter
face-privacy-label = Personuppgiftspolicy

## Start pages
overview-unit-nki = Enhetens NKI { $year }
overview-no-answers-about-your-units = Inga svar om enhetens ärenden det året.
overview-all-results-by-unit = Alla resultat per enhet
overview-training-in-your-units = Utbildning i dina enheter det senaste året
overview-trained-of = { $trained } av { $staff } har gått
overview-members-ranking = Medlemmarnas NKI { $year }, bäst först
overview-place = Plats
overview-nki-year = Kommunens NKI { $year }
overview-place-in-county = plats av { $ranked } i { $county }
overview-best-in-county = bäst i länet
overview-county-average = länets genomsnitt
overview-see-the-results = Se resultaten och jämförelsen
overview-recent-imports = Senaste importerna
overview-the-whole-comparison = Hela jämförelsen, med varje myndighetsområde
cli-config-own-smtp-code = mail.municipality.{ $code }: { $code } är ingen kommunkod
cli-config-own-smtp-host = mail.municipality.{ $code } behöver en server (host)
cli-config-map-tiles = map.tiles (LOTS_MAP_TILES) { $url } ska vara en http- eller https-adress till en kartserver med {"{"}z{"}"}, {"{"}x{"}"} och {"{"}y{"}"}
