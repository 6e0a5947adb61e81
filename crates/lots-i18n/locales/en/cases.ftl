a-note-may-be-at-most = A note may be at most 2,000 characters.
the-survey-after-closed-cases = The survey after closed cases
send-the-insikt-survey-to-those = Send the Insikt survey to those whose case has closed
every-month = Every month
every-quarter = Every quarter
choose-month-or-quarter = Choose month or quarter.
start-measuring = Start measuring
contact-reasons = Contact reasons
add-the-area = Add the area
add-the-reason = Add the reason
measure-with-the-insikt-survey = Measure with the Insikt survey
measured-with-insikt = Measured with Insikt
new-reason = New reason
new-area = New area
pbl-10-weeks = PBL: 10 weeks
service-areas = Service areas
stop-measuring = Stop measuring
deadline-under-pbl-10-weeks-from = Deadline under PBL (10 weeks from a complete application)
for-example-shore-protection = For example: Shore protection
the-change-is-saved = The change is saved.
cases-belong-to-an-area-closed = Cases belong to an area. Closed cases in a measured area get the Insikt survey in the next monthly batch.
write-the-areas-name-at-most = Write the area's name, at most 100 characters.
that-area-already-exists = That area already exists.
write-the-reason-at-most-100 = Write the reason, at most 100 characters.
that-reason-already-exists = That reason already exists.
reporter = Reporter
responsible-unit = Responsible unit
cases-closed = Closed
describe-the-fault = Describe the fault
an-address-a-crossing-or-a = An address, a crossing or a place that can be found, for example Mätarvägen 6, Brunna.
fault-report = Fault report
report-a-fault-to = Report a fault to { $municipality }
companies-and-residents-report-faults-in = Companies and residents report faults in the form
concerns = Concerns
no-fault-reports-here = No fault reports here.
i-know-the-coordinates = I know the coordinates
leave-your-e-mail-address-and = Leave your e-mail address and we will tell you when the fault is fixed. The details are used only for this report.
message-to-the-reporter = Message to the reporter
possible-duplicate-the-same-kind-of = Possible duplicate: the same kind of fault was reported near the same place in the last two weeks:
number = Number
new-status = New status
latest-message = Latest message
send-the-report = Send the report
sent-by-e-mail-if-the = Sent by e-mail if the reporter left an address, and shown over Open311.
save-the-status = Save the status
thank-you-for-your-report = Thank you for your report
for-example-17-6369 = For example 17.6369
for-example-59-5115 = For example 59.5115
what-do-you-want-to-report = What do you want to report? Choose what fits best.
where-is-the-fault = Where is the fault?
do-you-want-to-hear-back = Do you want to hear back?
choose-something-else = Choose something else
or-with-an-app-over-open311 = or with an app over Open311.
has-received-your-report-its-number = has received your report. Its number is
change-the-status = Change the status
open = Open
received = Received
being-fixed = Being fixed
fixed = Fixed
closed-without-action = Closed without action
choose-what-the-fault-concerns = Choose what the fault concerns.
the-place-has-wrong-coordinates = The place has wrong coordinates.
give-both-latitude-and-longitude = Give both latitude and longitude.
write-where-the-fault-is-an = Write where the fault is: an address or a place.
the-description-may-be-at-most = The description may be at most 4,000 characters.
the-address-is-too-long = The address is too long.
answer-the-question-with-one-of = Answer the question with one of the options.
note = Note
case-number-if-it-concerns-a = Case number (if it concerns a case)
unit-that-took-it = Unit that took it
company-if-known = Company (if known)
how-did-the-company-get-in = How did the company get in touch?
no-contacts-logged-yet = No contacts logged yet.
no-unit-given = No unit given
yes-at-once = Yes, at once
channel = Channel
the-contact-is-logged = The contact is logged.
contacts = Contacts
log-the-contact = Log the contact
logged-by = Logged by
passed-to-unit = Passed to unit
resolved-at-once = Resolved at once
resolved-at-once-plural = Resolved at once
resolved-at-first-contact = Resolved at first contact
was-the-question-resolved-at-once = Was the question resolved at once?
name-or-organisation-number = Name or organisation number.
no-passed-on = No, passed on
reason = Reason
latest-contacts = Latest contacts
most-common-reason = Most common reason
why-companies-get-in-touch = Why companies get in touch
why = Why?
visit-to-the-front-desk = Visit to the front desk
meeting = Meeting
the-web = The web
choose-how-the-company-got-in = Choose how the company got in touch.
choose-why-the-company-got-in = Choose why the company got in touch.
choose-the-unit-that-takes-over = Choose the unit that takes over, or mark that the question was resolved at once.
no-case-has-that-case-number = No case has that case number.
no-company-matches-write-the-name = No company matches. Write the name or the organisation number, or leave the field empty.
n-90th-percentile-days = 90th percentile (days)
all-cases = All cases
fee = Fee
the-fee-is-reduced-by = The fee is reduced by
case-closed = Closed
late-cases-only = Late cases only
decided-cases = Decided cases
decided = Decided
the-decision-came = The decision came
days-from-when-the-case-came = Days from when the case came in to the decision, for cases received in the months of the period that have a decision. The share on time counts cases with a statutory deadline.
break-down-by = Break down by
case-number = Case number
case-number-company-name-or-organisation = Case number, company name or organisation number.
handling-times = Handling times
no-cases-yet = No cases yet
no-statutory-deadline-or-the-application = No statutory deadline, or the application is not complete
no-case-matches-the-search = No case matches the search.
case-received-on = Received
within-the-deadline = Within the deadline
complete = Complete
contact-person = Contact person
median-days = Median (days)
month = Month
undecided-for-six-months = Undecided for six months
search-cases = Search cases
deadline = Deadline
decision-deadline = Decision deadline
the-deadline-passed-on = The deadline passed on
extended-by = extended by
if-the-decision-comes-today-pbl = if the decision comes today (PBL 12:8 a).
case = Case
cases-running-late = Cases running late
cases-come-from-the-municipalitys-case = Cases come from the municipality's case system: import a file with lots import cases or let the system send them to the API.
the-case-has-not-been-decided = The case has not been decided within six months. The applicant may demand a decision (Administrative Procedure Act, section 12).

