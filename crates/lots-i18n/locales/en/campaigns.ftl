company-visit-message = Company visit message
the-visit-is-recorded-as-made = The visit is recorded as made. You can add to the notes.
needs = Needs
challenges = Challenges
development-areas = Development areas
refer-the-company = Refer the company
no-referral-now = No referral now
to-a-network = To a network
to-an-event = To an event
to-a-unit = To a unit
followed-up-by = Followed up by
yyyy-mm-dd-when-the-municipality = YYYY-MM-DD, when the municipality gets back to the company
save-the-visit = Save the visit
referrals = Referrals
record-the-visit = Record the visit
the-visit-is-cancelled = The visit is cancelled.
the-text-may-be-at-most = The text may be at most 4,000 characters.
choose-where-the-company-is-referred = Choose where the company is referred.
the-network-is-for-staff-not = The network is for staff, not companies.
move-to = Move to
status-of-the-visit-to = Status of the visit to
moved-by-hand = moved by hand
move-the-visit-to = Move the visit to
move = Move
choose-a-case-officer-of-the = Choose a case officer of the campaign.
closed = closed
every-case-officer-visits-a-number = Every case officer visits a number of companies within a period. The plan shares the companies out so that the total cost – relevance, travel and priority – is as low as possible, and conflicts of interest are respected.
campaign = Campaign
visits = Visits
draft = Draft
campaign-closed = Closed
no-campaigns-yet = No campaigns yet.
new-campaign = New campaign
for-example-the-springs-company-visits = For example: Spring company visits
first-day = First day
last-day = Last day
visits-per-case-officer = Visits per case officer
the-case-officers-of-these-units = The case officers of these units take part
which-companies-may-be-visited = Which companies may be visited?
create-the-campaign = Create the campaign
no-plan-is-possible = No plan is possible.
the-plan = The plan
plan-again-booked-and-made-visits = Plan again: booked and made visits stay.
share-the-companies-out-among-the = Share the companies out among the case officers.
plan-again = Plan again
plan-the-visits = Plan the visits
planned = Planned
booked = Booked
done = Done
cancelled = Cancelled
no-visits-are-planned-yet = No visits are planned yet.
conflicts-of-interest = Conflicts of interest
a-member-of-staff-with-a = A member of staff with a personal tie to a company may not visit it. The plan never includes such a pair.
for-example-a-relative-owns-the = For example: a relative owns the company
register-the-conflict = Register the conflict
enter-the-campaigns-name = Enter the campaign's name.
enter-the-first-day-as-2026 = Enter the first day as { EXAMPLE_DAY() }.
enter-the-last-day-as-2026 = Enter the last day as { EXAMPLE_DAY() }, after the first day.
visits-per-case-officer-must-be = Visits per case officer must be 1–50.
choose-a-unit-with-case-officers = Choose a unit with case officers.
enter-why-the-member-of-staff = Enter why the member of staff has a conflict of interest.
answers-per-question = Answers per question
free-text-answers = Free-text answers
no-answers = No answers.
optional-lower = optional
issues-companies-raised-at-visits-that = Issues companies raised at visits that you have promised to come back on. Overdue first.
feedback-overdue = Overdue
the-visit = The visit
what-answer-did-the-company-get = What answer did the company get?
answered = Answered
you-have-no-answers-left-to = You have no answers left to give.
length-of-a-visit-in-minutes = Length of a visit in minutes
question-battery-at-the-visit = Question battery at the visit
where-things-stand = Where things stand
visits-planned-lower = planned
visits-booked-lower = booked
made = made
visits-cancelled-lower = cancelled
by-officer = By officer
by-unit = By unit
by-area = By area
by-industry = By industry
visits-planned = Planned
visits-booked = Booked
visits-made = Made
visits-cancelled = Cancelled
referrals-and-answers = Referrals and answers
no-referrals-yet = No referrals yet.
answers-to-companies = Answers to companies
follow-up-survey-heading = Follow-up survey
the-whole-result = The whole result
too-few-answers-to-show-lower = too few answers to show
companies-get-the-survey-once-their = Companies get the survey once their visit is recorded.
your-new-calendar-address-is-shown = Your new calendar address is shown only now. Copy it and add it as a subscription in your calendar.
calendar-address = Calendar address
back-to-the-account = Back to the account
visitors = Visitors
and = and
the-visit-is-booked = The visit is booked.
you-will-get-a-confirmation-with = You will get a confirmation with a calendar file by e-mail.
you-will-get-a-confirmation-by = You will get a confirmation by e-mail.
the-campaign-has-closed-so-the = The campaign has closed, so the visit can no longer be booked here. Contact the municipality if you want to meet.
the-visit-is-cancelled-contact-the = The visit is cancelled. Contact the municipality if you still want to meet.
the-visit-has-been-made-thank = The visit has been made. Thank you for having us!
change-to-another-time = Change to another time
choose-a-time-that-suits-you = Choose a time that suits you
no-times-have-been-offered-yet = No times have been offered yet.
change-time = Change time
book-the-visit = Book the visit
cancel-the-visit = Cancel the visit
none-of-the-times-suits-you = None of the times suits you? Reply to the e-mail and we will find another.
the-company-has-been-offered-times = The company has been offered times but has not booked yet.
book-by-phone = Book by phone
another-time-we-agreed-on = Another time we agreed on
yyyy-mm-dd-a-working-day = YYYY-MM-DD, a working day within the campaign's period
clock-time = Time
book-the-time = Book the time
the-company-cancels = The company cancels
comes-along = Comes along
issues-the-company-raised-that-someone = Issues the company raised that someone must come back on: who, and by when.
issue = Issue
what-the-company-wants-an-answer = What the company wants an answer to
feedback-by = Answers
referral = Referral
promised-answers = Promised answers
feedback-given-lower = answered
report-to-the-board-printable = Report to the board (printable)
offer-times-on-working-days-within = Offer times on working days within the officers' working hours and send each company a personal link to book with. Booked visits stay.
offer-times-and-send-booking-links = Offer times and send booking links
overdue-answers = Overdue answers
absence = Absence
days-when-an-officer-cannot-make = Days when an officer cannot make visits. No times are offered then.
for-example-holiday = For example: holiday
register-absence = Register absence
close-the-campaign = Close the campaign
once-the-campaign-is-closed-the = Once the campaign is closed the booking links stop working. The visits and results stay.
printed = printed
print-the-page-or-save-it = Print the page or save it as PDF with the browser's print (Ctrl+P).
what-the-companies-said = What the companies said
no-visits-have-been-recorded-yet = No visits have been recorded yet.
the-follow-up-survey-question-by = The follow-up survey, question by question
report = Report
company-visit-at = Company visit at
choose-who-answers = Choose who answers.
write-the-date-by-which-the = Write the date by which the company gets an answer as { EXAMPLE_DAY() }.
write-what-answer-the-company-got = Write what answer the company got.
a-visit-must-be-15-480 = A visit must be 15–480 minutes.
write-the-last-day-as-2026 = Write the last day as { EXAMPLE_DAY() }, the same day as the first or later.
choose-a-time = Choose a time.
choose-one-of-the-offered-times = Choose one of the offered times.
choose-a-working-day-within-the = Choose a working day within the campaign's period (not a holiday or an eve the office is closed).
the-visit-has-already-been-made = The visit has already been made.
choose-someone-other-than-the-officer = Choose someone other than the officer making the visit.
someone-else-just-booked-or-changed = Someone else just booked or changed the visit. See the current time and try again if it does not suit.
the-campaign-is-closed = The campaign is closed.
the-absence-of = the absence of
number-of-months-empty-means-all = Number of months; empty means all.
working-day = Working day
working-day-starts = Working day starts
working-day-ends = Working day ends
working-hours-and-starting-point = Working hours and starting point
only-the-hand-picked-companies = Only the hand-picked companies
only-companies-dissatisfied-in-their-latest = Only companies dissatisfied in their latest survey (NKI below 62)
points-removed = Points removed
the-latest-version-is-already-published = The latest version is already published. Change the points to make a new version.
one-point-per-line-at-most = One point per line, at most 40.
one-point-per-line-changing-a = One point per line. Changing a published version makes a new version, which the units acknowledge again once it is published.
a-checklist-is-what-an-office = A checklist is what an office takes away from a visit campaign: what every visit should cover and what the companies pointed at. It is published to units in versions, and each unit's manager acknowledges it.
units-acknowledgements = Units' acknowledgements
from-the-campaign = From the campaign
preview-the-selection = Preview the selection
make-a-checklist-from-the-campaigns = Make a checklist from the campaign's results
hand-picked-companies = Hand-picked companies
had-cases-in-the-last-months = Had cases in the last months
no-checklists-yet = No checklists yet.
not-visited-in-the-last-months = Not visited in the last months
not-yet = Not yet
the-office = The office
acknowledge-for = Acknowledge for
acknowledged = Acknowledged
acknowledged-by-units = Acknowledged by units
new-checklist = New checklist
new-in-the-register-in-the = New in the register in the last months
new-points = New points
someone-else-just-changed-the-checklist = Someone else just changed the checklist. Read it again and make your change.
organisation-numbers-or-names-one-per = Organisation numbers or names, one per line. They are always included and given priority.
publish = Publish
publish-version = Publish version
checklist-published = Published
points = Points
the-points-are-a-suggestion-from = The points are a suggestion from the campaign's question battery and what the visits showed. Change them before you save.
checklist = Checklist
checklist-after = Checklist after
checklists = Checklists
checklists-from-the-campaigns = Checklists from the campaigns
checklist-title = Title
the-page-prints-as-a-checklist = The page prints as a checklist without menus and forms.
write-at-least-one-company-one = Write at least one company, one organisation number or name per line.
write-the-checklists-title = Write the checklist's title.
write-a-number-of-months = Write a number of months, 1–120.
save-the-working-hours = Save the working hours
save-the-points = Save the points
save-the-draft = Save the draft
times-are-offered-within-each-officers = Times are offered within each officer's working day. The plan counts travel from the officer's home area, or from the office when no area is chosen.
to-these-units = To these units
the-selection = The selection
the-selection-is-not-enough-widen = The selection is not enough: widen it or reduce the number of visits.
sets-out-from = Sets out from
someone-else-just-published-the-version = Someone else just published the version.
versions = Versions
choose-a-campaign = Choose a campaign.
choose-an-area-of-the-municipality = Choose an area of the municipality.
choose-at-least-one-unit-to = Choose at least one unit to publish to.
draft-not-published = draft, not published
change-the-points = Change the points
the-selection-is-too-wide = The selection gives more than 5,000 companies. Narrow it by area, industry, size or the conditions below.
officers-need-visits = { $officers ->
        [one] { $officers } officer in the chosen units needs
       *[other] { $officers } officers in the chosen units need
    } { $visits ->
        [one] { $visits } visit
       *[other] { $visits } visits
    }.
