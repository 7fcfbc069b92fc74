## Vietnamese. One message per key; variables are the context the code passes.
## The English file (en.ftl) has the same keys.

## Dates, as a chrono pattern (lang.rs).
date-format = %d/%m/%Y

## Violations (plan/explain.rs): one sentence per broken rule.
group-joint = { $name } (hoạt động chung của { $n } cơ quan)
cause-event = { $event } (dành cho { $bodies })
cause-absent = { $person } vắng mặt
breach-calendar-not-working = { $group } bắt đầu ngày { $date }, không phải ngày làm việc (cuối tuần, ngày lễ hoặc ngày nghỉ, hoặc ngoài kỳ kế hoạch).
breach-calendar-short = { $group } bắt đầu ngày { $date } nhưng kỳ kế hoạch chỉ còn { $fit } trong { $duration } ngày làm việc cần thiết.
breach-window = Hoạt động { $act } phải diễn ra trong khoảng { $ws } – { $we }, nhưng được xếp từ { $first } đến { $last }.
breach-fixed = Hoạt động { $act } có ngày bắt đầu cố định { $fixed }, nhưng được xếp bắt đầu ngày { $first }.
breach-blocked = { $group } rơi vào ngày { $date }, ngày phải để trống: { $causes }.
breach-person = { $names } được phân công cùng lúc vào { $a } và { $b } (ngày { $date }).
breach-parallel = Ngày { $date }, { $body } chủ trì { $led } hoạt động (tối đa { $max }): { $groups }.
breach-subject-overlap = { $a } và { $b } cùng làm việc với { $subjects } và trùng thời gian; hai đợt làm việc với cùng một đơn vị phải cách nhau ít nhất { $gap } ngày.
breach-subject-gap = { $a } và { $b } cùng làm việc với { $subjects } chỉ cách nhau { $distance } ngày (tối thiểu { $gap } ngày).
breach-after-merged = Hoạt động { $act } phải diễn ra sau { $other }, nhưng hai hoạt động đã được gộp thành một hoạt động chung nên không thể thỏa mãn.
breach-before-merged = Hoạt động { $act } phải diễn ra trước { $other }, nhưng hai hoạt động đã được gộp thành một hoạt động chung nên không thể thỏa mãn.
breach-order-overlap = nhưng hai việc trùng thời gian
breach-order-distance = nhưng chỉ cách { $distance } ngày
breach-after = Hoạt động { $act } phải diễn ra sau { $other } ít nhất { $gap } ngày, { $got }.
breach-before = Hoạt động { $act } phải kết thúc trước { $other } ít nhất { $gap } ngày, { $got }.

## Conflicts (plan/infeasible.rs): the rules of a minimal infeasible core.
conflict = Không thể xếp lịch cho { $listed }: { $n } ràng buộc dưới đây mâu thuẫn nhau; bỏ bất kỳ một ràng buộc nào thì các ràng buộc còn lại đều thỏa mãn được.
core-calendar = { $name } cần { $days } ngày làm việc liên tiếp trong kỳ kế hoạch.
core-window = Hoạt động { $name } phải diễn ra trong khoảng { $start } – { $end }.
core-fixed = Hoạt động { $name } phải bắt đầu đúng ngày { $day }.
core-blocked = { $name } không được rơi vào ngày họp của cơ quan hoặc ngày thành viên vắng mặt.
core-person = { $a } và { $b } có chung thành viên ({ $names }) nên không được trùng ngày.
core-subject-gap = { $a } và { $b } cùng làm việc với { $names } nên phải cách nhau ít nhất { $gap } ngày.
core-after = Hoạt động { $name } phải diễn ra sau { $other } ít nhất { $gap } ngày.
core-before = Hoạt động { $name } phải kết thúc trước { $other } ít nhất { $gap } ngày.
core-parallel = { $name } chủ trì tối đa { $max } hoạt động mỗi ngày.

## A plan as text (plan/report.rs).
plan-summary = Kế hoạch "{ $problem }": { $activities } hoạt động trong { $groups } nhóm ({ $joint } hoạt động chung)
plan-hard = Vi phạm ràng buộc cứng
plan-soft = Điểm mềm
plan-violations = Các vi phạm:

## The programme month by month (export/programme.rs).
programme-title = Chương trình giám sát "{ $problem }"
programme-month = Tháng { $month }/{ $year }
programme-with = phối hợp
programme-invited = mời

## Calendar files (export/ics.rs).
ics-lead = Cơ quan chủ trì
ics-partners = Cơ quan phối hợp
ics-members = Thành phần
ics-subjects = Đối tượng chịu giám sát
ics-days = Ngày làm việc
ics-activities = Hoạt động

