//! Swedish first, English second. Templates write Swedish and wrap it in `t("…")`; this
//! table gives the English. A test checks every `t("…")` in the templates has an entry.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Translates a Swedish interface text; unknown texts stay Swedish.
pub fn translate(lang: Lang, sv: &str) -> String {
    match lang {
        Lang::Sv => sv.to_string(),
        Lang::En => table().get(sv).copied().unwrap_or(sv).to_string(),
    }
}

fn table() -> &'static HashMap<&'static str, &'static str> {
    static CELL: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    CELL.get_or_init(|| ENGLISH.iter().copied().collect())
}

const ENGLISH: &[(&str, &str)] = &[
    ("Bjud in företag", "Invite companies"),
    ("Bjud in och skicka enkäten", "Invite and send the survey"),
    ("Deltagande kommuner", "Municipalities taking part"),
    (
        "En gemensam mätning är en enkätomgång i varje deltagande medlemskommun med samma frågebatteri och samma datum. Kommunerna bjuder in sina egna företag; du ser resultaten sida vid sida, aldrig vem som svarat.",
        "A joint measurement is a survey round in every member municipality taking part, with the same question battery and the same dates. The municipalities invite their own companies; you see the results side by side, never who answered.",
    ),
    ("Gemensamma mätningar", "Joint measurements"),
    (
        "Inga gemensamma mätningar ännu.",
        "No joint measurements yet.",
    ),
    ("Inga svar ännu.", "No answers yet."),
    (
        "Jämförelse med de andra deltagarna",
        "Comparison with the others taking part",
    ),
    (
        "Kommunens del av den gemensamma mätningen",
        "The municipality's part of the joint measurement",
    ),
    ("Kommuner", "Municipalities"),
    ("Mätning", "Measurement"),
    ("Namn på mätningen", "Name of the measurement"),
    ("Ny gemensam mätning", "New joint measurement"),
    (
        "Resultaten jämförs med de andra deltagande kommunerna.",
        "The results are compared with the other municipalities taking part.",
    ),
    (
        "Starta mätningen i de valda kommunerna",
        "Start the measurement in the chosen municipalities",
    ),
    ("Till exempel: Insikt 2026", "For example: Insikt 2026"),
    ("använder inte Lots", "does not use Lots"),
    ("del av", "part of"),
    ("företag bjöds in;", "companies were invited;"),
    ("i karenstid och", "in quarantine and"),
    ("medlemmar deltar.", "members take part."),
    ("redan inbjudet", "already invited"),
    (
        "utan kontaktperson med e-post",
        "without a contact person with e-mail",
    ),
    (
        "Välj minst en medlemskommun.",
        "Choose at least one member municipality.",
    ),
    (
        "Det finns redan en mätning med det namnet.",
        "There is already a measurement with that name.",
    ),
    ("Omgången har stängt.", "The round has closed."),
    ("Resultat för en period", "Results for a period"),
    ("Från", "From"),
    ("Till", "To"),
    ("Visa resultaten", "Show the results"),
    ("svar", "answers"),
    (
        "Inga omgångar med det frågebatteriet under perioden.",
        "No rounds with that question battery in the period.",
    ),
    (
        "Skriv ett slutdatum som 2026-11-26, samma dag som starten eller senare.",
        "Write an end date like 2026-11-26, the start day or later.",
    ),
    (
        "Skriv datumet som 2026-11-26.",
        "Write the date as 2026-11-26.",
    ),
    ("Ändra utkastet", "Edit the draft"),
    ("Gör en ny version", "Make a new version"),
    (
        "Ändringarna sparas i utkastet; svar samlas först när versionen publicerats.",
        "Changes are saved in the draft; answers are collected only once the version is published.",
    ),
    ("Lägg till en fråga", "Add a question"),
    ("Avsnitt", "Section"),
    ("Frågetyp", "Question type"),
    ("Frågan på svenska", "The question in Swedish"),
    ("Frågan på engelska", "The question in English"),
    ("För en skala", "For a scale"),
    ("Lägsta värde", "Lowest value"),
    ("Högsta värde", "Highest value"),
    ("Text vid lägsta värdet", "Label of the lowest value"),
    ("Text vid högsta värdet", "Label of the highest value"),
    (
        "Svarsalternativ, ett per rad (för val)",
        "Options, one per line (for choices)",
    ),
    ("Ingår i index", "Feeds the index"),
    ("Inget", "None"),
    ("Obligatorisk", "Required"),
    ("Lägg till frågan", "Add the question"),
    ("Klar", "Done"),
    ("Ta bort", "Remove"),
    ("Skriv frågan på svenska.", "Write the question in Swedish."),
    (
        "Skriv minst två svarsalternativ, ett per rad.",
        "Write at least two options, one per line.",
    ),
    (
        "Skalans lägsta värde ska vara ett heltal.",
        "The scale's lowest value must be a whole number.",
    ),
    (
        "Skalans högsta värde ska vara ett heltal.",
        "The scale's highest value must be a whole number.",
    ),
    (
        "Skalan ska gå uppåt, med högst elva steg.",
        "The scale must go upwards, with at most eleven steps.",
    ),
    ("Välj frågetyp.", "Choose a question type."),
    (
        "Bara skalfrågor kan ingå i ett index.",
        "Only scale questions can feed an index.",
    ),
    ("Välj avsnitt.", "Choose a section."),
    (
        "Frågan kan inte tas bort: en annan fråga visas bara beroende på den, eller så blir batteriet tomt.",
        "The question cannot be removed: another question depends on it, or the battery would be empty.",
    ),
    ("Exportera svaren (CSV)", "Export the answers (CSV)"),
    ("Exportera svaren (XLSX)", "Export the answers (XLSX)"),
    (
        "utan företag: omgången är anonym",
        "without companies: the round is anonymous",
    ),
    (
        "Omgången är anonym och har för få svar för att svaren ska kunna lämnas ut.",
        "The round is anonymous and has too few answers for them to be exported.",
    ),
    (
        "NKI i medlemskommunerna",
        "NKI in the member municipalities",
    ),
    (
        "medlemmar har mätt med Insikt-enkäten detta år.",
        "members have measured with the Insikt survey this year.",
    ),
    ("Resultat från färre än", "Results from fewer than"),
    (
        "svar visas inte. Ett område rankas med minst",
        "answers are not shown. An area is ranked with at least",
    ),
    (
        "svar; totalen med minst",
        "answers; the total with at least",
    ),
    (
        "svar och en svarsfrekvens på minst 40 % totalt och 30 % i varje område.",
        "answers and a response rate of at least 40 % in total and 30 % in every area.",
    ),
    ("År", "Year"),
    ("Plats", "Rank"),
    (
        "Ingen medlem har mätt med Insikt-enkäten detta år.",
        "No member has measured with the Insikt survey this year.",
    ),
    ("Enkäter", "Surveys"),
    ("Ny enkätomgång", "New survey round"),
    ("Frågebatterier", "Question batteries"),
    ("Omgång", "Round"),
    ("Frågebatteri", "Question battery"),
    ("Period", "Period"),
    ("Svarsfrekvens", "Response rate"),
    ("anonym", "anonymous"),
    ("version", "version"),
    ("Inga enkätomgångar än.", "No survey rounds yet."),
    ("1. Välj företag", "1. Choose companies"),
    ("Visa företagen", "Show the companies"),
    (
        "aktiva företag matchar. Bocka ur dem som inte ska få enkäten.",
        "active companies match. Untick those that should not get the survey.",
    ),
    (
        "De första 500 visas; avgränsa med filtren för att se resten.",
        "The first 500 are shown; narrow the filters to see the rest.",
    ),
    ("2. Omgången", "2. The round"),
    ("Namn på omgången", "Name of the round"),
    (
        "Till exempel: Uppföljning företagsbesök hösten 2026",
        "For example: Follow-up of company visits, autumn 2026",
    ),
    ("Välj", "Choose"),
    ("Öppnar", "Opens"),
    ("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    ("Stänger", "Closes"),
    (
        "ÅÅÅÅ-MM-DD, sista dagen att svara",
        "YYYY-MM-DD, the last day to answer",
    ),
    (
        "Påminnelser (dagar efter inbjudan)",
        "Reminders (days after the invitation)",
    ),
    (
        "Högst tre, till exempel 7, 14. Bara de som inte svarat påminns.",
        "At most three, for example 7, 14. Only those who have not answered are reminded.",
    ),
    ("Karenstid i månader", "Quarantine in months"),
    (
        "Ett företag som fått en enkät under denna tid får ingen ny.",
        "A company that got a survey within this time gets no new one.",
    ),
    (
        "Anonym omgång: svaren kan inte kopplas till företaget",
        "Anonymous round: answers cannot be connected to the company",
    ),
    (
        "Skapa omgången och skicka inbjudningar",
        "Create the round and send the invitations",
    ),
    ("Resultat", "Results"),
    (
        "Index 0–100 med 95 % konfidensintervall och SKR:s betygsnivå. Resultat från färre än",
        "Index 0–100 with a 95 % confidence interval and SKR's grade band. Results from fewer than",
    ),
    ("svar visas inte.", "answers are not shown."),
    ("Dela upp resultaten", "Split the results"),
    ("Dela upp efter", "Split by"),
    ("Resultattabell", "Results table"),
    ("Grupp", "Group"),
    ("Index", "Index"),
    ("Antal svar", "Answers"),
    ("95 % KI", "95 % CI"),
    ("Nivå", "Band"),
    ("Förra omgången", "Previous round"),
    ("För få svar för att visas", "Too few answers to show"),
    ("signifikant", "significant"),
    ("inte signifikant", "not significant"),
    ("Inga svar än.", "No answers yet."),
    ("Prioriteringsmatris", "Priority matrix"),
    (
        "Varje serviceområdes index mot dess effekt på NKI (regression, n =",
        "Each service factor's index against its effect on NKI (regression, n =",
    ),
    (
        "Högt index och hög effekt: bevara. Lågt index och hög effekt: prioritera.",
        "High index and high effect: preserve. Low index and high effect: prioritise.",
    ),
    (
        "Samma värden finns i tabellen under diagrammet.",
        "The same values are in the table below the chart.",
    ),
    ("Lägre prioritet", "Lower priority"),
    ("Bevara", "Preserve"),
    ("Förbättra om möjligt", "Improve if possible"),
    ("Prioritera", "Prioritise"),
    ("Effekt på NKI", "Effect on NKI"),
    (
        "Prioriteringsmatris som tabell",
        "Priority matrix as a table",
    ),
    ("Serviceområde", "Service factor"),
    ("Effekt", "Effect"),
    ("Signifikant", "Significant"),
    ("Kvadrant", "Quadrant"),
    ("Ja", "Yes"),
    ("Nej", "No"),
    (
        "Matrisen visas när tillräckligt många har svarat på både NKI-frågorna och serviceområdena.",
        "The matrix is shown when enough respondents have answered both the NKI questions and the service factors.",
    ),
    ("Jämförelse i länet", "Comparison in the county"),
    ("medel", "average"),
    ("plats", "rank"),
    ("För få svar", "Too few answers"),
    ("Svarsfördelning per fråga", "Answers per question"),
    ("Andel", "Share"),
    ("Fritextsvar", "Free-text answers"),
    ("Inga svar.", "No answers."),
    ("E-post", "E-mail"),
    ("Skickad", "Sent"),
    ("Påminnelser", "Reminders"),
    ("Kunde inte levereras", "Could not be delivered"),
    ("Har svarat", "Has answered"),
    ("I kö", "Queued"),
    ("Ange svar från telefon", "Enter an answer taken by phone"),
    ("Svara senast", "Answer by"),
    (
        "Du kan spara och fortsätta senare med samma länk, och ändra dina svar tills enkäten stänger.",
        "You can save and go on later with the same link, and change your answers until the survey closes.",
    ),
    (
        "Dina svar är anonyma: kommunen ser dem bara tillsammans med andras.",
        "Your answers are anonymous: the municipality sees them only together with others'.",
    ),
    (
        "Dina svar är sparade. Skicka dem när du är klar.",
        "Your answers are saved. Send them when you are done.",
    ),
    (
        "Du har redan skickat dina svar. Du kan ändra dem och skicka igen.",
        "You have already sent your answers. You can change them and send again.",
    ),
    ("frivillig", "optional"),
    ("Fel", "Error"),
    ("Skicka svaren", "Send the answers"),
    ("Spara och fortsätt senare", "Save and continue later"),
    ("Enkäten från", "The survey from"),
    ("öppnar", "opens"),
    (
        "Välkommen tillbaka då med samma länk.",
        "Welcome back then with the same link.",
    ),
    ("stängde", "closed"),
    (
        "Det går inte längre att svara eller ändra svar. Tack för ditt intresse!",
        "It is no longer possible to answer or change answers. Thank you for your interest!",
    ),
    (
        "har fått dina svar. De hjälper kommunen att bli bättre på att ge företag service.",
        "has received your answers. They help the municipality give companies better service.",
    ),
    (
        "Du kan ändra dina svar till och med",
        "You can change your answers up to and including",
    ),
    ("ändra dina svar", "change your answers"),
    ("Till enkäten", "To the survey"),
    (
        "Ett frågebatteri publiceras som en version som inte kan ändras; svaren pekar alltid på den version de besvarade.",
        "A question battery is published as a version that cannot change; answers always point at the version they answered.",
    ),
    ("utkast", "draft"),
    ("Version", "Version"),
    ("publicerad", "published"),
    ("Publicera versionen", "Publish the version"),
    ("index", "index"),
    ("obligatorisk", "required"),
    ("villkorad", "conditional"),
    ("Planerad", "Planned"),
    ("Pågår", "Running"),
    ("Stängd", "Closed"),
    ("Välj ett frågebatteri.", "Choose a question battery."),
    (
        "Karenstiden ska vara ett antal månader.",
        "The quarantine must be a number of months.",
    ),
    (
        "Skriv dagarna som tal, till exempel 7, 14.",
        "Write the days as numbers, for example 7, 14.",
    ),
    ("Totalt", "Total"),
    ("NKI", "NKI"),
    ("Information", "Information"),
    ("Tillgänglighet", "Accessibility"),
    ("Bemötande", "Treatment"),
    ("Kompetens", "Competence"),
    ("Rättssäkerhet", "Legal certainty"),
    ("Effektivitet", "Efficiency"),
    ("Helhetsbetyg", "Overall rating"),
    ("Mycket högt", "Very high"),
    ("Högt", "High"),
    ("Godkänt", "Approved"),
    ("Lågt", "Low"),
    ("Mycket lågt", "Very low"),
    ("Bransch", "Industry"),
    ("Storlek", "Size"),
    ("Kvartal", "Quarter"),
    ("Svar per telefon", "Answer by phone"),
    ("Skala", "Scale"),
    ("NPS 0–10", "NPS 0–10"),
    ("Ett val", "One choice"),
    ("Flera val", "Several choices"),
    ("Ja/nej", "Yes/no"),
    ("Fritext", "Free text"),
    (
        "Enkäten har inte öppnat än",
        "The survey has not opened yet",
    ),
    ("Enkäten är stängd", "The survey is closed"),
    ("Tack för dina svar!", "Thank you for your answers!"),
    ("Ge omgången ett namn.", "Give the round a name."),
    (
        "Skriv startdagen som ÅÅÅÅ-MM-DD.",
        "Write the opening day as YYYY-MM-DD.",
    ),
    (
        "Skriv slutdagen som ÅÅÅÅ-MM-DD, samma dag som starten eller senare.",
        "Write the closing day as YYYY-MM-DD, the opening day or later.",
    ),
    (
        "Högst tre påminnelser, var och en 1–90 dagar efter inbjudan.",
        "At most three reminders, each 1–90 days after the invitation.",
    ),
    (
        "Karenstiden är 0–60 månader.",
        "The quarantine is 0–60 months.",
    ),
    ("Välj minst ett företag.", "Choose at least one company."),
    (
        "Frågebatteriet måste vara publicerat innan det skickas ut.",
        "The question battery must be published before it is sent.",
    ),
    ("Hoppa till innehållet", "Skip to content"),
    ("Huvudmeny", "Main menu"),
    ("Översikt", "Overview"),
    ("Organisation", "Organisation"),
    ("Personal", "Staff"),
    ("Medlemmar", "Members"),
    ("API-nycklar", "API tokens"),
    ("Granskningslogg", "Audit log"),
    ("API-dokumentation", "API documentation"),
    ("Byt lösenord", "Change password"),
    ("Logga in", "Sign in"),
    ("Logga ut", "Sign out"),
    ("Inloggad som", "Signed in as"),
    ("In English", "In English"),
    ("På svenska", "På svenska"),
    ("Du är här", "You are here"),
    ("Det finns fel i formuläret", "There is a problem"),
    ("E-postadress", "E-mail address"),
    ("Lösenord", "Password"),
    (
        "Använd e-postadressen från din kommun.",
        "Use the e-mail address from your municipality.",
    ),
    (
        "Fel e-postadress eller lösenord.",
        "Wrong e-mail address or password.",
    ),
    (
        "För många misslyckade försök. Vänta 15 minuter och försök igen.",
        "Too many failed attempts. Wait 15 minutes and try again.",
    ),
    ("Skriv din e-postadress.", "Enter your e-mail address."),
    ("Skriv ditt lösenord.", "Enter your password."),
    (
        "Lots hjälper kommunen att arbeta systematiskt med servicen till företagen.",
        "Lots helps the municipality work systematically with its service to companies.",
    ),
    ("Du är utloggad.", "You are signed out."),
    ("Sidan finns inte", "Page not found"),
    (
        "Sidan du söker finns inte, eller så har du inte tillgång till den.",
        "The page you are looking for does not exist, or you do not have access to it.",
    ),
    ("Du saknar behörighet", "You do not have access"),
    (
        "Din roll ger inte tillgång till den här sidan. Fråga din administratör om du behöver den.",
        "Your role does not give access to this page. Ask your administrator if you need it.",
    ),
    ("Något gick fel", "Something went wrong"),
    (
        "Vi kunde inte visa sidan. Försök igen om en stund. Om felet finns kvar, ge administratören den här referensen:",
        "We could not show the page. Try again in a while. If the problem remains, give the administrator this reference:",
    ),
    ("Felaktig begäran", "Bad request"),
    (
        "Formuläret var för gammalt eller kom från en annan sida. Ladda om sidan och försök igen.",
        "The form was too old or came from another page. Reload the page and try again.",
    ),
    ("Till översikten", "To the overview"),
    ("Välkommen", "Welcome"),
    ("Enheter", "Units"),
    ("enheter", "units"),
    ("Aktiva konton", "Active accounts"),
    ("Inbjudna", "Invited"),
    ("Inaktiverade", "Disabled"),
    ("Köade jobb", "Queued jobs"),
    ("Misslyckade jobb", "Failed jobs"),
    ("Senaste händelser", "Recent events"),
    ("Bjud in personal", "Invite staff"),
    ("Din enhet", "Your unit"),
    ("Kollegor i din enhet", "Colleagues in your unit"),
    (
        "Du har ingen enhet ännu. Be din administratör att placera dig i en enhet.",
        "You have no unit yet. Ask your administrator to place you in a unit.",
    ),
    ("Hitta rätt handläggare", "Find the right case officer"),
    (
        "Sök på namn, e-post eller titel",
        "Search by name, e-mail or title",
    ),
    ("Sök", "Search"),
    ("Personal per roll", "Staff by role"),
    ("Roll", "Role"),
    ("Antal", "Number"),
    ("Kommun", "Municipality"),
    ("Län", "County"),
    ("Kod", "Code"),
    ("Medlemskommuner", "Member municipalities"),
    ("kommuner", "municipalities"),
    (
        "Ingen kommun är medlem ännu.",
        "No municipality is a member yet.",
    ),
    ("Enhet", "Unit"),
    ("Typ", "Type"),
    ("Förvaltning", "Administration"),
    ("Kontor", "Office"),
    ("Överordnad enhet", "Parent unit"),
    ("Ingen (högst upp)", "None (top level)"),
    ("Lägg till enhet", "Add unit"),
    ("Namn", "Name"),
    ("Skriv enhetens namn.", "Enter the unit's name."),
    (
        "Det finns redan en enhet med det namnet på samma plats.",
        "A unit with that name already exists in the same place.",
    ),
    ("Enheten lades till.", "The unit was added."),
    ("Inga enheter ännu", "No units yet"),
    (
        "Kommunens organisation visas här: förvaltningar, kontor och enheter.",
        "The municipality's organisation is shown here: administrations, offices and units.",
    ),
    ("Underenheter", "Sub-units"),
    ("Personal i enheten", "Staff in the unit"),
    (
        "Ingen personal är placerad i enheten.",
        "No staff are placed in the unit.",
    ),
    ("personer", "people"),
    ("person", "person"),
    ("Titel", "Title"),
    ("Roller", "Roles"),
    ("Status", "Status"),
    ("Aktiv", "Active"),
    ("Inbjuden", "Invited"),
    ("Inaktiverad", "Disabled"),
    ("Alla", "All"),
    ("Filtrera", "Filter"),
    ("Rensa filter", "Clear filters"),
    ("Exportera CSV", "Export CSV"),
    ("Föregående", "Previous"),
    ("Nästa", "Next"),
    ("Sida", "Page"),
    ("av", "of"),
    (
        "Ingen personal matchar filtret.",
        "No staff match the filter.",
    ),
    ("Senast inloggad", "Last signed in"),
    ("Aldrig", "Never"),
    ("Skapad", "Created"),
    ("Ändra roller och enhet", "Change roles and unit"),
    ("Spara ändringar", "Save changes"),
    ("Ändringarna sparades.", "The changes were saved."),
    ("Inaktivera kontot", "Disable the account"),
    ("Aktivera kontot", "Enable the account"),
    (
        "Personen loggas ut och kan inte logga in förrän du aktiverar kontot igen. Inget annat tas bort.",
        "The person is signed out and cannot sign in until you enable the account again. Nothing else is removed.",
    ),
    ("Kontot inaktiverades.", "The account was disabled."),
    ("Kontot aktiverades.", "The account was enabled."),
    ("Skicka inbjudan igen", "Send the invitation again"),
    (
        "Inbjudan köades; den skickas inom en minut.",
        "The invitation was queued; it is sent within a minute.",
    ),
    ("Välj minst en roll.", "Choose at least one role."),
    ("Ingen enhet", "No unit"),
    ("Skriv personens namn.", "Enter the person's name."),
    (
        "Skriv en e-postadress i formen namn@kommun.se.",
        "Enter an e-mail address like name@municipality.se.",
    ),
    (
        "E-postadressen används redan av ett annat konto.",
        "The e-mail address is already used by another account.",
    ),
    ("Språk", "Language"),
    ("Svenska", "Swedish"),
    ("Engelska", "English"),
    (
        "Personen får ett mejl med en länk för att välja lösenord. Länken gäller i 7 dagar.",
        "The person gets an e-mail with a link to choose a password. The link is valid for 7 days.",
    ),
    ("Skicka inbjudan", "Send invitation"),
    ("Välj ditt lösenord", "Choose your password"),
    ("Nytt lösenord", "New password"),
    ("Upprepa lösenordet", "Repeat the password"),
    (
        "Minst 10 tecken. En fras med flera ord är lätt att minnas och svår att gissa.",
        "At least 10 characters. A phrase of several words is easy to remember and hard to guess.",
    ),
    (
        "Lösenordet måste ha minst 10 tecken.",
        "The password must have at least 10 characters.",
    ),
    ("Lösenordet är för långt.", "The password is too long."),
    (
        "Lösenordet är för vanligt. Välj ett annat.",
        "The password is too common. Choose another.",
    ),
    ("Lösenorden är inte lika.", "The passwords do not match."),
    ("Spara lösenordet", "Save the password"),
    ("Länken fungerar inte", "The link does not work"),
    (
        "Länken har redan använts eller är för gammal. Be din administratör om en ny inbjudan.",
        "The link has been used already or is too old. Ask your administrator for a new invitation.",
    ),
    (
        "Ditt lösenord är sparat. Logga in.",
        "Your password is saved. Sign in.",
    ),
    ("Nuvarande lösenord", "Current password"),
    (
        "Skriv ditt nuvarande lösenord.",
        "Enter your current password.",
    ),
    (
        "Det nuvarande lösenordet stämmer inte.",
        "The current password is not correct.",
    ),
    (
        "Lösenordet är bytt. Dina andra inloggningar har avslutats.",
        "The password is changed. Your other sessions have ended.",
    ),
    ("Ny API-nyckel", "New API token"),
    ("Behörighet", "Scope"),
    ("Läsa", "Read"),
    ("Läsa och skriva", "Read and write"),
    (
        "Skriv ett namn som säger vad nyckeln används till.",
        "Enter a name that says what the token is for.",
    ),
    ("Skapa nyckel", "Create token"),
    (
        "Kopiera nyckeln nu. Den visas bara en gång.",
        "Copy the token now. It is shown only once.",
    ),
    ("Nyckeln skickas som", "Send the token as"),
    ("Början", "Start"),
    ("Senast använd", "Last used"),
    ("Återkallad", "Revoked"),
    ("Återkalla", "Revoke"),
    ("Återkalla nyckeln", "Revoke the token"),
    (
        "System som använder nyckeln slutar fungera direkt. Det går inte att ångra; skapa en ny nyckel om det behövs.",
        "Systems using the token stop working at once. It cannot be undone; create a new token if needed.",
    ),
    ("Avbryt", "Cancel"),
    ("Nyckeln återkallades.", "The token was revoked."),
    ("Inga API-nycklar ännu", "No API tokens yet"),
    (
        "En API-nyckel låter ett annat system, till exempel ärendesystemet, läsa eller skriva kommunens data.",
        "An API token lets another system, such as the case system, read or write the municipality's data.",
    ),
    ("Vem", "Who"),
    ("När", "When"),
    ("Händelse", "Event"),
    ("Post", "Record"),
    ("Varifrån", "From where"),
    ("Från och med", "From"),
    ("Till och med", "Until"),
    (
        "Skriv datumet som 2026-11-26.",
        "Write the date as 2026-11-26.",
    ),
    ("händelser", "events"),
    (
        "Inga händelser matchar filtret.",
        "No events match the filter.",
    ),
    (
        "Loggen går inte att ändra eller radera.",
        "The log cannot be changed or deleted.",
    ),
    ("Visningen loggas.", "Viewing is logged."),
    ("Bas-URL", "Base URL"),
    ("Metod", "Method"),
    ("Sökväg", "Path"),
    ("Beskrivning", "Description"),
    ("Svar", "Responses"),
    ("Parametrar", "Parameters"),
    ("Hämta OpenAPI-dokumentet", "Download the OpenAPI document"),
    (
        "Alla anrop kräver en API-nyckel:",
        "Every call needs an API token:",
    ),
    ("Tillbaka", "Back"),
    ("i dag", "today"),
    ("i går", "yesterday"),
    ("Inga", "None"),
    ("Kommunens personal", "The municipality's staff"),
    ("Administration", "Administration"),
    ("Konto", "Account"),
    ("Kontot", "Account"),
    ("Jobbkö", "Job queue"),
    ("Klara", "Done"),
    ("Latitud", "Latitude"),
    ("Longitud", "Longitude"),
    (
        "Om den är känd, i decimalgrader (WGS 84), till exempel 59,53.",
        "If known, in decimal degrees (WGS 84), for example 59.53.",
    ),
    ("Till exempel 17,74.", "For example 17.74."),
    ("Koordinater", "Coordinates"),
    (
        "Kontaktpersoner utan aktivitet på länge. Behåll dem som behövs och radera resten; personuppgifter ska inte sparas längre än de behövs.",
        "Contact persons without activity for a long time. Keep those who are needed and erase the rest; personal data must not be kept longer than needed.",
    ),
    (
        "Ingen aktivitet på minst (år)",
        "No activity for at least (years)",
    ),
    ("Visa", "Show"),
    (
        "Ingen kontaktperson behöver granskas.",
        "No contact person needs review.",
    ),
    ("Kontaktpersoner att granska", "Contact persons to review"),
    (
        "Poster som troligen är samma företag: samma namn, eller nästan samma namn på samma adress.",
        "Records that are probably the same company: the same name, or almost the same name at the same address.",
    ),
    ("Möjlig dubblett", "Possible duplicate"),
    ("Åtgärd", "Action"),
    ("Jämför och sammanfoga", "Compare and merge"),
    (
        "Inga troliga dubbletter hittades.",
        "No likely duplicates were found.",
    ),
    (
        "Välj för varje uppgift vilket värde som ska gälla. Kontaktpersoner och händelser från båda posterna flyttas till den sammanfogade posten. Det går inte att ångra.",
        "Choose for each item which value applies. Contact persons and events from both records move to the merged record. It cannot be undone.",
    ),
    ("Sammanfoga posterna", "Merge the records"),
    ("Samma namn", "Same name"),
    (
        "Liknande namn på samma adress",
        "Similar name at the same address",
    ),
    ("Möjliga dubbletter", "Possible duplicates"),
    ("Sammanfoga två poster", "Merge two records"),
    (
        "Ladda upp en fil från ett ärendesystem eller ett kalkylark. Du ser först vad som händer; inget sparas förrän du bekräftar.",
        "Upload a file from a case system or a spreadsheet. You first see what will happen; nothing is saved until you confirm.",
    ),
    ("Fil (CSV eller Excel)", "File (CSV or Excel)"),
    (
        "CSV med semikolon, komma eller tabb i UTF-8 eller Windows-1252, eller det första bladet i en Excel-fil (XLSX). Kolumnerna känns igen på namn som Orgnr, Företagsnamn, SNI, Antal anställda och Postort.",
        "CSV with semicolons, commas or tabs in UTF-8 or Windows-1252, or the first sheet of an Excel file (XLSX). Columns are recognised by names such as Orgnr, Företagsnamn, SNI, Antal anställda and Postort.",
    ),
    ("Förhandsgranska", "Preview"),
    ("rader", "lines"),
    ("går att importera", "can be imported"),
    ("avvisas", "are rejected"),
    ("nya företag", "new companies"),
    ("uppdaterade", "updated"),
    (
        "hoppades över eftersom de redan fanns",
        "skipped because they already existed",
    ),
    (
        "Inget sparades: en rad avvisades och du valde allt eller inget.",
        "Nothing was saved: a line was rejected and you chose all or nothing.",
    ),
    ("Avvisade rader", "Rejected lines"),
    ("Rad", "Line"),
    ("Kolumn", "Column"),
    ("Värde", "Value"),
    ("Varför", "Why"),
    (
        "Hämta de avvisade raderna som fil",
        "Download the rejected lines as a file",
    ),
    (
        "rätta dem där och importera filen igen.",
        "correct them there and import the file again.",
    ),
    (
        "Företag som redan finns i registret",
        "Companies already in the register",
    ),
    (
        "Uppdatera med uppgifterna i filen",
        "Update with the data in the file",
    ),
    ("Hoppa över", "Skip"),
    (
        "Allt eller inget: importera ingenting om någon rad avvisas",
        "All or nothing: import nothing if any line is rejected",
    ),
    ("Importera", "Import"),
    ("Till företagen", "To the companies"),
    ("Importera en annan fil", "Import another file"),
    ("Importera företag", "Import companies"),
    ("Välj en fil att importera.", "Choose a file to import."),
    ("Exportera Excel (XLSX)", "Export Excel (XLSX)"),
    ("Aktivt", "Active"),
    ("Andra namn", "Other names"),
    ("Anställda", "Employees"),
    ("Antal anställda", "Number of employees"),
    ("Anteckningar", "Notes"),
    ("Avregistrerat", "Deregistered"),
    ("Besöksadress", "Visiting address"),
    (
        "Bifirmor och tidigare namn, med komma emellan.",
        "Secondary and former names, separated by commas.",
    ),
    ("Bransch (SNI 2007)", "Industry (SNI 2007)"),
    (
        "Den huvudsakliga koden först, till exempel 49410.",
        "The main code first, for example 49410.",
    ),
    (
        "Det här är allt Lots har sparat om personen.",
        "This is everything Lots keeps about the person.",
    ),
    (
        "Din roll visar inte personuppgifter.",
        "Your role does not show personal data.",
    ),
    ("Företag", "Companies"),
    ("Företagets resa", "The company's journey"),
    ("Företagsnamn", "Company name"),
    ("Inga företag ännu", "No companies yet"),
    ("Inga kontaktpersoner ännu.", "No contact persons yet."),
    (
        "Inget företag matchar sökningen.",
        "No company matches the search.",
    ),
    ("Kontaktpersoner", "Contact persons"),
    ("Lägg till kontaktperson", "Add contact person"),
    ("Med komma emellan.", "Separated by commas."),
    (
        "Namn, organisationsnummer eller kontaktperson. Stavfel går bra.",
        "Name, organisation number or contact person. Typos are fine.",
    ),
    (
        "Namn, roll, e-postadress och telefonnummer tas bort för alltid. Att personen fanns räknas fortfarande i statistiken. Det går inte att ångra.",
        "Name, role, e-mail address and phone number are removed for good. That the person existed still counts in the statistics. It cannot be undone.",
    ),
    ("Ny anteckning", "New note"),
    ("Område", "Area"),
    ("Organisationsnummer", "Organisation number"),
    ("Personuppgifter", "Personal data"),
    ("Postnummer", "Postcode"),
    ("Postort", "Town"),
    ("Radera personen", "Erase the person"),
    ("Registerutdrag", "Register extract"),
    ("Registerutdrag som JSON", "Register extract as JSON"),
    ("Registrera företag", "Register a company"),
    ("Registrera företaget", "Register the company"),
    ("Registrerad", "Registered"),
    ("Roll på företaget", "Role at the company"),
    (
        "Rättslig grund för att spara personen",
        "Legal basis for keeping the person",
    ),
    ("SNI 2007", "SNI 2007"),
    ("SNI 2025", "SNI 2025"),
    ("SNI-kod", "SNI code"),
    ("Senaste aktivitet", "Latest activity"),
    ("Spara anteckningen", "Save the note"),
    ("Storlek (anställda)", "Size (employees)"),
    ("Sök företag", "Search companies"),
    ("Tagg", "Tag"),
    ("Taggar", "Tags"),
    ("Telefon", "Phone"),
    (
        "Till exempel 556012-5790. En enskild firma har ägarens personnummer.",
        "For example 556012-5790. A sole trader has the owner's personal identity number.",
    ),
    (
        "Till exempel Brunna, Kungsängen eller Bro.",
        "For example Brunna, Kungsängen or Bro.",
    ),
    (
        "Till exempel vd eller fastighetsansvarig.",
        "For example CEO or property manager.",
    ),
    ("Uppgifter", "Details"),
    (
        "Vem som har sett eller ändrat uppgifterna",
        "Who has viewed or changed the data",
    ),
    ("företag", "companies"),
    ("kontaktpersoner", "contact persons"),
    (
        "Här samlas kommunens företag: vilka de är, var de finns och hur deras resa genom kommunen ser ut.",
        "The municipality's companies are gathered here: who they are, where they are and how their journey through the municipality looks.",
    ),
    ("Ändra uppgifter", "Change details"),
    ("Spara kontaktpersonen", "Save the contact person"),
    (
        "Myndighetsutövning och uppgifter av allmänt intresse",
        "Exercise of authority and tasks in the public interest",
    ),
    ("Berättigat intresse", "Legitimate interest"),
    ("Samtycke", "Consent"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_text_has_english() {
        let mut missing = Vec::new();
        for (name, source) in crate::templates::SOURCES {
            let mut rest = *source;
            while let Some(start) = rest.find("t(\"") {
                rest = &rest[start + 3..];
                let end = rest.find('"').unwrap();
                let key = &rest[..end];
                if !table().contains_key(key) {
                    missing.push(format!("{name}: {key}"));
                }
                rest = &rest[end..];
            }
        }
        assert!(missing.is_empty(), "texts without English: {missing:#?}");
    }

    #[test]
    fn unknown_text_stays_swedish() {
        assert_eq!(translate(Lang::En, "Logga in"), "Sign in");
        assert_eq!(translate(Lang::Sv, "Logga in"), "Logga in");
        assert_eq!(translate(Lang::En, "Okänd"), "Okänd");
    }
}