and-more = and { $count } more.
count-case-officers = { $count ->
        [one] { $count } case officer
       *[other] { $count } case officers
    }
count-visits = { $count ->
        [one] { $count } visit
       *[other] { $count } visits
    }
count-companies-in-the-selection = { $count ->
        [one] { $count } company in the selection
       *[other] { $count } companies in the selection
    }
count-working-days = { $count ->
        [one] { $count } working day in the period
       *[other] { $count } working days in the period
    }
units-have-acknowledged-of = { $count ->
        [one] { $done } of { $count } unit has acknowledged
       *[other] { $done } of { $count } units have acknowledged
    }
count-referred = { $count } referred
count-followed-up = { $count } followed up
feedback-figures = { $count } promised, { $done } done, { $overdue } overdue.
visited-companies-have-answered-of = { $count ->
        [one] { $done } of { $count } visited company has answered.
       *[other] { $done } of { $count } visited companies have answered.
    }
count-overdue = { $count } overdue
published-on-by = published on { $day } by { $name }

## A company visit in calendars and e-mails.
visit-when = { $day } at { $starts }–{ $ends }
visit-calendar-summary = Company visit: { $company }
visit-calendar-companion = { " " }and { $name }
visit-calendar-description =
    { $officer } from { $municipality }{ $companion } { $together ->
        [yes] visit
       *[no] visits
    } { $company }.
    { $campaign }
