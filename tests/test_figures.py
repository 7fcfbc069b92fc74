"""The pictures (`oversight.figures`), the HTML views (`oversight.html`) and the report
(`oversight.report`): what they show is checked against the plan's own dictionaries
and the format's definitions, not against the drawing code."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("plotly")

import oversight
from oversight import figures
from oversight import html as views
from oversight.report import write_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nghe-an-2024.json"
EXAMPLE_PLAN = ROOT / "examples" / "nghe-an-2024.plan.json"
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def problem() -> oversight.Problem:
    return oversight.Problem.load(EXAMPLE)


@pytest.fixture(scope="module")
def plan(problem: oversight.Problem) -> oversight.Plan:
    return problem.score(oversight.Plan.load(EXAMPLE_PLAN))


@pytest.fixture(scope="module")
def clash() -> tuple[oversight.Problem, oversight.Plan]:
    """A generated instance with no feasible plan, and a plan of it with violations."""
    problem = oversight.generate("tiny", seed=1, infeasible=True)
    plan = problem.solve(time_limit=None, steps=300, seed=0)
    assert plan.violations, "the infeasible instance must give violations"
    return problem, plan


@pytest.fixture(scope="module")
def hostile() -> tuple[oversight.Problem, oversight.Plan]:
    """The infeasible instance with markup in its names and titles."""
    data = oversight.generate("tiny", seed=1, infeasible=True).to_dict()
    data["name"] = HOSTILE
    data["bodies"][0]["name"] = HOSTILE + " body"
    data["people"][0]["name"] = HOSTILE + " person"
    for activity in data["activities"]:
        activity["title"] = HOSTILE + " " + activity["title"]
    for area in data["areas"]:
        area["name"] = HOSTILE + " " + area["name"]
    problem = oversight.Problem.from_dict(data)
    plan = problem.solve(time_limit=None, steps=300, seed=0)
    assert plan.violations
    return problem, plan


def _bars(fig: Any) -> list[Any]:
    return [trace for trace in fig.data if trace.type == "bar"]


def _body_of(problem: oversight.Problem) -> dict[str, str]:
    return {a["id"]: a["body"] for a in problem.to_dict()["activities"]}


# Gantt --------------------------------------------------------------------------------


def test_gantt_has_a_bar_per_group_in_each_taking_part_body_lane(
    problem: oversight.Problem, plan: oversight.Plan
) -> None:
    fig = figures.gantt(problem, plan)
    body_of = _body_of(problem)
    names = {b["id"]: b["name"] for b in problem.to_dict()["bodies"]}
    expected = Counter(
        (g["lead"], body)
        for g in plan.to_dict()["groups"]
        for body in {body_of[a] for a in g["activities"]}
    )
    drawn: Counter[tuple[str, str]] = Counter()
    for trace in _bars(fig):
        for (lead, body), lane, base, length in zip(
            trace.customdata, trace.y, trace.base, trace.x, strict=True
        ):
            drawn[(lead, body)] += 1
            assert lane == names[body]
            group = next(g for g in plan.to_dict()["groups"] if g["lead"] == lead)
            assert base == group["days"][0]
            last = dt.date.fromisoformat(base) + dt.timedelta(milliseconds=length - 1)
            assert last.isoformat() == group["days"][-1]
    assert drawn == expected
    joint = {g["lead"] for g in plan.to_dict()["groups"] if len(g["activities"]) > 1}
    assert joint, "the example has joint groups"
    for trace in _bars(fig):
        for (lead, _), shape, hover in zip(
            trace.customdata, trace.marker.pattern.shape, trace.hovertext, strict=True
        ):
            assert (shape != "") == (lead in joint)
            assert ("Liên tịch" in hover) == (lead in joint)
    assert list(fig.layout.yaxis.categoryarray) == list(names.values())


def test_gantt_shades_the_events_that_block_bodies(
    problem: oversight.Problem, plan: oversight.Plan
) -> None:
    fig = figures.gantt(problem, plan)
    events = [e for e in problem.to_dict()["events"] if e["blocks"]]
    shaded = {shape.name for shape in fig.layout.shapes}
    assert shaded == {e["id"] for e in events}
    labels = " ".join(a.text for a in fig.layout.annotations)
    for e in events:
        assert html.escape(e["name"], quote=False) in labels
        rects = [s for s in fig.layout.shapes if s.name == e["id"]]
        assert all(s.x0 == e["start"] for s in rects)
        end = dt.date.fromisoformat(e["end"]) + dt.timedelta(days=1)
        assert all(s.x1 == end.isoformat() for s in rects)
        if e["blocks"] == ["*"]:
            assert [s.yref for s in rects] == ["paper"]
        else:
            assert len(rects) == len(e["blocks"])


def test_gantt_highlights_the_groups_named_in_violations(
    clash: tuple[oversight.Problem, oversight.Plan],
) -> None:
    problem, plan = clash
    named = {ref for v in plan.violations for ref in v["groups"]}
    for lang, key in (("vi", "message"), ("en", "message_en")):
        fig = figures.gantt(problem, plan, lang=lang)
        seen = set()
        for trace in _bars(fig):
            colors = trace.marker.line.color
            for (lead, _), color, hover in zip(
                trace.customdata, colors, trace.hovertext, strict=True
            ):
                assert (color == figures.VIOLATION_COLOR) == (lead in named)
                if lead in named:
                    seen.add(lead)
                    flat = re.sub(r"<[^>]+>", " ", hover).replace("<br>", " ")
                    flat = html.unescape(re.sub(r"\s+", " ", flat))
                    assert any(
                        " ".join(v[key].split()) in flat
                        for v in plan.violations
                        if lead in v["groups"]
                    )
        assert seen == named
    assert "Supervision plan" in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Date"


def test_gantt_scores_a_plan_read_from_a_file(problem: oversight.Problem) -> None:
    fig = figures.gantt(problem, oversight.Plan.load(EXAMPLE_PLAN), lang="en")
    assert sum(len(t.y) for t in _bars(fig)) == sum(
        len({_body_of(problem)[a] for a in g["activities"]})
        for g in oversight.Plan.load(EXAMPLE_PLAN).to_dict()["groups"]
    )
    assert fig.layout.yaxis.title.text == "Body"


def test_unknown_language_is_refused(problem: oversight.Problem, plan: oversight.Plan) -> None:
    with pytest.raises(ValueError):
        figures.gantt(problem, plan, lang="fr")
    with pytest.raises(ValueError):
        views.plan_html(plan, problem, lang="fr")
    with pytest.raises(ValueError):
        figures.load_heatmap(problem, plan, by="person")


# Heatmaps -----------------------------------------------------------------------------


def test_body_heatmap_sums_to_the_field_days_of_each_body(
    problem: oversight.Problem, plan: oversight.Plan
) -> None:
    fig = figures.load_heatmap(problem, plan, by="body")
    (heat,) = fig.data
    body_of = _body_of(problem)
    names = {b["id"]: b["name"] for b in problem.to_dict()["bodies"]}
    days: dict[str, int] = defaultdict(int)
    for g in plan.to_dict()["groups"]:
        days[body_of[g["lead"]]] += len(g["days"])
    assert len(heat.x) == 12
    assert {y: sum(row) for y, row in zip(heat.y, heat.z, strict=True)} == {
        names[b]: days[b] for b in names
    }
    # The balance term squares exactly these cells.
    weight = problem.to_dict()["rules"]["weights"]["balance"]
    squares = sum(cell * cell for row in heat.z for cell in row)
    assert weight * squares == plan.score["terms"]["balance"]


def test_area_heatmap_counts_the_groups_visiting_each_area_per_month(
    problem: oversight.Problem, plan: oversight.Plan
) -> None:
    fig = figures.load_heatmap(problem, plan, by="area", lang="en")
    (heat,) = fig.data
    p = problem.to_dict()
    activities = {a["id"]: a for a in p["activities"]}
    area_of = {s["id"]: s.get("area") for s in p["subjects"]}
    visits: Counter[tuple[str, str]] = Counter()
    for g in plan.to_dict()["groups"]:
        areas = set()
        for a in g["activities"]:
            areas.update(activities[a]["areas"])
            areas.update(area_of[s] for s in activities[a]["subjects"] if area_of[s])
        for month in {day[:7] for day in g["days"]}:
            for area in areas:
                visits[(area, month)] += 1
    names = {a["id"]: a["name"] for a in p["areas"]}
    expected = {(names[area], month): n for (area, month), n in visits.items()}
    drawn = {
        (y, x): n
        for y, row in zip(heat.y, heat.z, strict=True)
        for x, n in zip(heat.x, row, strict=True)
        if n
    }
    assert drawn == expected
    assert fig.layout.xaxis.title.text == "Month"


# Overlap graph ------------------------------------------------------------------------


def test_overlap_graph_draws_every_duplicate_and_overlap(problem: oversight.Problem) -> None:
    analysis = problem.analyze()
    d = analysis.to_dict()
    fig = figures.overlap_graph(analysis, problem)
    by_name = {t.name: t for t in fig.data}
    duplicates = next(t for name, t in by_name.items() if name.startswith("Trùng lặp ("))
    overlaps = next(t for name, t in by_name.items() if name.startswith("Giao nhau chủ đề ("))
    # Each edge is a run of points ended by a None.
    assert list(duplicates.x).count(None) == len(d["duplicates"])
    assert list(overlaps.x).count(None) == len(d["overlaps"])
    involved = {a for kind in ("duplicates", "overlaps") for x in d[kind] for a in x["activities"]}
    nodes = [a for t in fig.data if t.customdata is not None for a in t.customdata]
    assert sorted(nodes) == sorted(involved)
    again = figures.overlap_graph(analysis, problem)
    assert again.to_plotly_json() == fig.to_plotly_json()


# HTML views ---------------------------------------------------------------------------


def test_html_views_escape_markup_in_names(
    hostile: tuple[oversight.Problem, oversight.Plan],
) -> None:
    problem, plan = hostile
    for lang in ("vi", "en"):
        pages = [
            views.problem_html(problem, lang=lang),
            views.plan_html(plan, problem, lang=lang),
            views.plan_html(plan, lang=lang),
            views.analysis_html(problem.analyze(), lang=lang),
            views.violations_html(plan.violations, lang=lang),
        ]
        for page in pages:
            assert "<script" not in page
            assert "&lt;script&gt;" in page
    for fig in (
        figures.gantt(problem, plan),
        figures.load_heatmap(problem, plan, by="area"),
    ):
        text = str(fig.to_plotly_json())
        assert "<script" not in text


def test_html_views_show_every_violation(clash: tuple[oversight.Problem, oversight.Plan]) -> None:
    problem, plan = clash
    for lang, key in (("vi", "message"), ("en", "message_en")):
        for page in (
            views.plan_html(plan, problem, lang=lang),
            views.violations_html(plan.violations, lang=lang),
        ):
            for v in plan.violations:
                assert html.escape(v[key], quote=False) in page
    assert "Không có vi phạm" in views.violations_html([], lang="vi")
    assert "Infeasible" in views.plan_html(plan, problem, lang="en")


def test_plan_view_lists_the_groups_by_month(
    problem: oversight.Problem, plan: oversight.Plan
) -> None:
    page = views.plan_html(plan, problem)
    for g in plan.to_dict()["groups"]:
        assert f"<td>{g['lead']}</td>" in page
    for month in range(1, 13):
        assert f"Tháng {month:02d}/2024" in page
    assert str(plan.score["soft"]) in page
    # Read from a file, with no problem, it still shows the groups.
    bare = views.plan_html(oversight.Plan.load(EXAMPLE_PLAN), lang="en")
    assert "Not scored" in bare and "dbqh-001" in bare


# Report -------------------------------------------------------------------------------


def test_report_is_one_self_contained_file(
    clash: tuple[oversight.Problem, oversight.Plan], tmp_path: Path
) -> None:
    problem, plan = clash
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    for lang, key in (("vi", "message"), ("en", "message_en")):
        path = write_report(
            problem,
            plan,
            tmp_path / "out" / f"report-{lang}.html",
            lang=lang,
            analysis=problem.analyze(),
            exports=["plan.ics", tmp_path / "out" / "plan.xlsx"],
        )
        assert path == tmp_path / "out" / f"report-{lang}.html"
        content = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\ssrc\s*=", content, flags=re.IGNORECASE)
        assert not re.search(r"<link[^>]*https?://", content, flags=re.IGNORECASE)
        assert content.count("plotly.js v") == 1
        assert content.count("Plotly.newPlot(") == 4  # gantt, two heatmaps, overlaps
        for v in plan.violations:
            assert html.escape(v[key], quote=False) in content
        assert 'href="plan.ics"' in content and 'href="plan.xlsx"' in content
        for g in plan.to_dict()["groups"]:
            assert f"<td>{g['lead']}</td>" in content


def test_report_escapes_markup(
    hostile: tuple[oversight.Problem, oversight.Plan], tmp_path: Path
) -> None:
    problem, plan = hostile
    content = write_report(problem, plan, tmp_path / "r.html").read_text(encoding="utf-8")
    outside = re.sub(r"<script\b[^>]*>.*?</script>", "", content, flags=re.DOTALL)
    assert "<script" not in outside
    assert "&lt;script&gt;" in outside
