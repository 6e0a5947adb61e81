event-message = Event message
attendance-list-csv = Attendance list (CSV)
attendance-list-excel = Attendance list (Excel)
course = Course
no-courses-yet = No courses yet.
of-all-staff-trained = of all staff trained
staff = staff
trained = Trained
a-unit-counts-with-the-units = A unit counts with the units under it. Staff whose account is disabled are not counted.
search-name-or-company = Search name or company
checked-in = Checked in
undo = Undo
check-in = Check in
no-registered-person-matches = No registered person matches.
registered = registered
the-companys-first-contact-person-with = The company's first contact person with an e-mail address gets the invitation with a personal link to register or decline.
untick-those-who-should-not-be = Untick those who should not be invited.
send-the-invitations = Send the invitations
event-name-example = For example: Kompetensmässan 2027
kind = Kind
yyyy-mm-dd-swedish-time = YYYY-MM-DD, Swedish time
starts = Starts
ends = Ends
number-of-places = Number of places
when-the-places-are-taken-new = When the places are taken, new registrations go to the waiting list.
audience = Audience
for-example-logistics-companies-in-brunna = For example: logistics companies in Brunna
shown-in-the-invitation = Shown in the invitation.
save-the-event = Save the event
invited = invited
invite-units = Invite units
all-staff-of-the-unit-and = All staff of the unit and the units under it are invited
invite = Invite
attendance = Attendance
tick-those-who-attended = Tick those who attended
save-attendance = Save attendance
nobody-is-invited-yet = Nobody is invited yet.
staff-training-for-example-in-service = Staff training, for example in service and treatment: sessions, who was invited and who came.
see-the-share-trained-per-unit = See the share trained per unit
courses = Courses
given-by = Given by
sessions = Sessions
participants-attended = Attended
no-sessions-yet = No sessions yet.
new-session = New session
trainers = Trainers
create-the-session = Create the session
add-a-course-first = Add a course first.
new-course = New course
for-example-service-and-treatment = For example: Service and treatment
for-example-business-development-communication-and = For example: Business development, Communication and the Contact centre
add-the-course = Add the course
participants = Participants
your-address-gets-no-more-invitations = Your address gets no more invitations from us.
you-are-registered = You are registered.
welcome = Welcome!
you-are-on-the-waiting-list = You are on the waiting list
you-will-get-an-e-mail = You will get an e-mail if a place comes free.
you-have-declined = You have declined.
your-registration-is-cancelled = Your registration is cancelled.
you-are-invited = You are invited.
register-me = Register me
put-me-on-the-waiting-list = Put me on the waiting list
i-cannot-come = I cannot come
cancel = Cancel
add-to-calendar-ics = Add to calendar (.ics)
no-more-invitations = No more invitations
do-you-not-want-invitations-from = Do you not want invitations from the municipality? Then we remove your address from future invitations.
send-no-more-invitations = Send no more invitations
network-for = Network for
owner = owner
member = Member
joined = Joined
left = Left
has-left-today = Has left today
no-members-yet = No members yet.
add-member = Add member
meetings = Meetings
agenda = Agenda
present = Present
mark-as-done = Mark as done
new-action = New action
responsible = Owner
add-the-action = Add the action
no-meetings-yet = No meetings yet.
new-meeting = New meeting
save-the-meeting = Save the meeting
networks-of-companies-such-as-the = Networks of companies, such as the traffic network in Brunna, and of staff across offices, such as Näringslivsnätverket.
for = For
no-networks-yet = No networks yet.
new-network = New network
who-are-members = Who are members?
none-chosen = None chosen
create-the-network = Create the network
fairs-breakfast-meetings-and-information-evenings = Fairs, breakfast meetings and information evenings: invitations, registrations, the waiting list and who came.
new-event = New event
places = Places
registered-people = Registered
waiting-list = Waiting list
came = Came
past = past
no-events-yet = No events yet.
on-the-waiting-list = on the waiting list
have-not-answered = have not answered
came-lower = came
created-by = Created by
follow-up = Follow-up
the-survey-to-those-who-came = The survey to those who came
check-in-list = Check-in
change-the-event = Change the event
participant-list-csv = Participant list (CSV)
participant-list-excel = Participant list (Excel)
participant-registered = Registered
declines = Declines
nobody-is-invited-or-registered-yet = Nobody is invited or registered yet.
register-someone = Register someone
for-someone-who-calls-or-comes = For someone who calls or comes to the desk. If no places are left, the person goes to the waiting list.
the-confirmation-and-the-calendar-file = The confirmation and the calendar file are sent here.
register = Register
follow-up-survey = Follow-up survey
send-a-survey-to-the-companies = Send a survey to the companies whose participants were checked in.
send-the-follow-up-survey = Send the follow-up survey
no-company-in-the-register-has = No company in the register has that organisation number or name.
staff-trained-per-unit = Staff trained per unit
enter-the-events-name = Enter the event's name.
choose-what-kind-of-event-it = Choose what kind of event it is.
enter-the-day-and-start-time = Enter the day and start time as { EXAMPLE_DAY() } and 08:30.
enter-the-end-time-as-10 = Enter the end time as 10:00.
the-event-must-end-after-it = The event must end after it starts.
the-number-of-places-must-be = The number of places must be a whole number from 1.
more-are-already-registered-than-that = More are already registered than that; cancel someone first.
the-contact-person-does-not-belong = The contact person does not belong to the company.
enter-the-participants-name = Enter the participant's name.
the-e-mail-address-does-not = The e-mail address does not look like an e-mail address.
enter-the-courses-name = Enter the course's name.
there-is-already-a-course-with = There is already a course with that name.
choose-a-course = Choose a course.
enter-the-day-and-time-as = Enter the day and time as { EXAMPLE_DAY() } and 13:00.
choose-at-least-one-unit = Choose at least one unit.
enter-the-networks-name = Enter the network's name.
choose-whether-the-network-is-for = Choose whether the network is for companies or for staff.
there-is-already-a-network-with = There is already a network with that name.
choose-a-company = Choose a company.
the-member-cannot-leave-before-joining = The member cannot leave before joining.
enter-the-meeting-day-as-2026 = Enter the meeting day as { EXAMPLE_DAY() }.
enter-what-is-to-be-done = Enter what is to be done.
fair = Fair
information-evening = Information evening
other = Other
participant-waiting = On the waiting list
declined = Declined
participant-cancelled = Cancelled
no-checked-in-participant-belongs-to = No checked-in participant belongs to a company yet.
members = Members
participant-invited = Invited
registered-have-arrived-of = { $count ->
        [one] { $done } of { $count } registered has arrived
       *[other] { $done } of { $count } registered have arrived
    }