visit-mail-companion = { " " }together with { $name }
visit-mail-change-link =
    Need another time, or to cancel? Do it here:
    { $link }
visit-mail-offer-subject = { $municipality } would like to visit { $company }
visit-mail-offer-body =
    Hello,

    { $municipality } would like to visit { $company } to hear how business is going and what the municipality could do better. { $officer } will come. The visit takes about { $minutes } minutes.

    Choose the time that suits you best:
    { $times }

    Book here, no sign-in needed:
    { $link }

    None of the times suits you? Reply to this e-mail and we will find another.
visit-mail-booked-subject = Booked: company visit to { $company }
visit-mail-booked-body =
    Hello,

    The visit to { $company } is booked for { $when }.
    { $officer } from { $municipality } will come{ $companion }.

    The calendar file in this e-mail adds the visit to your calendar, or replaces an earlier time.
visit-mail-cancelled-subject = Cancelled: company visit to { $company }
visit-mail-cancelled-body =
    Hello,

    The visit to { $company } is cancelled. The calendar file in this e-mail removes it from your calendar.

    Would you still like to meet { $municipality }? Reply to this e-mail.
visit-to = Visit: { $company }

## Why a company is among a campaign's candidates.
why-hand-picked = Hand-picked
why-low-satisfaction = NKI { $nki } in the latest survey
why-selected = The selection
selection-too-small-for-the-visits = The selection has { $companies } companies but the campaign needs { $visits } visits. Widen the selection or lower the number of visits.
officer-has-a-conflict-of-interest = { $officer } has a conflict of interest with { $company }.
line-company-not-in-register = Line { $line }: “{ $name }” is not in the register.
line-company-deregistered = Line { $line }: { $name } is deregistered.
only-the-manager-can-acknowledge = Only the manager of { $unit } can acknowledge the checklist.
officer-already-has-a-visit-then = { $officer } already has a visit at that time. Choose another time.
write-the-working-day-as = Write the working day as 08:00 and 16:30; it must hold a visit of { $minutes } minutes.
officer-visits-company-because = { $officer } visits { $company }: { $relevance }, { $journey ->
        [short] a short journey
       *[long] a journey of about { $minutes } minutes
    }{ $priority ->
        [high] , and the company has high priority
       *[other] {""}
    }.
