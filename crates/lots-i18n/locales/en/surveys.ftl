survey-reminder = Survey reminder
survey-invitation = Survey invitation
the-round-is-anonymous-this-page = The round is anonymous: this page does not show who has answered or been reminded, only how many. Reminders still go only to those who have not answered. An answer by phone can be entered for any of the invited; the page does not show whether they have already answered.
equal-indices-share-a-rank = Equal indices share a rank.
all-answers-equal = all answers equal
index-0-100-with-a-95 = Index 0–100 with a 95 % confidence interval and SKR's grade, set on the index rounded to a whole number (in brackets). Results from fewer than
where-a-hidden-result-could-otherwise = Where a hidden result could otherwise be worked out from the total, a neighbouring one is hidden too, and hidden results show no number of answers.
active-companies-match = active companies match.
more-answers-than-invited = More answers than invited.
saved-filters = Saved filters
save-the-filter-as = Save the filter as
save-the-filter = Save the filter
show-the-question-only-if = Show the question only if
the-question = The question
always-show = Always show
was-answered-with = was answered with
the-answers-value-ja-nej-a = The answer's value: ja, nej, a number or a choice.
write-which-answer-shows-the-question = Write which answer shows the question, for example ja.
the-question-can-only-depend-on = The question can only depend on a question before it.
invite-and-send-the-survey = Invite and send the survey
municipalities-taking-part = Municipalities taking part
a-joint-measurement-is-a-survey = A joint measurement is a survey round in every member municipality taking part, with the same question battery and the same dates. The municipalities invite their own companies; you see the results side by side, never who answered.
no-joint-measurements-yet = No joint measurements yet.
no-answers-yet = No answers yet.
comparison-with-the-others-taking-part = Comparison with the others taking part
the-municipalitys-part-of-the-joint = The municipality's part of the joint measurement
municipalities = Municipalities
measurement = Measurement
name-of-the-measurement = Name of the measurement
new-joint-measurement = New joint measurement
the-results-are-compared-with-the = The results are compared with the other municipalities taking part.
start-the-measurement-in-the-chosen = Start the measurement in the chosen municipalities
for-example-insikt-2026 = For example: Insikt 2026
does-not-use-lots = does not use Lots
part-of = part of
already-invited = already invited
choose-at-least-one-member-municipality = Choose at least one member municipality.
there-is-already-a-measurement-with = There is already a measurement with that name.
the-round-has-closed = The round has closed.
results-for-a-period = Results for a period
show-the-results = Show the results
answers = answers
no-rounds-with-that-question-battery = No rounds with that question battery in the period.
write-an-end-date-like-2026 = Write an end date like { EXAMPLE_DAY() }, the start day or later.
edit-the-draft = Edit the draft
make-a-new-version = Make a new version
changes-are-saved-in-the-draft = Changes are saved in the draft; answers are collected only once the version is published.
add-a-question = Add a question
section = Section
question-type = Question type
the-question-in-swedish = The question in Swedish
the-question-in-english = The question in English
for-a-scale = For a scale
lowest-value = Lowest value
highest-value = Highest value
label-of-the-lowest-value = Label of the lowest value
label-of-the-highest-value = Label of the highest value
options-one-per-line-for-choices = Options, one per line (for choices)
feeds-the-index = Feeds the index
none-neuter = None
required = Required
add-the-question = Add the question
done-heading = Done
write-the-question-in-swedish = Write the question in Swedish.
write-at-least-two-options-one = Write at least two options, one per line.
the-scales-lowest-value-must-be = The scale's lowest value must be a whole number.
the-scales-highest-value-must-be = The scale's highest value must be a whole number.
the-scale-must-go-upwards-with = The scale must go upwards, with at most eleven steps.
choose-a-question-type = Choose a question type.
only-scale-questions-can-feed-an = Only scale questions can feed an index.
choose-a-section = Choose a section.
the-question-cannot-be-removed-another = The question cannot be removed: another question depends on it, or the battery would be empty.
export-the-answers-csv = Export the answers (CSV)
export-the-answers-xlsx = Export the answers (XLSX)
without-companies-the-round-is-anonymous = without companies: the round is anonymous
the-round-is-anonymous-and-has = The round is anonymous and has too few answers for them to be exported.
results-from-fewer-than = Results from fewer than
answers-are-not-shown-an-area = answers are not shown. An area is ranked with at least
answers-the-total-with-at-least = answers; the total with at least
answers-and-a-response-rate-of = answers and a response rate of at least 40 % in total and 30 % in every area.
year = Year
no-member-has-measured-with-the = No member has measured with the Insikt survey this year.
new-survey-round = New survey round
question-batteries = Question batteries
round = Round
response-rate = Response rate
anonymous = anonymous
no-survey-rounds-yet = No survey rounds yet.
n-1-choose-companies = 1. Choose companies
show-the-companies = Show the companies
active-companies-match-untick-those-that = active companies match. Untick those that should not get the survey.
the-first-500-are-shown-narrow = The first 500 are shown; narrow the filters to see the rest.
n-2-the-round = 2. The round
name-of-the-round = Name of the round
for-example-follow-up-of-company = For example: Follow-up of company visits, autumn 2026
opens = Opens
reminders-days-after-the-invitation = Reminders (days after the invitation)
reminder-days-hint = At most three, for example 7, 14. Only those who have not answered are reminded.
quarantine-in-months = Quarantine in months
a-company-that-got-a-survey = A company that got a survey within this time gets no new one.
anonymous-round-answers-cannot-be-connected = Anonymous round: answers cannot be connected to the company
create-the-round-and-send-the = Create the round and send the invitations
results = Results
answers-are-not-shown = answers are not shown.
split-the-results = Split the results
split-by = Split by
results-table = Results table
group = Group
index = Index
number-of-answers = Answers
n-95-ci = 95 % CI
band = Band
previous-round = Previous round
significant = significant
not-significant = not significant
no-answers-yet-round = No answers yet.
priority-matrix = Priority matrix
each-service-factors-index-against-its = Each service factor's index against its effect on NKI (regression, n =
high-index-and-high-effect-preserve = High index and high effect: preserve. Low index and high effect: prioritise.
the-same-values-are-in-the = The same values are in the table below the chart.
lower-priority = Lower priority
preserve = Preserve
improve-if-possible = Improve if possible
prioritise = Prioritise
effect-on-nki = Effect on NKI
priority-matrix-as-a-table = Priority matrix as a table
service-factor = Service factor
effect = Effect
significant-heading = Significant
quadrant = Quadrant
the-matrix-is-shown-when-enough = The matrix is shown when enough respondents have answered both the NKI questions and the service factors.
comparison-in-the-county = Comparison in the county
average = average
too-few-answers = Too few answers
sent = Sent
reminders = Reminders
could-not-be-delivered = Could not be delivered
has-answered = Has answered
in-queue = Queued
enter-an-answer-taken-by-phone = Enter an answer taken by phone
answer-by = Answer by
you-can-save-and-go-on = You can save and go on later with the same link, and change your answers until the survey closes.
your-answers-are-anonymous-the-municipality = Your answers are anonymous: the municipality sees them only together with others'.
your-answers-are-saved-send-them = Your answers are saved. Send them when you are done.
you-have-already-sent-your-answers = You have already sent your answers. You can change them and send again.
send-the-answers = Send the answers
save-and-continue-later = Save and continue later
the-survey-from = The survey from
opens-lower = opens
welcome-back-then-with-the-same = Welcome back then with the same link.
closed-past-lower = closed
it-is-no-longer-possible-to = It is no longer possible to answer or change answers. Thank you for your interest!
has-received-your-answers-they-help = has received your answers. They help the municipality give companies better service.
you-can-change-your-answers-up = You can change your answers up to and including
change-your-answers = change your answers
to-the-survey = To the survey
a-question-battery-is-published-as = A question battery is published as a version that cannot change; answers always point at the version they answered.
publish-the-version = Publish the version
index-lower = index
required-lower = required
conditional = conditional
round-closed = Closed
the-quarantine-must-be-a-number = The quarantine must be a number of months.
write-the-days-as-numbers-for = Write the days as numbers, for example 7, 14.
total = Total
the-total-covers = The total covers
reported-beside-the-total-not-in = Reported beside the total, not in it:
break-in-the-series = Break in the series:
from-this-year-the-total-is = from this year the total is defined differently from the year before and cannot be compared directly with earlier years.
another-definition = another definition
new-definition = new definition
beside-the-total = beside the total
areas-marked-beside-the-total-are = Areas marked “beside the total” are not in the total: from the 2024 measurement Insikt's total NKI covers the four mandatory areas. The comparison with the previous round uses the same definition.
nki = NKI
information = Information
accessibility = Accessibility
treatment = Treatment
competence = Competence
legal-certainty = Legal certainty
efficiency = Efficiency
overall-rating = Overall rating
very-high = Very high
high = High
low = Low
very-low = Very low
industry = Industry
size = Size
quarter = Quarter
answer-by-phone = Answer by phone
scale = Scale
nps-0-10 = NPS 0–10
one-choice = One choice
several-choices = Several choices
yes-no = Yes/no
free-text = Free text
the-survey-has-not-opened-yet = The survey has not opened yet
the-survey-is-closed = The survey is closed
thank-you-for-your-answers = Thank you for your answers!
give-the-round-a-name = Give the round a name.
write-the-opening-day-as-yyyy = Write the opening day as YYYY-MM-DD.
write-the-closing-day-as-yyyy = Write the closing day as YYYY-MM-DD, the opening day or later.
at-most-three-reminders-each-1 = At most three reminders, each 1–90 days after the invitation.
the-quarantine-is-0-60-months = The quarantine is 0–60 months.
the-question-battery-must-be-published = The question battery must be published before it is sent.
count-answers = { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }
members-take-part-of = { $count ->
        [one] { $done } of { $count } member takes part.
       *[other] { $done } of { $count } members take part.
    }
