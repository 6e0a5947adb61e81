undelivered-e-mail = Undelivered e-mail
e-mail-that-could-not-be = E-mail that could not be sent. Lots tries again at growing intervals for at least three days; after that the message stays here until someone sends it again.
message = Message
recipient = Recipient
queued = Queued
attempts = Attempts
state = State
not-shown = not shown
next-attempt = Next attempt
given-up = Given up
send-again = Send again
a-reminder-of-an-anonymous-survey = A reminder of an anonymous survey shows no recipient: reminders go only to those who have not answered.
all-e-mail-has-been-sent = All e-mail has been sent.
the-message-was-queued-again-and = The message was queued again and goes out within a minute.
invitation-to-lots = Invitation to Lots
other-message = Other message
character-not-allowed = Character not allowed
field-holds-a-control-character = The field “{ $field }” holds a control character ({ $character }) that cannot be stored. Go back, remove the character and try again.
invited-did-not-attend = invited, did not attend
no-training-recorded = No training recorded.
fault-reports-open311 = Fault reports (Open311)
skip-to-content = Skip to content
main-menu = Main menu
overview = Overview
organisation = Organisation
staff-heading = Staff
api-tokens = API tokens
audit-log = Audit log
api-documentation = API documentation
change-password = Change password
sign-in = Sign in
sign-out = Sign out
signed-in-as = Signed in as
in-english = In English
in-swedish = På svenska
you-are-here = You are here
there-is-a-problem = There is a problem
password = Password
use-the-e-mail-address-from = Use the e-mail address from your municipality.
wrong-e-mail-address-or-password = Wrong e-mail address or password.
too-many-failed-attempts-wait-15 = Too many failed attempts. Wait 15 minutes and try again.
enter-your-e-mail-address = Enter your e-mail address.
enter-your-password = Enter your password.
lots-helps-the-municipality-work-systematically = Lots helps the municipality work systematically with its service to companies.
you-are-signed-out = You are signed out.
page-not-found = Page not found
the-page-you-are-looking-for = The page you are looking for does not exist, or you do not have access to it.
you-do-not-have-access = You do not have access
your-role-does-not-give-access = Your role does not give access to this page. Ask your administrator if you need it.
something-went-wrong = Something went wrong
we-could-not-show-the-page = We could not show the page. Try again in a while. If the problem remains, give the administrator this reference:
bad-request = Bad request
the-form-was-too-old-or = The form was too old or came from another page. Reload the page and try again.
to-the-overview = To the overview
welcome-heading = Welcome
active-accounts = Active accounts
disabled = Disabled
queued-jobs = Queued jobs
failed-jobs = Failed jobs
recent-events = Recent events
invite-staff = Invite staff
your-unit = Your unit
colleagues-in-your-unit = Colleagues in your unit
you-have-no-unit-yet-ask = You have no unit yet. Ask your administrator to place you in a unit.
find-the-right-case-officer = Find the right case officer
search-by-name-e-mail-or = Search by name, e-mail or title
staff-by-role = Staff by role
role = Role
county = County
member-municipalities = Member municipalities
no-municipality-is-a-member-yet = No municipality is a member yet.
type = Type
administration = Administration
office = Office
parent-unit = Parent unit
none-top-level = None (top level)
add-unit = Add unit
enter-the-units-name = Enter the unit's name.
a-unit-with-that-name-already = A unit with that name already exists in the same place.
the-unit-was-added = The unit was added.
no-units-yet = No units yet
the-municipalitys-organisation-is-shown-here = The municipality's organisation is shown here: administrations, offices and units.
sub-units = Sub-units
staff-in-the-unit = Staff in the unit
no-staff-are-placed-in-the = No staff are placed in the unit.
people = people
title = Title
roles = Roles
active = Active
account-invited = Invited
account-disabled = Disabled
filter = Filter
previous = Previous
next = Next
page = Page
no-staff-match-the-filter = No staff match the filter.
last-signed-in = Last signed in
never = Never
created = Created
change-roles-and-unit = Change roles and unit
the-changes-were-saved = The changes were saved.
disable-the-account = Disable the account
enable-the-account = Enable the account
the-person-is-signed-out-and = The person is signed out and cannot sign in until you enable the account again. Nothing else is removed.
the-account-was-disabled = The account was disabled.
the-account-was-enabled = The account was enabled.
send-the-invitation-again = Send the invitation again
the-invitation-was-queued-it-is = The invitation was queued; it is sent within a minute.
choose-at-least-one-role = Choose at least one role.
no-unit = No unit
enter-the-persons-name = Enter the person's name.
enter-an-e-mail-address-like = Enter an e-mail address like name@municipality.se.
the-e-mail-address-is-already = The e-mail address is already used by another account.
the-person-gets-an-e-mail = The person gets an e-mail with a link to choose a password. The link is valid for 7 days.
send-invitation = Send invitation
choose-your-password = Choose your password
new-password = New password
repeat-the-password = Repeat the password
at-least-10-characters-a-phrase = At least 10 characters. A phrase of several words is easy to remember and hard to guess.
the-password-must-have-at-least = The password must have at least 10 characters.
the-password-is-too-long = The password is too long.
the-password-is-too-common-choose = The password is too common. Choose another.
the-passwords-do-not-match = The passwords do not match.
save-the-password = Save the password
the-link-does-not-work = The link does not work
the-link-has-been-used-already = The link has been used already or is too old. Ask your administrator for a new invitation.
your-password-is-saved-sign-in = Your password is saved. Sign in.
current-password = Current password
enter-your-current-password = Enter your current password.
the-current-password-is-not-correct = The current password is not correct.
the-password-is-changed-your-other = The password is changed. Your other sessions have ended.
new-api-token = New API token
scope = Scope
read = Read
read-and-write = Read and write
enter-a-name-that-says-what = Enter a name that says what the token is for.
create-token = Create token
copy-the-token-now-it-is = Copy the token now. It is shown only once.
send-the-token-as = Send the token as
start = Start
last-used = Last used
revoked = Revoked
revoke = Revoke
revoke-the-token = Revoke the token
systems-using-the-token-stop-working = Systems using the token stop working at once. It cannot be undone; create a new token if needed.
the-token-was-revoked = The token was revoked.
no-api-tokens-yet = No API tokens yet
an-api-token-lets-another-system = An API token lets another system, such as the case system, read or write the municipality's data.
record = Record
from-where = From where
from-and-including = From
no-events-match-the-filter = No events match the filter.
the-log-cannot-be-changed-or = The log cannot be changed or deleted.
base-url = Base URL
parameters = Parameters
download-the-openapi-document = Download the OpenAPI document
every-call-needs-an-api-token = Every call needs an API token:
back = Back
undelivered-messages = Undelivered messages:
see-why-and-send-again = See why and send again
undelivered-survey-e-mail = Undelivered survey e-mail
undelivered-event-e-mail = Undelivered event e-mail
today = today
yesterday = yesterday
the-municipalitys-staff = The municipality's staff
administration-heading = Administration
the-account = Account
answers-to-give-companies = Answers to give companies
subscribe-to-your-booked-company-visits = Subscribe to your booked company visits in your calendar. The address is personal: whoever has it sees your visits. If you create a new one, the old one stops working.
create-a-new-calendar-address = Create a new calendar address
checklists-to-acknowledge = Checklists to acknowledge
count-audit-events = { $count ->
        [one] { $count } event
       *[other] { $count } events
    }