why-the-unit-knows-the-company = the unit knows the company's cases and industry
why-the-unit-partly-knows-the-company = the unit partly knows the company's business
why-no-closer-unit-had-room = no unit with a closer connection had room
too-few-companies-for-the-visits = The selection has { $companies ->
        [one] one company
       *[other] { $companies } companies
    } but the campaign needs { $visits ->
        [one] one visit
       *[other] { $visits } visits
    }. Widen the selection or reduce the number of visits.
officer-blocked-by-conflicts = { $officer } is to make { $visits ->
        [one] one visit
       *[other] { $visits } visits
    } but may visit only { $possible } of the companies in the selection (conflicts of interest). Reduce the visits or widen the selection.
conflicts-leave-too-few = Conflicts of interest mean that { $officers } cannot all be given their visits among the companies in the selection. Widen the selection.
point-is-longer-than = Point { $point } is longer than { $max } characters.
point-repeats-point = Point { $point } repeats point { $earlier }.
write-at-least-one-point = Write at least one point, one per line.
a-checklist-has-at-most-points = A checklist has at most { $max } points; this one has { $count }.
officer-visits-company-moved-by-hand = { $officer } visits { $company }: moved by hand by { $actor }.
the-working-day-is-too-short = The working day of { $officer } is too short for a visit of { $minutes } minutes.
officer-has-no-time-for-the-visits = { $officer } has no time for { $visits ->
        [one] one visit
       *[other] { $visits } visits
    } between { $from } and { $to }: only { $free ->
        [one] one free time
       *[other] { $free } free times
    }. Lengthen the period, change the working hours or move visits to someone else.
unknown-industry = Unknown industry
without-a-unit = No unit
without-an-area = No area
choose-someone-with-an-active-account = Choose someone with an active account: only they can get the visit's calendar file.

## The parts of a campaign's page
campaign-sections = The campaign's parts
campaign-section-overview = Overview
campaign-section-plan = Plan
campaign-section-visits = The visits
campaign-section-said = What the companies said
campaign-section-referrals = Referrals and answers
campaign-section-follow-up = Follow-up survey