members-have-measured-of = { $count ->
        [one] { $done } of { $count } member has measured with the Insikt survey this year.
       *[other] { $done } of { $count } members have measured with the Insikt survey this year.
    }

## The invitation and the reminders to answer a survey.
survey-mail-subject = { $reminder ->
        [yes] Reminder: { $municipality } wants to hear how you experience its service
       *[no] { $municipality } wants to hear how you experience its service
    }
survey-mail-body =
    Hello,

    { $municipality } wants to know how your company experiences the municipality's service. The questions take about five minutes.

    Answer here by { $closes }:
    { $link }

    The link is yours: you can stop and go on later, and change your answers until the survey closes.{ $anonymous ->
        [yes] { " " }Your answers are anonymous: the municipality sees them only together with others'.
       *[no] {""}
    }
battery-version = { $name } (version { $version })
municipality-is-not-a-member-using-lots = Municipality { $code } is not a member that uses Lots.
answer-the-question = Answer the question.
choose-one-of-the-options = Choose one of the options.
choose-a-value-from-to = Choose a value from { $min } to { $max }.
the-answer-may-be-at-most = The answer may be at most { $max } characters.
dont-know = Don't know
not-at-all-likely = Not at all likely
extremely-likely = Extremely likely
answer-only-if-you-answered = Answer only if you answered “{ $answer }” to “{ $question }”.
cli-respondents-generated = { $count } respondents written to { $file }.
cli-give-a-round-or-a-period = Give a round, or --battery with --from and --to.
cli-give-a-round-or-an-input = Give a round and --municipality, or --input.
cli-by-is-one-of = --by must be one of { $all }.
cli-no-such-round = No such round or rounds in { $code }.

