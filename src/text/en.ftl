## English. The same keys as vi.ftl.

## Dates, as a chrono pattern (lang.rs).
date-format = %Y-%m-%d

## Violations (plan/explain.rs): one sentence per broken rule.
group-joint = { $name } (a joint activity of { $n } bodies)
cause-event = { $event } (kept free for { $bodies })
cause-absent = { $person } is unavailable
breach-calendar-not-working = { $group } starts on { $date }, which is not a working day (a weekend, a public holiday, a day off, or outside the horizon).
breach-calendar-short = { $group } starts on { $date } but only { $fit } of its { $duration } working days fit before the horizon ends.
breach-window = Activity { $act } must take place between { $ws } and { $we }, but is scheduled from { $first } to { $last }.
breach-fixed = Activity { $act } has a fixed start on { $fixed }, but is scheduled to start on { $first }.
breach-blocked = { $group } falls on { $date }, a day that must stay free: { $causes }.
breach-person = { $names } { $count ->
        [one] is
       *[other] are
    } booked in both { $a } and { $b } on { $date }.
breach-parallel = On { $date }, { $body } leads { $led } activities (at most { $max }): { $groups }.
breach-subject-overlap = { $a } and { $b } both visit { $subjects } at the same time; two visits to one agency must be at least { $gap } days apart.
breach-subject-gap = { $a } and { $b } both visit { $subjects } only { $distance } days apart (at least { $gap } required).
breach-after-merged = Activity { $act } must come after { $other }, but both were merged into one joint activity, so this can never hold.
breach-before-merged = Activity { $act } must come before { $other }, but both were merged into one joint activity, so this can never hold.
breach-order-overlap = but the two overlap
breach-order-distance = but only { $distance } days lie between them
breach-after = Activity { $act } must start at least { $gap } days after { $other } ends, { $got }.
breach-before = Activity { $act } must end at least { $gap } days before { $other } starts, { $got }.

## Conflicts (plan/infeasible.rs): the rules of a minimal infeasible core.
conflict = { $listed } cannot all be scheduled: the { $n } rules below cannot all hold, and dropping any one of them makes the rest possible.
core-calendar = { $name } needs { $days } consecutive working days inside the horizon.
core-window = Activity { $name } must take place between { $start } and { $end }.
core-fixed = Activity { $name } must start on { $day }.
core-blocked = { $name } must avoid its bodies' sessions and its members' absences.
core-person = { $a } and { $b } share members ({ $names }) and must not meet.
core-subject-gap = { $a } and { $b } both visit { $names } and must be at least { $gap } days apart.
core-after = Activity { $name } must start at least { $gap } days after { $other } ends.
core-before = Activity { $name } must end at least { $gap } days before { $other } starts.
core-parallel = { $name } leads at most { $max } activities a day.

## A plan as text (plan/report.rs).
plan-summary = Plan "{ $problem }": { $activities } activities in { $groups } groups ({ $joint } joint)
plan-hard = Hard violations
plan-soft = Soft score
plan-violations = Violations:

## The programme month by month (export/programme.rs).
programme-title = Supervision programme "{ $problem }"
programme-month = { $year }-{ $month2 }
programme-with = with
programme-invited = invited

## Calendar files (export/ics.rs).
ics-lead = Lead body
ics-partners = Joining bodies
ics-members = Members
ics-subjects = Under supervision
ics-days = Working days
ics-activities = Activities

## CSV (export/csv.rs): the column headings, in column order, and the joint flag.
csv-id = id
csv-lead = lead
csv-group = group
csv-joint = joint
csv-body = body
csv-body_name = body_name
csv-title = title
csv-form = form
csv-form_label = form_label
csv-start = start
csv-end = end
csv-days = days
csv-members = members
csv-member_names = member_names
csv-subjects = subjects
csv-subject_names = subject_names
csv-areas = areas
csv-area_names = area_names
csv-topics = topics
csv-invite = invite
csv-yes = yes
csv-no = no

## The analysis report (analysis/report.rs).
analysis-none = (none)
analysis-and = and
analysis-more = more
analysis-analysis-of-the-supervision-programme = Analysis of the supervision programme
analysis-horizon = Horizon
analysis-working-days = working days
analysis-activities = activities
analysis-groups = groups
analysis-merged-groups-joint-activities = Merged groups (joint activities)
analysis-leads = leads
analysis-invites = invites
analysis-days = days
analysis-duplicates-across-bodies = Duplicates across bodies
analysis-at = at
analysis-topics = topics
analysis-topic-overlaps-different-supervised-agen = Topic overlaps (different supervised agencies)
analysis-look-back-repeats = Look-back repeats
analysis-repeats = repeats
analysis-months-before-the-horizon = months before the horizon
analysis-load-per-person-days-needed-days-availab = Load per person (days needed / days available)
analysis-people-overloaded = People overloaded
analysis-overloaded = {" "}— overloaded
analysis-members-who-cannot-fit-an-activity = Members who cannot fit an activity
analysis-fixed-start = fixed start
analysis-free-days = free days
analysis-longest-run = longest run
analysis-for = for
analysis-days-needed = days needed
analysis-visits = visits
analysis-load-per-supervised-agency = Load per supervised agency
analysis-load-per-area = Load per area
analysis-after-before-orders = After/before orders
analysis-cycles-of-orders = Cycles of orders
analysis-no-feasible-start = No feasible start
analysis-groups-not-fixed-with-the-fewest-possibl = Groups (not fixed) with the fewest possible starts
analysis-possible-starts = possible starts

