event-message = Meddelande om evenemang
attendance-list-csv = Närvarolista (CSV)
attendance-list-excel = Närvarolista (Excel)
course = Kurs
no-courses-yet = Inga kurser ännu.
of-all-staff-trained = av alla medarbetare utbildade
staff = medarbetare
trained = Utbildade
a-unit-counts-with-the-units = En enhet räknas med enheterna under den. Medarbetare med avstängt konto räknas inte.
search-name-or-company = Sök namn eller företag
checked-in = Incheckad
undo = Ångra
check-in = Checka in
no-registered-person-matches = Ingen anmäld matchar.
registered = anmälda
the-companys-first-contact-person-with = Företagets första kontaktperson med e-postadress får inbjudan med en personlig länk för att anmäla sig eller tacka nej.
untick-those-who-should-not-be = Bocka ur dem som inte ska bjudas in.
send-the-invitations = Skicka inbjudningarna
event-name-example = Till exempel: Kompetensmässan 2027
kind = Sort
yyyy-mm-dd-swedish-time = ÅÅÅÅ-MM-DD, svensk tid
starts = Börjar
ends = Slutar
number-of-places = Antal platser
when-the-places-are-taken-new = När platserna är tagna hamnar nya anmälningar på väntelistan.
audience = Målgrupp
for-example-logistics-companies-in-brunna = Till exempel: logistikföretag i Brunna
shown-in-the-invitation = Står i inbjudan.
save-the-event = Spara evenemanget
invited = inbjudna
invite-units = Bjud in enheter
all-staff-of-the-unit-and = Alla medarbetare i enheten och enheterna under den bjuds in
invite = Bjud in
attendance = Närvaro
tick-those-who-attended = Bocka i dem som deltog
save-attendance = Spara närvaron
nobody-is-invited-yet = Ingen är inbjuden ännu.
staff-training-for-example-in-service = Utbildning av medarbetare, till exempel i service och bemötande: tillfällen, vilka som bjöds in och vilka som kom.
see-the-share-trained-per-unit = Se andelen utbildade per enhet
courses = Kurser
given-by = Ges av
sessions = Tillfällen
participants-attended = Deltog
no-sessions-yet = Inga tillfällen ännu.
new-session = Nytt tillfälle
trainers = Utbildare
create-the-session = Skapa tillfället
add-a-course-first = Lägg först till en kurs.
new-course = Ny kurs
for-example-service-and-treatment = Till exempel: Service och bemötande
for-example-business-development-communication-and = Till exempel: Näringsliv, Kommunikation och Kontaktcenter
add-the-course = Lägg till kursen
participants = Deltagare
your-address-gets-no-more-invitations = Din adress får inga fler inbjudningar från oss.
you-are-registered = Du är anmäld.
welcome = Välkommen!
you-are-on-the-waiting-list = Du står på väntelistan
you-will-get-an-e-mail = Du får ett mejl om en plats blir ledig.
you-have-declined = Du har tackat nej.
your-registration-is-cancelled = Din anmälan är avbokad.
you-are-invited = Du är inbjuden.
register-me = Anmäl mig
put-me-on-the-waiting-list = Ställ mig på väntelistan
i-cannot-come = Jag kan inte komma
cancel = Avboka
add-to-calendar-ics = Lägg in i kalendern (.ics)
no-more-invitations = Inga fler inbjudningar
do-you-not-want-invitations-from = Vill du inte få inbjudningar från kommunen? Då tar vi bort din adress från kommande inbjudningar.
send-no-more-invitations = Skicka inga fler inbjudningar
network-for = Nätverk för
owner = ansvarig
member = Medlem
joined = Gick med
left = Lämnade
has-left-today = Har lämnat i dag
no-members-yet = Inga medlemmar ännu.
add-member = Lägg till medlem
meetings = Möten
agenda = Dagordning
present = Närvarande
mark-as-done = Markera som klar
new-action = Ny åtgärd
responsible = Ansvarig
add-the-action = Lägg till åtgärden
no-meetings-yet = Inga möten ännu.
new-meeting = Nytt möte
save-the-meeting = Spara mötet
networks-of-companies-such-as-the = Nätverk av företag, som trafiknätverket i Brunna, och av medarbetare över kontorsgränserna, som Näringslivsnätverket.
for = För
no-networks-yet = Inga nätverk ännu.
new-network = Nytt nätverk
who-are-members = Vilka är medlemmar?
none-chosen = Ingen vald
create-the-network = Skapa nätverket
fairs-breakfast-meetings-and-information-evenings = Mässor, frukostmöten och informationsträffar: inbjudningar, anmälningar, väntelista och vilka som kom.
new-event = Nytt evenemang
places = Platser
registered-people = Anmälda
waiting-list = Väntelista
came = Kom
past = har varit
no-events-yet = Inga evenemang ännu.
on-the-waiting-list = på väntelistan
have-not-answered = har inte svarat
came-lower = kom
created-by = Skapat av
follow-up = Uppföljning
the-survey-to-those-who-came = Enkäten till dem som kom
check-in-list = Incheckning
change-the-event = Ändra evenemanget
participant-list-csv = Deltagarlista (CSV)
participant-list-excel = Deltagarlista (Excel)
participant-registered = Anmäld
declines = Tackar nej
nobody-is-invited-or-registered-yet = Ingen är inbjuden eller anmäld ännu.
register-someone = Anmäl någon
for-someone-who-calls-or-comes = För den som ringer eller kommer till disken. Finns inga platser kvar hamnar personen på väntelistan.
the-confirmation-and-the-calendar-file = Bekräftelsen och kalenderfilen skickas hit.
register = Anmäl
follow-up-survey = Uppföljningsenkät
send-a-survey-to-the-companies = Skicka en enkät till de företag vars deltagare checkades in.
send-the-follow-up-survey = Skicka uppföljningsenkäten
no-company-in-the-register-has = Inget företag i registret har det organisationsnumret eller namnet.
staff-trained-per-unit = Utbildade medarbetare per enhet
enter-the-events-name = Skriv evenemangets namn.
choose-what-kind-of-event-it = Välj vilken sorts evenemang det är.
enter-the-day-and-start-time = Skriv dag och starttid som { EXAMPLE_DAY() } och 08:30.
enter-the-end-time-as-10 = Skriv sluttiden som 10:00.
the-event-must-end-after-it = Evenemanget måste sluta efter att det börjar.
the-number-of-places-must-be = Antal platser ska vara ett heltal från 1.
more-are-already-registered-than-that = Fler är redan anmälda än så; avboka någon först.
the-contact-person-does-not-belong = Kontaktpersonen hör inte till företaget.
enter-the-participants-name = Skriv deltagarens namn.
the-e-mail-address-does-not = E-postadressen ser inte ut som en e-postadress.
enter-the-courses-name = Skriv kursens namn.
there-is-already-a-course-with = Det finns redan en kurs med det namnet.
choose-a-course = Välj en kurs.
enter-the-day-and-time-as = Skriv dag och tid som { EXAMPLE_DAY() } och 13:00.
choose-at-least-one-unit = Välj minst en enhet.
enter-the-networks-name = Skriv nätverkets namn.
choose-whether-the-network-is-for = Välj om nätverket är för företag eller för medarbetare.
there-is-already-a-network-with = Det finns redan ett nätverk med det namnet.
choose-a-company = Välj ett företag.
the-member-cannot-leave-before-joining = Medlemmen kan inte lämna före den gick med.
enter-the-meeting-day-as-2026 = Skriv mötesdagen som { EXAMPLE_DAY() }.
enter-what-is-to-be-done = Skriv vad som ska göras.
fair = Mässa
information-evening = Informationsträff
other = Annat
participant-waiting = På väntelistan
declined = Tackat nej
participant-cancelled = Avbokad
no-checked-in-participant-belongs-to = Ingen incheckad deltagare hör till ett företag ännu.
members = Medlemmar
participant-invited = Inbjuden
registered-have-arrived-of = { $count ->
        [one] { $done } av { $count } anmäld har kommit
       *[other] { $done } av { $count } anmälda har kommit
    }