count-places-left = { $count ->
        [one] { $count } place left.
       *[other] { $count } places left.
    }

## The e-mails to a participant of an event.
event-mail-facts =
    { $event }
    { $day } at { $start }–{ $end }
event-mail-place = Place: { $place }
event-mail-promoted-lead = A place has come free and it is yours.
event-mail-invitation-subject = Invitation: { $event }
event-mail-invitation-body =
    Hello,

    { $municipality } invites you to:

    { $facts }

    { $description }

    Register or decline here:
    { $link }
event-mail-place-subject = You have a place: { $event }
event-mail-place-body =
    Hello,

    { $lead }You are registered for:

    { $facts }

    The calendar file in this e-mail puts the event in your calendar. Cannot come? Cancel here, and the place goes to someone on the waiting list:
    { $link }
event-mail-waiting-subject = Waiting list: { $event }
event-mail-waiting-body =
    Hello,

    All places at { $event } are taken. You are on the waiting list and will get an e-mail if a place comes free.

    { $facts }

    Do not want to wait? Cancel here:
    { $link }
event-mail-cancelled-subject = Cancelled: { $event }
event-mail-cancelled-body =
    Hello,

    Your registration for { $event } is cancelled. The calendar file in this e-mail removes the event from your calendar.

    Changed your mind? Register again here while there are places:
    { $link }
event-mail-opt-out = Would you rather not get invitations from us? Say so through the link above.
place-on-the-waiting-list = Place on the waiting list
registered-by = Registered by
training-session = Session

## Asking before removing, cancelling or mailing someone
has-member-left-the-network = Has { $member } left { $network }?
the-membership-ends-today = The membership ends today, { $day }. It stays in the network's history.
yes-has-left-today = Yes, left today
cancel-participant = Cancel { $participant }'s place at { $event }?
does-participant-decline = Does { $participant } decline { $event }?
they-are-told-by-e-mail = { $participant } is told by e-mail, and the place goes to whoever is first on the waiting list.
yes-cancel-the-place = Yes, cancel the place
yes-record-that-they-decline = Yes, they decline