count-people = { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
count-units = { $count ->
        [one] { $count } unit
       *[other] { $count } units
    }
count-municipalities = { $count ->
        [one] { $count } municipality
       *[other] { $count } municipalities
    }
page-of = Page { $page } of { $count }

## The e-mail that invites a member of staff.
staff-invitation-mail-subject = You are invited to Lots – { $municipality }
staff-invitation-mail-body =
    Hello { $name },

    { $sent-by } has invited you to Lots, where { $municipality } works with its service to companies.

    Choose your password here within 7 days:
    { $link }

    The link works once. If you did not expect this e-mail, you can ignore it.
role-administrator = Administrator
role-business-development = Business development
role-case-officer = Case officer
role-contact-centre = Contact centre
role-manager = Manager
role-organiser = Organiser
role-read-only = Read only

organiser-regional = Regional (a region or a county)
organiser-national = National
cli-error = lots: error: { $message }
cli-cannot-start = cannot start the runtime: { $reason }
cli-database-up-to-date = The database is up to date ({ $backend }).
cli-demo-loaded = The Upplands-Bro demo is loaded: { $count ->
        [one] one account
       *[other] { $count } accounts
    }.
cli-demo-passwords = Demo: Upplands-Bro. Every account's password is in LOTS_DEMO_PASSWORD (lots-demo when it is not set).
cli-running-at = Lots is running at { $url }
cli-municipality-hosted = { $code } { $name } ({ $county }) is hosted.
cli-not-hosted = Municipality { $code } is not hosted here (add it with lots municipality host { $code }).
cli-no-unit = No unit is called { $unit } in { $code }.
cli-give-a-role = Give at least one --role.
cli-no-organiser = No organiser is called { $name }.
cli-organiser-staff-need-a-password = Organiser staff are added with --password-stdin.
cli-give-municipality-or-organiser = Give --municipality or --organiser.
cli-user-invited = { $email } is invited; the running server sends the e-mail within a minute.
cli-user-can-sign-in = { $email } can sign in now.
cli-no-account = No account has the e-mail address { $email }.
cli-user-disabled = { $email } is disabled and signed out.
cli-token-created = Token { $id } ({ $scope }) is created. It is shown only this once:
cli-no-token = No token has id { $id }.
cli-token-revoked = Token { $id } is revoked.
cli-unknown-organiser-kind = { $code } is neither regional nor national.
cli-organiser-created = { $name } ({ $kind }) has { $count ->
        [one] one member
       *[other] { $count } members
    }.
cli-not-a-day = { $text } is not a date: write it as 2026-12-03.
cli-cannot-write = cannot write { $file }
cli-cannot-read = cannot read { $file }: { $reason }
store-cannot-open-database = cannot open database { $url }: { $reason }
store-migration-failed = migration { $version } ({ $name }) failed and was rolled back: { $reason }
store-migration-changed = a migration was changed after this database ran it: restore { $file } as it was and put the change in a new migration
store-unknown-database-url = cannot open database { $url }: the URL must start with sqlite:// or postgres://
cli-cannot-listen = cannot listen on { $address }
cli-cannot-read-the-anonymity-key = cannot read the anonymity key { $file }
cli-cannot-create-the-anonymity-key = cannot create the anonymity key { $file }
cli-config-unreadable = cannot read the config file { $file }
cli-config-wrong = config file { $file }: { $reason }
cli-config-listen = the listen address { $address } is not IP:PORT, for example 127.0.0.1:8080
cli-config-base-url = base_url { $url } must start with http:// or https://
cli-config-number = { $variable } must be a number
cli-config-smtp-host = mail through smtp needs a host (mail.host or LOTS_SMTP_HOST)
cli-config-tls = mail.tls { $tls } must be starttls, tls or none
cli-config-transport = the mail transport { $transport } must be smtp, directory or memory

## The start page's own work
my-visits = My visits
no-visit-is-booked = No visit is booked.
count-visits-not-booked = { $count ->
        [one] One visit is waiting for the company to book a time
       *[other] { $count } visits are waiting for the companies to book a time
    }
my-cases = My cases
all-my-cases = All my cases
count-open-cases = { $count ->
        [0] You have no open cases.
        [one] One open case
       *[other] { $count } open cases
    }
count-running-late = { $count ->
        [one] one is running late
       *[other] { $count } are running late
    }
campaigns-under-way = Visit campaigns
until-day = until { $day }
visits-done-of = { $done } of { $total } visits made, { $booked } booked
no-campaign-is-under-way = No campaign is under way.
coming-events = Coming events
places-taken = { $confirmed } of { $capacity } places taken
count-waiting = { $count } on the waiting list
no-event-is-coming = No event is planned.
count-feedback-overdue = { $count ->
        [one] One answer promised to a company is overdue
       *[other] { $count } answers promised to companies are overdue
    }
log-a-call = Log a call
count-calls-today = { $count ->
        [0] No contacts logged today
        [one] One contact logged today
       *[other] { $count } contacts logged today
    }
count-late-in-your-units = { $count ->
        [0] No cases running late in your units
        [one] One case running late in your units
       *[other] { $count } cases running late in your units
    }

## The municipality's face towards companies
face-heading = How companies see the municipality
face-intro = How the municipality presents itself on the pages and in the e-mails companies receive: surveys, visit booking, events and fault reports. Lots appears only as "delivered by Lots".
face-display-name = Name of the municipality
face-display-name-hint = As the municipality writes it, for example Upplands-Bro kommun or Göteborgs Stad.
face-contact-email = E-mail for questions
face-contact-email-hint = Where companies can write, for example kontaktcenter@upplands-bro.se.
face-contact-phone = Phone
face-contact-phone-hint = For example 08-581 690 00.
face-web-address = Website
face-web-address-hint = The full address, for example https://www.upplands-bro.se.
face-privacy-url = Privacy notice
face-privacy-url-hint = The address of the page that says how the municipality handles personal data.
face-sender-name = Sender name in e-mail
face-sender-name-hint = Leave empty to use the municipality's name.
face-sender-address = Sender e-mail address
face-sender-address-hint = Only an address the municipality's mail provider may send from. Leave empty for the installation's address; replies then go to the e-mail for questions.
face-give-the-name = Write the municipality's name.
face-write-a-plain-name = Write the name without the characters < > " and without line breaks, at most 200 characters.
face-write-an-e-mail-address = Write an e-mail address like name@municipality.se.
face-write-a-phone-number = Write a phone number with digits, spaces, + and -.
face-write-a-web-address = Write the full address, starting with https://.
face-logo = Logo or coat of arms
face-logo-now = The municipality's logo now
face-no-logo-yet = No logo is uploaded. The pages show the municipality's name.
face-logo-file = Picture file (PNG or JPEG)
face-logo-hint = At most { $kib } kB. The picture is shown 40 pixels high in the page header. Information the picture carries (camera, place, name) is removed.
face-upload-logo = Upload the logo
face-remove-logo = Remove the logo
face-choose-a-logo = Choose a picture file to upload.
face-logo-too-large = The picture is larger than { $kib } kB. Choose a smaller picture.
face-logo-png-or-jpeg = The file is not a whole PNG or JPEG picture. Save the picture as PNG or JPEG and try again.
face-web-site = Website
face-privacy-notice = How we handle your personal data
face-privacy-label = Privacy notice

## Start pages
overview-unit-nki = The unit's NKI { $year }
overview-no-answers-about-your-units = No answers about the unit's cases that year.
overview-all-results-by-unit = All results by unit
overview-training-in-your-units = Training in your units this past year
overview-trained-of = { $trained } of { $staff } have attended
overview-members-ranking = The members' NKI { $year }, best first
overview-place = Place
overview-nki-year = The municipality's NKI { $year }
overview-place-in-county = place of { $ranked } in { $county }
overview-best-in-county = best in the county
overview-county-average = county average
overview-see-the-results = See the results and the comparison
overview-recent-imports = Latest imports
overview-the-whole-comparison = The whole comparison, with each service area
cli-config-own-smtp-code = mail.municipality.{ $code }: { $code } is no municipality code
cli-config-own-smtp-host = mail.municipality.{ $code } needs a server (host)
cli-config-map-tiles = map.tiles (LOTS_MAP_TILES) { $url } must be an http or https address of a tile server with {"{"}z{"}"}, {"{"}x{"}"} and {"{"}y{"}"}