## CSV (export/csv.rs): the column headings, in column order, and the joint flag.
csv-id = Mã hoạt động
csv-lead = Hoạt động chủ trì nhóm
csv-group = Nhóm hoạt động
csv-joint = Liên tịch
csv-body = Cơ quan
csv-body_name = Tên cơ quan
csv-title = Nội dung giám sát
csv-form = Mã hình thức
csv-form_label = Hình thức
csv-start = Từ ngày
csv-end = Đến ngày
csv-days = Số ngày làm việc
csv-members = Mã thành phần
csv-member_names = Thành phần
csv-subjects = Mã đối tượng chịu giám sát
csv-subject_names = Đối tượng chịu giám sát
csv-areas = Mã địa bàn
csv-area_names = Địa bàn
csv-topics = Chủ đề
csv-invite = Cơ quan được mời
csv-yes = có
csv-no = không

## The analysis report (analysis/report.rs).
analysis-none = (không có)
analysis-and = và
analysis-more = mục khác
analysis-analysis-of-the-supervision-programme = Phân tích chương trình giám sát
analysis-horizon = Kỳ kế hoạch
analysis-working-days = ngày làm việc
analysis-activities = hoạt động
analysis-groups = nhóm
analysis-merged-groups-joint-activities = Nhóm hoạt động gộp
analysis-leads = chủ trì
analysis-invites = mời
analysis-days = ngày
analysis-duplicates-across-bodies = Trùng lặp giữa các cơ quan
analysis-at = tại
analysis-topics = chủ đề
analysis-topic-overlaps-different-supervised-agen = Chồng lấn chủ đề (khác đơn vị được giám sát)
analysis-look-back-repeats = Giám sát lặp lại
analysis-repeats = lặp lại
analysis-months-before-the-horizon = tháng trước kỳ kế hoạch
analysis-load-per-person-days-needed-days-availab = Khối lượng theo người (ngày cần / ngày có)
analysis-people-overloaded = Số người quá tải
analysis-overloaded = {" "}— quá tải
analysis-members-who-cannot-fit-an-activity = Thành viên không đủ ngày để tham gia
analysis-fixed-start = bắt đầu cố định
analysis-free-days = ngày trống
analysis-longest-run = liên tiếp dài nhất
analysis-for = cho
analysis-days-needed = ngày cần
analysis-visits = đợt
analysis-load-per-supervised-agency = Khối lượng theo đơn vị được giám sát
analysis-load-per-area = Khối lượng theo địa bàn
analysis-after-before-orders = Thứ tự trước/sau
analysis-cycles-of-orders = Vòng lặp thứ tự
analysis-no-feasible-start = Không có ngày bắt đầu khả thi
analysis-groups-not-fixed-with-the-fewest-possibl = Nhóm (không cố định ngày) có ít ngày bắt đầu khả dĩ nhất
analysis-possible-starts = ngày khả dĩ

## The activity forms (model::Form), for views that show a code.
form-thematic_supervision = Giám sát chuyên đề
form-survey = Khảo sát
form-explanation_session = Phiên giải trình
form-questioning = Chất vấn
form-document_review = Giám sát văn bản
form-voter_contact = Tiếp xúc cử tri
form-law_consultation = Góp ý dự án luật
form-verification_meeting = Thẩm tra
form-working_meeting = Làm việc
form-other = Khác

## The hard rules, named for a planner.
rule-calendar = Ngày làm việc
rule-window = Ngoài khung thời gian
rule-fixed = Sai ngày cố định
rule-blocked = Trùng kỳ họp, ngày bận
rule-person = Trùng người
rule-parallel = Quá số đoàn cùng lúc
rule-subject_gap = Đối tượng bị giám sát dồn dập
rule-after = Thứ tự (sau)
rule-before = Thứ tự (trước)

## The soft terms of the objective.
term-balance = Cân đối tải theo tháng
term-area = Địa bàn bị đến dồn dập
term-invite = Cơ quan được mời bận
term-preferred = Ngoài thời gian mong muốn
term-move = Dời lịch
term-shift = Số ngày dời

## The kinds of body.
kind-na_delegation = Đoàn ĐBQH
kind-standing_committee = Thường trực HĐND
kind-committee = Ban HĐND
kind-other = Khác

