"""Rich HTML views of problems, plans, analyses and violations, for Jupyter's
``_repr_html_`` and the self-contained report (`oversight.report`).

Every function returns an HTML fragment: a compact summary and plain tables, long
tables folded in ``<details>``. No external CSS, no script, no network; every piece of
text that comes from the data is escaped with `html.escape`, so a name such as
``<script>alert(1)</script>`` shows as text. Headings and labels are in Vietnamese
(``lang="vi"``) or English (``lang="en"``); the names in the problem stay as written.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from oversight._common import (
    check_lang,
    fmt_date,
    fmt_range,
    message,
    scored,
    violating_leads,
    words,
)
from oversight._common import names as _names
from oversight._common import printable as _printable

if TYPE_CHECKING:
    from oversight._oversight import Analysis, Plan, Problem

__all__ = [
    "Violations",
    "analysis_html",
    "plan_html",
    "problem_html",
    "table",
    "violations_html",
]


#: The labels of the activity forms, as the core writes them (``Form::label``).
FORMS = words("form-")

#: The hard rules of the format, named for a planner.
RULES = words("rule-")

#: The soft terms of the objective.
TERMS = words("term-")

KINDS = words("kind-")

_TEXT = words("view-")

#: The views' style, scoped to elements inside `.oversight-view`.
STYLE = """<style>
.oversight-view{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
font-size:13px;line-height:1.4;color:#222}
.oversight-view h3{margin:.3em 0;font-size:1.25em}
.oversight-view h4{margin:.8em 0 .3em;font-size:1.05em}
.oversight-view table{border-collapse:collapse;margin:.3em 0 .8em}
.oversight-view th,.oversight-view td{border:1px solid #ddd;padding:2px 6px;
text-align:left;vertical-align:top}
.oversight-view th{background:#f3f4f6}
.oversight-view td.num{text-align:right;font-variant-numeric:tabular-nums}
.oversight-view tr.month td{background:#eef2ff;font-weight:600}
.oversight-view tr.bad td{background:#fff1f1}
.oversight-view .ok{color:#166534;font-weight:600}
.oversight-view .bad{color:#b91c1c;font-weight:600}
.oversight-view .muted{color:#6b7280}
.oversight-view .tag{display:inline-block;border:1px solid #6366f1;color:#4338ca;
border-radius:3px;padding:0 3px;font-size:.85em}
.oversight-view summary{cursor:pointer;font-weight:600;margin:.4em 0}
</style>"""

#: Tables longer than this are folded in ``<details>`` (closed).
FOLD_ROWS = 25


class Markup(str):
    """A string that is already HTML and must not be escaped again."""

    __slots__ = ()


def escape(value: object) -> str:
    """``value`` as HTML text: `Markup` passes through, a list or tuple is joined with
    commas, anything else is escaped (``&``, ``<``, ``>``; quotes are left as they are,
    so use `attribute` inside an attribute)."""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return _html.escape(_printable(str(value)), quote=False)


def attribute(value: object) -> str:
    """``value`` escaped for a quoted attribute (quotes included)."""
    return _html.escape(_printable(str(value)), quote=True)


def text(lang: str) -> dict[str, str]:
    """The headings and labels in ``lang``."""
    return _TEXT[check_lang(lang)]


def label(table: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    """``key``'s label in ``table`` for ``lang``, or the key itself."""
    return table[check_lang(lang)].get(key, key)


def table(
    headings: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    limit: int | None = None,
    numeric: Iterable[int] = (),
    row_classes: Sequence[str] | None = None,
) -> str:
    """An HTML table; every cell escaped unless it is `Markup`, lists joined with commas.
    Columns whose index is in ``numeric`` are right-aligned; a row of one cell spans
    every column. With ``limit``, the rows past it are counted in a last line rather
    than shown."""
    right = set(numeric)
    out = ["<table><thead><tr>"]
    out.extend(f"<th>{escape(h)}</th>" for h in headings)
    out.append("</tr></thead><tbody>")
    hidden = 0
    for i, row in enumerate(rows):
        if limit is not None and i >= limit:
            hidden += 1
            continue
        cls = row_classes[i] if row_classes is not None and i < len(row_classes) else ""
        out.append(f'<tr class="{attribute(cls)}">' if cls else "<tr>")
        if len(row) == 1 and len(headings) > 1:
            out.append(f'<td colspan="{len(headings)}">{escape(row[0])}</td></tr>')
            continue
        for j, cell in enumerate(row):
            attr = ' class="num"' if j in right else ""
            out.append(f"<td{attr}>{escape('' if cell is None else cell)}</td>")
        out.append("</tr>")
    if hidden:
        out.append(f'<tr><td colspan="{len(headings)}" class="muted">… +{hidden}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def fold(summary: str, body: str, *, open_: bool = False) -> str:
    """``body`` in a ``<details>`` element headed by the (escaped) ``summary``."""
    attr = " open" if open_ else ""
    return f"<details{attr}><summary>{escape(summary)}</summary>{body}</details>"


def section(heading: str, body: str, rows: int) -> str:
    """A heading and a table, folded when the table has more than `FOLD_ROWS` rows."""
    if rows > FOLD_ROWS:
        return fold(f"{heading} ({rows})", body)
    return f"<h4>{escape(heading)} ({rows})</h4>{body}"


def view(body: str) -> str:
    """The fragment wrapped with the view's scoped style."""
    return f'<div class="oversight-view">{STYLE}{body}</div>'


def _join(values: Iterable[object], sep: str = ", ") -> str:
    return sep.join(str(v) for v in values)


# Problem ------------------------------------------------------------------------------


def problem_html(problem: Problem, lang: str = "vi") -> str:
    """The problem at a glance: horizon, counts, the bodies with their load, the events
    that block them, and every activity (folded)."""
    t = text(lang)
    d = problem.to_dict()
    bodies = _names(d["bodies"])
    horizon = d["horizon"]
    keys = ("bodies", "people", "activities", "events", "topics", "subjects", "areas", "history")
    counts = " · ".join(f"{len(d.get(key, []))} {t[key]}" for key in keys)
    parts = [
        f"<h3>{escape(t['problem'])}: {escape(d['name'])}</h3>",
        f"<p>{escape(t['horizon'])}: {escape(fmt_range(horizon['start'], horizon['end'], lang))}"
        f" · {escape(d.get('calendar', {}).get('country', 'VN'))}</p>",
        f'<p class="muted">{escape(counts)}</p>',
    ]
    per_body: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in d["activities"]:
        per_body[a["body"]][0] += 1
        per_body[a["body"]][1] += int(a["duration"])
    body_rows = [
        (
            b["id"],
            b["name"],
            label(KINDS, b.get("kind", "other"), lang),
            b.get("rank", 100),
            b.get("max_parallel", 1),
            per_body[b["id"]][0],
            per_body[b["id"]][1],
        )
        for b in d["bodies"]
    ]
    parts.append(
        section(
            t["bodies"].capitalize(),
            table(
                [
                    t["id"],
                    t["name"],
                    t["kind"],
                    t["rank"],
                    t["max_parallel"],
                    t["n_activities"],
                    t["n_days"],
                ],
                body_rows,
                numeric=(3, 4, 5, 6),
            ),
            len(body_rows),
        )
    )
    event_rows = [
        (
            e["name"],
            fmt_date(e["start"], lang),
            fmt_date(e["end"], lang),
            t["all_bodies"]
            if "*" in e.get("blocks", [])
            else _join(bodies.get(b, b) for b in e.get("blocks", [])),
        )
        for e in d.get("events", [])
    ]
    parts.append(
        section(
            t["events"].capitalize(),
            table([t["event"], t["start"], t["end"], t["blocks"]], event_rows),
            len(event_rows),
        )
    )
    activity_rows = []
    for a in d["activities"]:
        window = a.get("window") or horizon
        activity_rows.append(
            (
                a["id"],
                bodies.get(a["body"], a["body"]),
                a["title"],
                label(FORMS, a["form"], lang),
                a["duration"],
                fmt_range(window["start"], window["end"], lang),
            )
        )
    parts.append(
        fold(
            f"{t['activities'].capitalize()} ({len(activity_rows)})",
            table(
                [t["id"], t["body"], t["title"], t["form"], t["duration"], t["window"]],
                activity_rows,
                numeric=(4,),
            ),
        )
    )
    return view("".join(parts))


# Violations ---------------------------------------------------------------------------


def violations_table(violations: Sequence[Mapping[str, Any]], lang: str) -> str:
    """The violations as a table: rule, groups (and activities), count, explanation."""
    t = text(lang)
    if not violations:
        return f'<p class="ok">{escape(t["no_violations"])}</p>'
    rows = [
        (
            label(RULES, str(v.get("rule", "")), lang),
            _join(dict.fromkeys([*v.get("groups", []), *v.get("activities", [])])),
            v.get("count", 1),
            message(v, lang),
        )
        for v in violations
    ]
    return table(
        [t["rule"], t["groups"].capitalize(), t["count"], t["message"]], rows, numeric=(2,)
    )


def violations_html(violations: Sequence[Mapping[str, Any]], lang: str = "vi") -> str:
    """Every hard violation with its explanation in ``lang``."""
    t = text(lang)
    total = sum(int(v.get("count", 1)) for v in violations)
    head = f"<h4>{escape(t['violations'])} ({total})</h4>"
    return view(head + violations_table(violations, lang))


class Violations(list[dict[str, Any]]):
    """The hard violations of a plan: a list of dicts that Jupyter shows as a table."""

    def _repr_html_(self) -> str:
        return violations_html(self)

    def __repr__(self) -> str:
        if not self:
            return "<Violations: none>"
        counts: dict[str, int] = {}
        for v in self:
            counts[str(v.get("rule"))] = counts.get(str(v.get("rule")), 0) + 1
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
        return f"<Violations: {len(self)} ({rules})>"


# Plan ---------------------------------------------------------------------------------


def score_table(score: Mapping[str, Any], lang: str) -> str:
    """The soft terms and their total."""
    t = text(lang)
    terms: Mapping[str, Any] = score.get("terms", {})
    rows: list[tuple[object, ...]] = [
        (label(TERMS, key, lang), key, value) for key, value in terms.items()
    ]
    rows.append((Markup(f"<b>{escape(t['soft'])}</b>"), "", score.get("soft", 0)))
    return table([t["term"], "", t["value"]], rows, numeric=(2,))


def groups_by_month(plan: Plan, problem: Problem | None, lang: str) -> tuple[str, int]:
    """The groups as a table with a header row per month of their start, and how many
    groups there are. Groups named in a violation are marked."""
    t = text(lang)
    data = plan.to_dict()
    groups = sorted(data.get("groups", []), key=lambda g: (g["start"], g["lead"]))
    bad = violating_leads(plan.violations, data)
    rows_by_id: dict[str, dict[str, Any]] = {}
    bodies: dict[str, str] = {}
    if problem is not None:
        rows_by_id = {r["id"]: r for r in plan.rows(problem, lang)}
        bodies = _names(problem.to_dict()["bodies"])
    out: list[tuple[object, ...]] = []
    classes: list[str] = []
    month = ""
    for g in groups:
        start = _dt.date.fromisoformat(g["start"])
        key = t["month"].format(y=start.year, m=f"{start.month:02d}")
        if key != month:
            month = key
            out.append((key,))
            classes.append("month")
        days = g.get("days") or []
        lead = rows_by_id.get(g["lead"], {})
        title = escape(lead.get("title", ""))
        if len(g.get("activities", [])) > 1:
            title += f' <span class="tag">{escape(t["joint"])}</span>'
            for other in g["activities"]:
                if other == g["lead"]:
                    continue
                row = rows_by_id.get(other, {})
                title += (
                    f'<br><span class="muted">+ {escape(other)}: '
                    f"{escape(row.get('title', ''))} ({escape(row.get('body_name', ''))})</span>"
                )
        if g["lead"] in bad:
            title = "⚠ " + title
        out.append(
            (
                fmt_range(days[0] if days else g["start"], days[-1] if days else None, lang),
                g["lead"],
                lead.get("body_name", ""),
                Markup(title),
                lead.get("form_label", ""),
                _join(bodies.get(b, b) for b in g.get("invite", [])),
            )
        )
        classes.append("bad" if g["lead"] in bad else "")
    body = table(
        [t["dates"], t["id"], t["lead"], t["title"], t["form"], t["invited"]],
        out,
        row_classes=classes,
    )
    return body, len(groups)


def plan_summary(plan: Plan, lang: str, *, known: bool = True) -> str:
    """One line: feasible or how many hard violations, the soft score, the groups."""
    t = text(lang)
    if not known:
        return f'<p class="muted">{escape(t["not_scored"])}</p>'
    score = plan.score
    groups = plan.to_dict().get("groups", [])
    joint = sum(1 for g in groups if len(g.get("activities", [])) > 1)
    activities = sum(len(g.get("activities", [])) for g in groups)
    if score.get("hard", 0) == 0:
        status = f'<span class="ok">✔ {escape(t["feasible"])}</span>'
    else:
        status = f'<span class="bad">✘ {escape(t["infeasible"].format(n=score["hard"]))}</span>'
    merged = t["merged"].format(groups=len(groups), activities=activities, joint=joint)
    return (
        f"<p>{status} · {escape(t['soft'])}: <b>{escape(score.get('soft', 0))}</b>"
        f' · <span class="muted">{escape(merged)}</span></p>'
    )


def plan_html(plan: Plan, problem: Problem | None = None, lang: str = "vi") -> str:
    """The plan: feasibility and score, the soft terms, every violation explained, and
    the groups month by month with their titles (folded when long). Without a problem
    (given, or the one the plan was scored against) the groups show their ids only."""
    t = text(lang)
    problem = problem if problem is not None else plan.problem
    plan = scored(plan, problem)
    data = plan.to_dict()
    known = problem is not None or all(g.get("days") for g in data.get("groups", []))
    name = problem.name if problem is not None else str(data.get("problem", ""))
    parts = [
        f"<h3>{escape(t['plan'])}: {escape(name)}</h3>",
        plan_summary(plan, lang, known=known),
    ]
    if known:
        parts.append(f"<h4>{escape(t['score'])}</h4>{score_table(plan.score, lang)}")
        total = sum(int(v.get("count", 1)) for v in plan.violations)
        parts.append(f"<h4>{escape(t['violations'])} ({total})</h4>")
        parts.append(violations_table(plan.violations, lang))
    body, count = groups_by_month(plan, problem, lang)
    parts.append(fold(f"{t['by_month']} ({count})", body, open_=count <= FOLD_ROWS))
    return view("".join(parts))


# Analysis -----------------------------------------------------------------------------


def _topic_pairs(pairs: Iterable[Sequence[str]], topics: Mapping[str, str]) -> str:
    shown = []
    for pair in pairs:
        names = [topics.get(x, x) for x in pair]
        shown.append(names[0] if len(set(names)) == 1 else " ~ ".join(names))
    return "; ".join(dict.fromkeys(shown))


def analysis_html(analysis: Analysis, lang: str = "vi") -> str:
    """The analysis: groups formed, duplicates and topic overlaps between bodies,
    repeats of past supervisions, members who cannot take part, order cycles, and the
    busiest people, subjects and areas."""
    return view(analysis_fragment(analysis, lang))


def analysis_fragment(analysis: Analysis, lang: str = "vi") -> str:
    """`analysis_html` without the style, to put inside a page that has it."""
    t = text(lang)
    d = analysis.to_dict()
    p = analysis.problem.to_dict()
    bodies = _names(p["bodies"])
    topics = _names(p["topics"])
    subjects = _names(p["subjects"])
    people = _names(p["people"])
    titles = {a["id"]: a["title"] for a in p["activities"]}

    def act(a: str) -> str:
        return f"{a}: {titles.get(a, '')}"

    def pair(ids: Sequence[str], body_ids: Sequence[str]) -> Markup:
        return Markup(
            "<br>".join(
                f'{escape(act(a))} <span class="muted">({escape(bodies.get(b, b))})</span>'
                for a, b in zip(ids, body_ids, strict=True)
            )
        )

    groups = d.get("groups", [])
    joint = sum(1 for g in groups if len(g.get("activities", [])) > 1)
    merged = t["merged"].format(
        groups=d.get("group_count", len(groups)),
        activities=d.get("activity_count", 0),
        joint=joint,
    )
    horizon = d.get("horizon", {})
    cycles = d.get("precedence", {}).get("cycles", [])
    parts = [
        f"<h3>{escape(t['analysis'])}: {escape(d.get('problem', ''))}</h3>",
        f"<p>{escape(t['horizon'])}: "
        f"{escape(fmt_range(horizon.get('start'), horizon.get('end'), lang))}"
        f" · {escape(d.get('working_days', ''))} {escape(t['working_days'])}"
        f" · {escape(merged)}</p>",
        table(
            [t["analysis"], t["count"]],
            [
                (t["duplicates"], len(d.get("duplicates", []))),
                (t["overlaps"], len(d.get("overlaps", []))),
                (t["repeats"], len(d.get("repeats", []))),
                (t["cannot_fit"], len(d.get("cannot_fit", []))),
                (t["cycles"], len(cycles)),
            ],
            numeric=(1,),
        ),
    ]
    dup_rows = [
        (
            pair(x["activities"], x["bodies"]),
            _join(subjects.get(s, s) for s in x.get("subjects", [])),
            _topic_pairs(x.get("topics", []), topics),
        )
        for x in d.get("duplicates", [])
    ]
    parts.append(
        section(
            t["duplicates"],
            table([t["pair"], t["shared_subjects"], t["shared_topics"]], dup_rows),
            len(dup_rows),
        )
    )
    overlap_rows = [
        (pair(x["activities"], x["bodies"]), _topic_pairs(x.get("topics", []), topics))
        for x in d.get("overlaps", [])
    ]
    parts.append(
        section(
            t["overlaps"],
            table([t["pair"], t["shared_topics"]], overlap_rows),
            len(overlap_rows),
        )
    )
    repeat_rows = [
        (
            act(x["activity"]),
            f"{x.get('history', '')} ({fmt_range(x.get('past_start'), x.get('past_end'), lang)})",
            _join(subjects.get(s, s) for s in x.get("subjects", [])),
            _topic_pairs(x.get("topics", []), topics),
            x.get("months_before", ""),
        )
        for x in d.get("repeats", [])
    ]
    parts.append(
        section(
            t["repeats"],
            table(
                [
                    t["pair"],
                    t["past"],
                    t["shared_subjects"],
                    t["shared_topics"],
                    t["months_before"],
                ],
                repeat_rows,
                numeric=(4,),
            ),
            len(repeat_rows),
        )
    )
    fit_rows = [
        (
            act(x["activity"]),
            people.get(x["person"], x["person"]),
            x.get("duration", ""),
            x.get("free_days", ""),
            x.get("longest_run", ""),
            fmt_date(x.get("fixed_start"), lang),
        )
        for x in d.get("cannot_fit", [])
    ]
    if fit_rows:
        parts.append(
            section(
                t["cannot_fit"],
                table(
                    [
                        t["pair"],
                        t["person"],
                        t["duration"],
                        t["free_days"],
                        t["longest_run"],
                        t["fixed_start"],
                    ],
                    fit_rows,
                    numeric=(2, 3, 4),
                ),
                len(fit_rows),
            )
        )
    if cycles:
        cycle_rows = [(" → ".join(c),) for c in cycles]
        parts.append(section(t["cycles"], table([t["pair"]], cycle_rows), len(cycle_rows)))

    def busy(x: Mapping[str, Any]) -> tuple[float, str]:
        return (-x.get("required_days", 0) / max(1, x.get("available_days", 1)), x["person"])

    people_rows = [
        (
            x.get("name", x["person"]),
            x.get("required_days", 0),
            x.get("available_days", 0),
            x.get("groups", 0),
            t["over"] if x.get("required_days", 0) > x.get("available_days", 0) else "",
        )
        for x in sorted(d.get("people", []), key=busy)[:10]
    ]
    parts.append(
        f"<h4>{escape(t['people_load'])}</h4>"
        + table(
            [t["person"], t["required_days"], t["available_days"], t["groups"].capitalize(), ""],
            people_rows,
            numeric=(1, 2, 3),
            row_classes=["bad" if r[4] else "" for r in people_rows],
        )
    )
    for key, heading in (("subjects", t["subject_load"]), ("areas", t["area_load"])):
        top = sorted(d.get(key, []), key=lambda x: (-x.get("days", 0), x["id"]))[:10]
        parts.append(
            f"<h4>{escape(heading)}</h4>"
            + table(
                [t["name"], t["groups"].capitalize(), t["n_days"]],
                [(x.get("name", x["id"]), x.get("groups", 0), x.get("days", 0)) for x in top],
                numeric=(1, 2),
            )
        )
    return "".join(parts)