## The e-mail to someone who reported a fault, when its status changes.
fault-status-mail-subject = Your fault report { $id }: { $status }
fault-status-mail-body =
    Hello,

    your fault report to { $municipality } about “{ $service }” ({ $place }) now has the status: { $status }.
    { $note }
    Fault report number: { $id }.

    This is an automatic message.
fault-status-mail-place-unknown = the place you gave
count-cases = { $count ->
        [one] { $count } case
       *[other] { $count } cases
    }
count-days-late = { $count ->
        [one] { $count } day late
       *[other] { $count } days late
    }
count-days-after-the-deadline = { $count ->
        [one] { $count } day after the deadline
       *[other] { $count } days after the deadline
    }
count-started-weeks = { $count ->
        [one] { $count } started week
       *[other] { $count } started weeks
    }
count-weeks = { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }
unknown-unit-known-units = Unknown unit. Known units: { $known }.
unknown-area = Unknown area.
the-message-may-be-at-most-2000 = The message may be at most 2,000 characters.
several-companies-match = Several companies match: { $names }. Write the whole name or the organisation number.
the-decision-is-before-the-case-was-received = The decision date is before the date received.
the-case-cannot-be-complete-before-received = The case cannot be complete before it was received.
the-deadline-extends-at-most-ten-weeks = The deadline can be extended once, by at most 10 weeks.
write-the-date-as-yyyy-mm-dd = Write the date as YYYY-MM-DD, for example { EXAMPLE_DAY() }.
the-case-number-is-missing = The case number is missing.
the-case-number-is-too-long = The case number is too long or has characters that are not allowed.
the-extension-is-weeks-zero-to-ten = The extension must be a number of weeks, 0–10.
the-closing-is-before-the-case-was-received = The closing date is before the date received.
the-fee-is-an-amount-in-kronor = The fee must be an amount in kronor, for example 12 400.
unknown-area-known-areas = Unknown area. Known areas: { $areas }.
column-company = Company
column-contact-e-mail = Contact person's e-mail
column-contact-phone = Contact person's phone
column-decided = Decision date
column-extension-weeks = Extension (weeks)
column-extension-decision = Extension decision
column-decision = Decision
column-fee = Fee (SEK)
the-picture-address-is-http-or-https = The picture's address must be an http or https address.
the-case-number-is-already-on-line = The case number is already on line { $line }.
survey-state-queued = Waiting for this month's mailing
survey-state-not-measured = The service area is not measured
survey-state-invited = Invited to the survey
survey-state-quarantine = Asked recently, not asked again yet
survey-state-no-contact = No e-mail address to ask
fault-channel-web = through the municipality's web form
fault-channel-open311 = through an Open311 app
cli-cases-generated = { $count } cases written to { $file }.
cli-by-area-unit-or-month = --by must be area, unit or month.
cli-computed-in = computed in { $ms } ms
officer = Case officer
service-area = Service area