## The HTML views (python/oversight/html.py); {x} variables are str.format fields for Python.
view-problem = Bài toán
view-plan = Kế hoạch giám sát
view-analysis = Phân tích
view-horizon = Thời gian
view-bodies = cơ quan
view-people = người
view-topics = chủ đề
view-areas = địa bàn
view-subjects = đối tượng
view-events = sự kiện
view-activities = hoạt động
view-history = cuộc giám sát đã qua
view-groups = đoàn
view-joint = Liên tịch
view-id = Mã
view-name = Tên
view-kind = Loại
view-rank = Thứ bậc
view-max_parallel = Số đoàn cùng lúc
view-n_activities = Số hoạt động
view-n_days = Số ngày
view-event = Sự kiện
view-start = Bắt đầu
view-end = Kết thúc
view-blocks = Chặn lịch
view-all_bodies = tất cả
view-body = Cơ quan
view-title = Nội dung
view-form = Hình thức
view-duration = Số ngày
view-window = Khung thời gian
view-feasible = Khả thi: không vi phạm ràng buộc cứng
view-infeasible = Không khả thi: { $n } vi phạm ràng buộc cứng
view-not_scored = Chưa chấm điểm (kế hoạch đọc từ tệp, chưa gắn bài toán)
view-soft = Điểm mềm
view-term = Thành phần
view-value = Giá trị
view-score = Điểm
view-violations = Vi phạm
view-no_violations = Không có vi phạm ràng buộc cứng.
view-rule = Quy tắc
view-count = Số lần
view-message = Giải thích
view-by_month = Các đoàn theo tháng
view-month = Tháng { $m }/{ $y }
view-dates = Ngày
view-lead = Chủ trì
view-invited = Mời
view-days = ngày
view-working_days = ngày làm việc
view-duplicates = Trùng lặp (cùng đối tượng, chủ đề giao nhau)
view-overlaps = Chủ đề giao nhau (khác đối tượng)
view-repeats = Lặp lại cuộc giám sát đã qua
view-cannot_fit = Thành viên không thể tham gia
view-cycles = Vòng lặp thứ tự trong đoàn liên tịch
view-people_load = Tải của từng người
view-subject_load = Đối tượng được đến nhiều nhất
view-area_load = Địa bàn được đến nhiều nhất
view-pair = Hoạt động
view-shared_subjects = Đối tượng chung
view-shared_topics = Chủ đề giao nhau
view-past = Lần trước
view-months_before = Cách (tháng)
view-person = Người
view-required_days = Ngày cần
view-available_days = Ngày rảnh
view-free_days = Ngày rảnh trong khung
view-longest_run = Chuỗi rảnh dài nhất
view-fixed_start = Ngày cố định
view-merged = { $groups } đoàn từ { $activities } hoạt động, { $joint } đoàn liên tịch
view-over = quá tải
view-more = … và { $n } dòng khác

## The figures (python/oversight/figures.py).
figure-gantt_title = Kế hoạch giám sát — { $name }
figure-heat_body_title = Số ngày giám sát theo tháng của từng cơ quan — { $name }
figure-heat_area_title = Số đoàn đến từng địa bàn theo tháng — { $name }
figure-graph_title = Trùng lặp và giao nhau chủ đề giữa các cơ quan — { $name }
figure-date = Thời gian
figure-body = Cơ quan
figure-area = Địa bàn
figure-month = Tháng
figure-month_label = { $m }/{ $y }
figure-tickformat = %m/%Y
figure-days = ngày
figure-field_days = Số ngày
figure-visits = Số đoàn
figure-working_days = ngày làm việc
figure-joint = Liên tịch
figure-lead = Chủ trì
figure-with = Cùng
figure-form = Hình thức
figure-members = Thành phần
figure-subjects = Đối tượng
figure-areas = Địa bàn
figure-invited = Mời
figure-violation = Vi phạm
figure-legend = ▨ đoàn liên tịch (vẽ ở làn của mỗi cơ quan tham gia) · viền đỏ: vi phạm · vùng xám: kỳ họp, ngày nghỉ chặn lịch
figure-blocks = Chặn lịch
figure-all_bodies = tất cả cơ quan
figure-groups = đoàn
figure-duplicate = Trùng lặp
figure-overlap = Giao nhau chủ đề
figure-shared_subjects = Đối tượng chung
figure-shared_topics = Chủ đề
figure-no_edges = Không có trùng lặp hay giao nhau chủ đề.
figure-more = … và { $n } người khác

## The report page (python/oversight/report.py).
page-title = Báo cáo kế hoạch giám sát
page-score = Điểm của kế hoạch
page-gantt = Lịch theo cơ quan
page-load = Tải theo tháng
page-overlaps = Trùng lặp và giao nhau chủ đề
page-groups = Các đoàn theo tháng
page-exports = Tệp kèm theo
page-no_exports = Không có tệp kèm theo.
page-made_by = Lập bằng oversight { $version }.
page-ics = Lịch (iCalendar)
page-xlsx = Bảng tính Excel
page-csv = Bảng CSV
page-json = Kế hoạch (JSON)
page-html = Trang HTML
page-pdf = Văn bản PDF
page-file = Tệp

## The command line (python/oversight/cli.py).
cli-feasible = Đã tìm được kế hoạch không vi phạm ràng buộc cứng.