## The results table as a person downloads it
results-total-row = Total
results-column-group = Group
results-column-index = Index
results-column-n = Answers
results-column-invited = Asked
results-column-response-rate = Response rate (%)
results-column-value = Value
results-column-whole = Rounded value
results-column-ci-low = Confidence interval, lower
results-column-ci-high = Confidence interval, upper
results-column-band = Level
results-column-suppressed = Withheld (too few answers)
results-column-constant = All answers alike
results-column-previous = Previous period
results-column-significant-change = Significant change
results-column-beside-total = Reported beside the total

## What the survey asks a company about, in plain words
survey-how-was-your-contact = How was your contact with { $municipality }?
survey-about-your-case = We would like to know what you thought of our service in your case about { $area }, { $reference }, decided { $day }. It takes about five minutes to answer.
survey-about-your-meeting = You met us recently. What did you think? Your answers help us get better at helping companies.
survey-about-your-contacts = We would like to know what you think of the municipality's service to companies. Your answers help us get better.

## The trend over the years
trend-heading = Over the years
trend-intro = Each measurement year's index with its 95 % confidence interval as a band. A year with too few answers is not shown. The dashed line marks a year from which Insikt counts the total in a new way; the years before and after it are then not compared directly.
trend-chart-description = The index per measurement year as a line, the confidence interval as a band around the line.
trend-change-from-year-before = Change from the year before