## The activity forms (model::Form), for views that show a code.
form-thematic_supervision = Thematic supervision
form-survey = Survey
form-explanation_session = Explanation session
form-questioning = Questioning
form-document_review = Document review
form-voter_contact = Voter contact
form-law_consultation = Consultation on a draft law
form-verification_meeting = Verification meeting
form-working_meeting = Working meeting
form-other = Other

## The hard rules, named for a planner.
rule-calendar = Working days
rule-window = Outside the window
rule-fixed = Fixed start missed
rule-blocked = Blocked day
rule-person = Person booked twice
rule-parallel = Too many at once
rule-subject_gap = Subject visited too often
rule-after = Order (after)
rule-before = Order (before)

## The soft terms of the objective.
term-balance = Monthly load balance
term-area = Area visited too often
term-invite = Invited body busy
term-preferred = Outside the preferred window
term-move = Moved groups
term-shift = Days moved

## The kinds of body.
kind-na_delegation = NA delegation
kind-standing_committee = Standing committee
kind-committee = Committee
kind-other = Other

## The HTML views (python/oversight/html.py); {x} variables are str.format fields for Python.
view-problem = Problem
view-plan = Supervision plan
view-analysis = Analysis
view-horizon = Horizon
view-bodies = bodies
view-people = people
view-topics = topics
view-areas = areas
view-subjects = subjects
view-events = events
view-activities = activities
view-history = past supervisions
view-groups = groups
view-joint = Joint
view-id = Id
view-name = Name
view-kind = Kind
view-rank = Rank
view-max_parallel = Max parallel
view-n_activities = Activities
view-n_days = Days
view-event = Event
view-start = Start
view-end = End
view-blocks = Blocks
view-all_bodies = all
view-body = Body
view-title = Title
view-form = Form
view-duration = Days
view-window = Window
view-feasible = Feasible: no hard violation
view-infeasible = Infeasible: { $n } hard violation(s)
view-not_scored = Not scored (a plan read from a file, with no problem attached)
view-soft = Soft score
view-term = Term
view-value = Value
view-score = Score
view-violations = Violations
view-no_violations = No hard violation.
view-rule = Rule
view-count = Count
view-message = Explanation
view-by_month = Groups by month
view-month = { $y }-{ $m }
view-dates = Dates
view-lead = Lead
view-invited = Invited
view-days = days
view-working_days = working days
view-duplicates = Duplicates (same subject, overlapping topics)
view-overlaps = Topic overlaps (different subjects)
view-repeats = Repeats of past supervisions
view-cannot_fit = Members who cannot take part
view-cycles = Order cycles inside joint groups
view-people_load = Load per person
view-subject_load = Most visited subjects
view-area_load = Most visited areas
view-pair = Activities
view-shared_subjects = Shared subjects
view-shared_topics = Overlapping topics
view-past = Last time
view-months_before = Months before
view-person = Person
view-required_days = Days needed
view-available_days = Days free
view-free_days = Free days in window
view-longest_run = Longest free run
view-fixed_start = Fixed start
view-merged = { $groups } groups from { $activities } activities, { $joint } joint
view-over = overbooked
view-more = … and { $n } more rows

## The figures (python/oversight/figures.py).
figure-gantt_title = Supervision plan — { $name }
figure-heat_body_title = Supervision days per month by body — { $name }
figure-heat_area_title = Groups visiting each area per month — { $name }
figure-graph_title = Duplicates and topic overlaps between bodies — { $name }
figure-date = Date
figure-body = Body
figure-area = Area
figure-month = Month
figure-month_label = { $y }-{ $m }
figure-tickformat = %b %Y
figure-days = days
figure-field_days = Days
figure-visits = Groups
figure-working_days = working days
figure-joint = Joint
figure-lead = Lead
figure-with = With
figure-form = Form
figure-members = Members
figure-subjects = Subjects
figure-areas = Areas
figure-invited = Invited
figure-violation = Violation
figure-legend = ▨ joint group (drawn in each taking part body's lane) · red outline: violation · grey: sessions and days off that block bodies
figure-blocks = Blocks
figure-all_bodies = every body
figure-groups = groups
figure-duplicate = Duplicate
figure-overlap = Topic overlap
figure-shared_subjects = Shared subjects
figure-shared_topics = Topics
figure-no_edges = No duplicates or topic overlaps.
figure-more = … and { $n } more

## The report page (python/oversight/report.py).
page-title = Supervision plan report
page-score = Score of the plan
page-gantt = Timeline by body
page-load = Load per month
page-overlaps = Duplicates and topic overlaps
page-groups = Groups by month
page-exports = Attached files
page-no_exports = No attached files.
page-made_by = Made with oversight { $version }.
page-ics = Calendar (iCalendar)
page-xlsx = Excel workbook
page-csv = CSV table
page-json = Plan (JSON)
page-html = HTML page
page-pdf = PDF document
page-file = File

## The command line (python/oversight/cli.py).
cli-feasible = A plan without hard violations was found.