count-places-left = { $count ->
        [one] { $count } plats kvar.
       *[other] { $count } platser kvar.
    }

## The e-mails to a participant of an event.
event-mail-facts =
    { $event }
    { $day } kl. { $start }–{ $end }
event-mail-place = Plats: { $place }
event-mail-promoted-lead = En plats har blivit ledig och den är din.
event-mail-invitation-subject = Inbjudan: { $event }
event-mail-invitation-body =
    Hej!

    { $municipality } bjuder in dig till:

    { $facts }

    { $description }

    Anmäl dig eller tacka nej här:
    { $link }
event-mail-place-subject = Du har en plats: { $event }
event-mail-place-body =
    Hej!

    { $lead }Du är anmäld till:

    { $facts }

    Kalenderfilen i mejlet lägger in evenemanget i din kalender. Kan du inte komma? Avboka här, så går platsen till någon på väntelistan:
    { $link }
event-mail-waiting-subject = Väntelista: { $event }
event-mail-waiting-body =
    Hej!

    Alla platser till { $event } är tagna. Du står på väntelistan och får ett mejl om en plats blir ledig.

    { $facts }

    Vill du inte stå kvar? Avboka här:
    { $link }
event-mail-cancelled-subject = Avbokad: { $event }
event-mail-cancelled-body =
    Hej!

    Din anmälan till { $event } är avbokad. Kalenderfilen i mejlet tar bort evenemanget ur din kalender.

    Ändrar du dig? Anmäl dig igen här medan det finns platser:
    { $link }
event-mail-opt-out = Vill du inte få inbjudningar från oss? Säg det via länken ovan.
place-on-the-waiting-list = Plats på väntelistan
registered-by = Anmäld av
training-session = Tillfälle

## Asking before removing, cancelling or mailing someone
has-member-left-the-network = Har { $member } lämnat { $network }?
the-membership-ends-today = Medlemskapet avslutas i dag, { $day }. Det finns kvar i nätverkets historik.
yes-has-left-today = Ja, har lämnat i dag
cancel-participant = Avboka { $participant } från { $event }?
does-participant-decline = Tackar { $participant } nej till { $event }?
they-are-told-by-e-mail = { $participant } får ett e-postmeddelande om det, och platsen går till den som står först på väntelistan.
yes-cancel-the-place = Ja, avboka platsen
yes-record-that-they-decline = Ja, tackar nej
