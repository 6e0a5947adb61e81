error = Error
visit-campaigns = Visit campaigns
staff-member = Staff
day = Day
hh-mm = HH:MM
attended = attended
time = Time
training = Training
at = at
organisationsnummer-or-name-as-in-the = Organisation number or name as in the register
by = by
done-lower = done
overdue = overdue
due = Due
networks = Networks
purpose = Purpose
events = Events
the-event-has-already-taken-place = The event has already taken place.
choose-a-staff-member = Choose a staff member.
enter-the-last-day = Enter the last day as { EXAMPLE_DAY() }.
choose-who-is-responsible = Choose who is responsible.
breakfast-meeting = Breakfast meeting
save = Save
cases-and-contact-log = Cases and contact log
fault-reports = Fault reports
optional = optional
the-e-mail-address-is-malformed = The e-mail address is not valid.
choose-a-status = Choose a status.
none = None
contact-log = Contact log
case-officer = Case officer
cases = Cases
cases-lower = cases
invite-companies = Invite companies
joint-measurements = Joint measurements
from = From
to = To
write-the-date-as-2026-11 = Write the date as { EXAMPLE_DAY() }.
remove = Remove
nki-in-the-member-municipalities = NKI in the member municipalities
rank = Rank
surveys = Surveys
question-battery = Question battery
period = Period
version = version
choose = Choose
yyyy-mm-dd = YYYY-MM-DD
closes = Closes
yyyy-mm-dd-the-last-day = YYYY-MM-DD, the last day to answer
too-few-answers-to-show = Too few answers to show
yes = Yes
no = No
rank-lower = rank
share = Share
e-mail = E-mail
draft-lower = draft
version-heading = Version
published = published
planned-singular = Planned
running = Running
choose-a-question-battery = Choose a question battery.
approved = Approved
choose-at-least-one-company = Choose at least one company.
e-mail-address = E-mail address
invited-plural = Invited
search = Search
number-of = Number
municipality = Municipality
code = Code
unit = Unit
name = Name
person = person
status = Status
all = All
clear-filters = Clear filters
export-csv = Export CSV
of = of
save-changes = Save changes
language = Language
swedish = Swedish
english = English
cancel-action = Cancel
who = Who
when = When
event = Event
until = Until
description = Description
responses = Responses
latitude = Latitude
longitude = Longitude
show = Show
action = Action
value = Value
why-heading = Why
export-excel-xlsx = Export Excel (XLSX)
notes = Notes
companies = Companies
area = Area
organisation-number = Organisation number
sni-code = SNI code
size-employees = Size (employees)
search-companies = Search companies
tag = Tag
phone = Phone
companies-lower = companies
your-calendar-of-visits = Your calendar of visits
import-cases = Import cases
place = Place
count-companies = { $count ->
        [one] { $count } company
       *[other] { $count } companies
    }
no-column-holds-the-field = No column holds { $field }. Name the column with the mapping "COLUMN={ $code }" (--map on the command line).
the-file-has-no-column-named = The file has no column named "{ $column }".
two-columns-hold-the-field = Two columns hold { $field }: "{ $first }" and "{ $second }".
the-file-is-empty = The file is empty.
line-cannot-be-read = Line { $line } cannot be read: { $reason }
the-workbook-cannot-be-read = The workbook cannot be read: { $reason }
the-workbook-has-no-sheet = The workbook has no sheet named "{ $name }".
the-cell-holds-a-control-character = The cell holds a control character ({ $point }) that cannot be stored.
the-file-cannot-be-read = The file cannot be read: { $reason }
holiday-new-years-day = New Year's Day
holiday-epiphany = Epiphany
holiday-good-friday = Good Friday
holiday-easter-sunday = Easter Sunday
holiday-easter-monday = Easter Monday
holiday-may-day = May Day
holiday-ascension-day = Ascension Day
holiday-whit-sunday = Whit Sunday
holiday-national-day = Sweden's National Day
holiday-midsummer-day = Midsummer Day
holiday-all-saints-day = All Saints' Day
holiday-christmas-day = Christmas Day
holiday-boxing-day = Boxing Day
holiday-midsummer-eve = Midsummer Eve
holiday-christmas-eve = Christmas Eve
holiday-new-years-eve = New Year's Eve
holiday-weekend = weekend
weekday-date = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    } { $day }

## What a bulk action reached and whom it left out
back-to-name = Back to { $name }
invitations-to = Invitations to { $name }
invite-more-companies = Invite more companies
booking-offers = Times and booking links
reach-invited = { $count ->
        [0] No company was invited.
        [one] One company was invited.
       *[other] { $count } companies were invited.
    }
reach-offered = { $count ->
        [0] No company was sent a booking link.
        [one] One company was offered times to choose from and sent a booking link.
       *[other] { $count } companies were offered times to choose from and sent a booking link.
    }
reach-skipped = { $count ->
        [one] One company was left out:
       *[other] { $count } companies were left out:
    }
reach-skipped-heading = Left out
reach-name = Name
reach-why = Why
skipped-already-invited = Already invited
skipped-in-quarantine = In quarantine until { $until }
skipped-without-email = No contact person with an e-mail address
skipped-opted-out = Has asked not to be invited again
skipped-book-by-phone = No e-mail address: book the visit by phone
menu = Menu
close-menu = Close the menu
delivered-by-lots = delivered by Lots