## Following a fault report
fault-receipt-subject = Fault report { $id } to { $municipality } received
fault-receipt-body = Thank you! { $municipality } has received your fault report about { $service }. Its number is { $id }.
    Here you can see what happens to it, add to it or open it again if the fault is still there: { $link }
fault-receipt-on-its-way = If you left your e-mail address, you get a receipt with the number and a link where you can follow the report, add to it or open it again. You also hear from us when its status changes.
fault-your-report = Your fault report { $id }
fault-status-now = now: { $status }
fault-followed-through = The same fault had already been reported. Your report now follows report { $id }.
fault-what-has-happened = What has happened
fault-add-to-your-report = Add something
fault-not-fixed-reopen = Is the fault still there?
fault-what-do-you-want-to-add = What do you want to add?
fault-add-hint = For example that the fault has got worse or where it is. At most { $max } characters.
fault-write-what-you-want-to-add = Write what you want to add, at most { $max } characters.
fault-send-the-addition = Send
fault-reopen-the-report = Open the report again
fault-added-thank-you = Thank you! What you wrote has been added to the report.
fault-reopened-thank-you = Thank you! The report is open again and back with those who fix it.
fault-the-reporter = The reporter
fault-the-report-came-in = The report came in
fault-history = History
fault-merged = Merged
fault-merged-into = The same fault as report { $id }
fault-merged-from = Report { $id } is about the same fault
fault-merge-heading = The same fault as another report?
fault-merge-intro = Merge this report into the one it repeats. Its reporter then hears when the other one changes.
fault-the-report-it-repeats = The report it repeats
fault-merge-button = Merge
fault-choose-another-report-to-merge-into = Choose another report to merge into.
fault-use-my-position = Use my position
fault-finding-your-position = Finding your position …
fault-position-found = The position is filled in under "I know the coordinates".
fault-position-failed = The position could not be found. Write an address or place instead.
fault-photos = Photos
fault-photos-hint = Up to { $max } photos in JPEG or PNG, at most { $mib } MB each. We remove the location and anything else the camera stores in the picture.
fault-photos-choose-again = Choose the photos again: the browser cannot keep them for you.
fault-photo-n-of-report = Photo { $n } of fault report { $id }
fault-photos-at-most = You can send at most { $max } photos.
fault-photo-too-large = Photo { $n } is larger than { $mib } MB.
fault-photo-not-a-picture = Photo { $n } is not a JPEG or PNG picture.
fault-map-hint = Click where the fault is, or move the map with the buttons and choose its centre.
fault-map-zoom-in = Zoom in
fault-map-zoom-out = Zoom out
fault-map-north = Move the map north
fault-map-south = Move the map south
fault-map-west = Move the map west
fault-map-east = Move the map east
fault-map-mark-the-centre = Choose the map's centre
fault-map-marked = The place is marked. The coordinates are under "I know the coordinates".
