"""Pictures of a plan and an analysis, as plotly figures: the timeline by body
(`gantt`), the load per month (`load_heatmap`) and the network of duplicates and topic
overlaps (`overlap_graph`).

plotly is optional (``pip install 'oversight[notebook]'``) and imported only when a
figure is drawn. Everything the pictures show comes from the core's dictionaries
(``Problem.to_dict``, ``Plan.to_dict``, ``Plan.rows``, ``Analysis.to_dict``); this module
only lays them out.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import math
import textwrap
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from oversight._common import (
    check_lang,
    fmt_range,
    message,
    scored,
    violating_leads,
    words,
)
from oversight._common import names as _names
from oversight._common import printable as _printable

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from oversight._oversight import Analysis, Plan, Problem

__all__ = ["gantt", "load_heatmap", "overlap_graph"]

#: One colour per body, in the problem's order (plotly's qualitative palette).
PALETTE = (
    "#636EFA",
    "#EF553B",
    "#00CC96",
    "#AB63FA",
    "#FFA15A",
    "#19D3F3",
    "#FF6692",
    "#B6E880",
    "#FF97FF",
    "#FECB52",
)
VIOLATION_COLOR = "#D62728"
EVENT_COLOR = "rgba(120, 120, 120, 0.18)"

_DAY_MS = 86_400_000
_MAX_NAMES = 8

_TEXT = words("figure-")


def escape(value: object) -> str:
    """``value`` as text for plotly's labels, which read a little HTML."""
    return _html.escape(_printable(str(value)), quote=False)


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("figures need plotly: pip install 'oversight[notebook]'") from err
    return go


def _date(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


def _lane_labels(bodies: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Body id → lane label: its name, with the id added when two bodies share a name."""
    seen: dict[str, int] = defaultdict(int)
    for b in bodies:
        seen[str(b["name"])] += 1
    return {
        str(b["id"]): str(b["name"]) if seen[str(b["name"])] == 1 else f"{b['name']} ({b['id']})"
        for b in bodies
    }


def _shorten(values: Sequence[str], t: Mapping[str, str]) -> str:
    shown = ", ".join(values[:_MAX_NAMES])
    if len(values) > _MAX_NAMES:
        shown += " " + t["more"].format(n=len(values) - _MAX_NAMES)
    return shown


def _wrap(line: str, width: int = 90) -> str:
    """An escaped line broken with ``<br>`` so a hover box stays narrow."""
    return "<br>".join(escape(part) for part in textwrap.wrap(line, width) or [""])


def _months(start: _dt.date, end: _dt.date) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _group_bodies(group: Mapping[str, Any], body_of: Mapping[str, str]) -> list[str]:
    """The bodies taking part in a group: the lead's body first, then the bodies of its
    other activities, each once."""
    lead = body_of.get(group["lead"], "")
    others = [body_of.get(a, "") for a in group.get("activities", [])]
    return list(dict.fromkeys([lead, *others]))


def _group_areas(
    group: Mapping[str, Any],
    activities: Mapping[str, Mapping[str, Any]],
    subject_area: Mapping[str, str],
) -> set[str]:
    """Areas visited by a group: its activities' areas and their subjects' areas."""
    areas: set[str] = set()
    for a in group.get("activities", []):
        activity = activities.get(a, {})
        areas.update(activity.get("areas", []))
        areas.update(subject_area[s] for s in activity.get("subjects", []) if s in subject_area)
    return areas


# Gantt --------------------------------------------------------------------------------


def gantt(problem: Problem, plan: Plan, *, lang: str = "vi") -> go.Figure:
    """A timeline with one lane per body.

    Each group is a bar from its first to its last day in the lane of its lead's body;
    a joint group (``Liên tịch``/"Joint") is also drawn, hatched and lighter, in the lane
    of every other body taking part, and is hatched in its lead's lane too. The hover
    gives the title, form, dates, members, subjects, areas and invited bodies. Events
    that block bodies (sessions, Tết) are shaded: across every lane when they block
    every body, else in the lanes of the bodies they block, with their names. Groups
    named in a violation have a red outline and the violation's message in the hover.
    Each bar's ``customdata`` is ``[lead, body]``.
    """
    go = _plotly()
    t = _TEXT[check_lang(lang)]
    plan = scored(plan, problem)
    p = problem.to_dict()
    data = plan.to_dict()
    bodies = p["bodies"]
    lanes = _lane_labels(bodies)
    order = [str(b["id"]) for b in bodies]
    lane_index = {b: i for i, b in enumerate(order)}
    colors = {b: PALETTE[i % len(PALETTE)] for i, b in enumerate(order)}
    body_of = {a["id"]: a["body"] for a in p["activities"]}
    rows = {r["id"]: r for r in plan.rows(problem, lang)}
    violations = plan.violations
    bad = violating_leads(violations, data)
    messages: dict[str, list[str]] = defaultdict(list)
    lead_of = {a: g["lead"] for g in data["groups"] for a in g["activities"]}
    for v in violations:
        for ref in dict.fromkeys([*v.get("groups", []), *v.get("activities", [])]):
            text = message(v, lang)
            lead = lead_of.get(ref, ref)
            if text not in messages[lead]:
                messages[lead].append(text)

    # One trace per lead body, holding its groups' bars in every lane they are drawn in.
    bars: dict[str, dict[str, list[Any]]] = {
        b: defaultdict(list) for b in order if any(body_of[g["lead"]] == b for g in data["groups"])
    }
    for g in sorted(data["groups"], key=lambda g: (g["start"], g["lead"])):
        days = g.get("days") or [g["start"]]
        first, last = _date(days[0]), _date(days[-1])
        lead_body = body_of[g["lead"]]
        joint = len(g["activities"]) > 1
        hover = _gantt_hover(g, rows, lanes, t, lang, messages.get(g["lead"], []))
        for body in _group_bodies(g, body_of):
            bar = bars[lead_body]
            bar["y"].append(escape(lanes[body]))
            bar["base"].append(first.isoformat())
            bar["x"].append(((last - first).days + 1) * _DAY_MS)
            bar["hovertext"].append(hover)
            bar["customdata"].append([g["lead"], body])
            bar["pattern"].append("/" if joint else "")
            bar["opacity"].append(1.0 if body == lead_body else 0.5)
            is_bad = g["lead"] in bad
            bar["line_color"].append(VIOLATION_COLOR if is_bad else "rgba(0,0,0,0.35)")
            bar["line_width"].append(3 if is_bad else 0.5)

    fig = go.Figure()
    for body, bar in bars.items():
        fig.add_trace(
            go.Bar(
                orientation="h",
                name=escape(lanes[body]),
                legendgroup=body,
                y=bar["y"],
                x=bar["x"],
                base=bar["base"],
                customdata=bar["customdata"],
                hovertext=bar["hovertext"],
                hovertemplate="%{hovertext}<extra></extra>",
                marker={
                    "color": colors[body],
                    "opacity": bar["opacity"],
                    "pattern": {"shape": bar["pattern"], "solidity": 0.35},
                    "line": {"color": bar["line_color"], "width": bar["line_width"]},
                },
            )
        )
    _shade_events(fig, go, p, order, lane_index, lanes, t, lang)

    horizon = p["horizon"]
    end = _date(horizon["end"]) + _dt.timedelta(days=1)
    n_bad = sum(int(v.get("count", 1)) for v in violations)
    title = t["gantt_title"].format(name=p["name"])
    if n_bad:
        title += f" — {n_bad} {t['violation'].lower()}"
    fig.update_layout(
        title={"text": escape(title)},
        barmode="overlay",
        bargap=0.25,
        height=140 + 70 * len(order),
        hovermode="closest",
        legend={"title": {"text": t["lead"]}, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
    )
    fig.add_annotation(
        text=escape(t["legend"]),
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 11, "color": "#555"},
    )
    fig.update_xaxes(
        type="date",
        title={"text": t["date"]},
        range=[horizon["start"], end.isoformat()],
        dtick="M1",
        tickformat=t["tickformat"],
        showgrid=True,
    )
    fig.update_yaxes(
        title={"text": t["body"]},
        type="category",
        categoryorder="array",
        categoryarray=[escape(lanes[b]) for b in order],
        range=[len(order) - 0.5, -0.5],
    )
    return fig


def _gantt_hover(
    group: Mapping[str, Any],
    rows: Mapping[str, Mapping[str, Any]],
    lanes: Mapping[str, str],
    t: Mapping[str, str],
    lang: str,
    messages: Sequence[str],
) -> str:
    lead = rows.get(group["lead"], {})
    days = group.get("days") or [group["start"]]
    lines = [f"<b>{_wrap(str(lead.get('title', group['lead'])), 70)}</b>"]
    kind = escape(f"{group['lead']} · {lead.get('form_label', '')}")
    if len(group["activities"]) > 1:
        kind += f" · <b>{escape(t['joint'])}</b>"
    lines.append(kind)
    lines.append(escape(f"{fmt_range(days[0], days[-1], lang)} ({len(days)} {t['working_days']})"))
    lines.append(escape(f"{t['lead']}: {lead.get('body_name', '')}"))
    for other in group["activities"]:
        if other != group["lead"]:
            row = rows.get(other, {})
            lines.append(
                _wrap(f"{t['with']}: {row.get('body_name', '')} — {other}: {row.get('title', '')}")
            )
    members = list(lead.get("member_names", []))
    for other in group["activities"]:
        members.extend(rows.get(other, {}).get("member_names", []))
    members = list(dict.fromkeys(members))
    if members:
        lines.append(_wrap(f"{t['members']}: {_shorten(members, t)}"))
    subjects: list[str] = []
    areas: list[str] = []
    for a in group["activities"]:
        subjects.extend(rows.get(a, {}).get("subject_names", []))
        areas.extend(rows.get(a, {}).get("area_names", []))
    if subjects:
        lines.append(_wrap(f"{t['subjects']}: {_shorten(list(dict.fromkeys(subjects)), t)}"))
    if areas:
        lines.append(_wrap(f"{t['areas']}: {_shorten(list(dict.fromkeys(areas)), t)}"))
    if group.get("invite"):
        invited = ", ".join(lanes.get(b, b) for b in group["invite"])
        lines.append(_wrap(f"{t['invited']}: {invited}"))
    for text in messages:
        lines.append(f'<span style="color:{VIOLATION_COLOR}">⚠ {_wrap(text)}</span>')
    return "<br>".join(lines)


def _shade_events(
    fig: Any,
    go: Any,
    p: Mapping[str, Any],
    order: Sequence[str],
    lane_index: Mapping[str, int],
    lanes: Mapping[str, str],
    t: Mapping[str, str],
    lang: str,
) -> None:
    """Shades the events that block bodies and names them; an invisible marker per
    shaded lane carries the event's hover."""
    hover_x: list[str] = []
    hover_y: list[str] = []
    hover_text: list[str] = []
    for e in p.get("events", []):
        blocks = [b for b in e.get("blocks", []) if b == "*" or b in lane_index]
        if not blocks:
            continue
        start = _date(e["start"])
        end = _date(e["end"]) + _dt.timedelta(days=1)
        every = "*" in blocks or set(blocks) >= set(order)
        blocked = list(order) if every else sorted(set(blocks), key=lane_index.__getitem__)
        who = t["all_bodies"] if every else ", ".join(lanes[b] for b in blocked)
        text = (
            f"<b>{_wrap(str(e['name']), 70)}</b><br>"
            f"{escape(fmt_range(e['start'], e['end'], lang))}<br>"
            f"{_wrap(t['blocks'] + ': ' + who)}"
        )
        if every:
            fig.add_shape(
                type="rect",
                name=str(e["id"]),
                xref="x",
                yref="paper",
                x0=start.isoformat(),
                x1=end.isoformat(),
                y0=0,
                y1=1,
                fillcolor=EVENT_COLOR,
                line={"width": 0},
                layer="below",
            )
        else:
            for body in blocked:
                i = lane_index[body]
                fig.add_shape(
                    type="rect",
                    name=str(e["id"]),
                    xref="x",
                    yref="y",
                    x0=start.isoformat(),
                    x1=end.isoformat(),
                    y0=i - 0.5,
                    y1=i + 0.5,
                    fillcolor=EVENT_COLOR,
                    line={"width": 0},
                    layer="below",
                )
        middle = start + (end - start) / 2
        fig.add_annotation(
            x=middle.isoformat(),
            xref="x",
            yref="paper",
            y=0,
            yanchor="bottom",
            text=escape(str(e["name"])),
            textangle=-90,
            showarrow=False,
            font={"size": 9, "color": "#666"},
            name=str(e["id"]),
        )
        for body in blocked:
            hover_x.append(middle.isoformat())
            hover_y.append(escape(lanes[body]))
            hover_text.append(text)
    if hover_x:
        fig.add_trace(
            go.Scatter(
                x=hover_x,
                y=hover_y,
                mode="markers",
                marker={"size": 14, "opacity": 0, "color": "#888"},
                hovertext=hover_text,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                name="events",
            )
        )


# Heatmaps -----------------------------------------------------------------------------


def load_heatmap(problem: Problem, plan: Plan, *, by: str = "body", lang: str = "vi") -> go.Figure:
    """The load per month as a heatmap.

    ``by="body"``: a row per body, the days of the groups it leads that fall in each
    month (the counts the ``balance`` term squares, so a row sums to the body's field
    days). ``by="area"``: a row per area visited at least once, the number of groups
    visiting it (through their activities' areas or their subjects' areas) with a day
    in each month.
    """
    go = _plotly()
    t = _TEXT[check_lang(lang)]
    if by not in ("body", "area"):
        raise ValueError(f"by must be 'body' or 'area', not {by!r}")
    plan = scored(plan, problem)
    p = problem.to_dict()
    data = plan.to_dict()
    horizon = p["horizon"]
    months = _months(_date(horizon["start"]), _date(horizon["end"]))
    column = {m: i for i, m in enumerate(months)}
    labels = [t["month_label"].format(y=y, m=f"{m:02d}") for y, m in months]
    activities = {a["id"]: a for a in p["activities"]}

    def month_of(day: str) -> int:
        d = _date(day)
        return column[(d.year, d.month)]

    if by == "body":
        order = [str(b["id"]) for b in p["bodies"]]
        names = _lane_labels(p["bodies"])
        z = {b: [0] * len(months) for b in order}
        groups = {b: [0] * len(months) for b in order}
        for g in data["groups"]:
            body = activities[g["lead"]]["body"]
            touched: set[int] = set()
            for day in g.get("days", []):
                z[body][month_of(day)] += 1
                touched.add(month_of(day))
            for m in touched:
                groups[body][m] += 1
        title = t["heat_body_title"]
        value = t["field_days"]
        extra = t["groups"]
        axis = t["body"]
    else:
        subject_area = {s["id"]: s["area"] for s in p["subjects"] if s.get("area")}
        z_all: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        days_all: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        for g in data["groups"]:
            per_month: dict[int, int] = defaultdict(int)
            for day in g.get("days", []):
                per_month[month_of(day)] += 1
            for area in _group_areas(g, activities, subject_area):
                for m, n in per_month.items():
                    z_all[area][m] += 1
                    days_all[area][m] += n
        order = [str(a["id"]) for a in p["areas"] if a["id"] in z_all]
        names = _names(p["areas"])
        z = {a: z_all[a] for a in order}
        groups = {a: days_all[a] for a in order}
        title = t["heat_area_title"]
        value = t["visits"]
        extra = t["days"]
        axis = t["area"]

    y = [escape(names.get(k, k)) for k in order]
    totals = [sum(z[k]) for k in order]
    fig = go.Figure(
        go.Heatmap(
            z=[z[k] for k in order],
            x=labels,
            y=y,
            customdata=[
                [[groups[k][m], totals[i]] for m in range(len(months))] for i, k in enumerate(order)
            ],
            colorscale="YlOrRd",
            zmin=0,
            xgap=1,
            ygap=1,
            texttemplate="%{z}",
            hovertemplate=(
                f"%{{y}}<br>{escape(t['month'])} %{{x}}<br>"
                f"{escape(value)}: %{{z}} (%{{customdata[0]}} {escape(extra)})<br>"
                f"Σ %{{customdata[1]}}<extra></extra>"
            ),
            colorbar={"title": {"text": escape(value)}},
        )
    )
    fig.update_layout(
        title={"text": escape(title.format(name=p["name"]))},
        height=max(260, 120 + 26 * len(order)),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    fig.update_xaxes(title={"text": t["month"]}, type="category", side="bottom")
    fig.update_yaxes(title={"text": axis}, type="category", autorange="reversed")
    return fig


# Overlap graph ------------------------------------------------------------------------


def _bezier(
    a: tuple[float, float], b: tuple[float, float], steps: int = 16
) -> tuple[list[float], list[float]]:
    """Points of a quadratic curve from ``a`` to ``b`` bent towards the centre."""
    cx, cy = (a[0] + b[0]) * 0.15, (a[1] + b[1]) * 0.15
    xs: list[float] = []
    ys: list[float] = []
    for i in range(steps + 1):
        s = i / steps
        xs.append((1 - s) ** 2 * a[0] + 2 * (1 - s) * s * cx + s**2 * b[0])
        ys.append((1 - s) ** 2 * a[1] + 2 * (1 - s) * s * cy + s**2 * b[1])
    return xs, ys


def overlap_graph(analysis: Analysis, problem: Problem, *, lang: str = "vi") -> go.Figure:
    """The activities that duplicate or overlap another body's, on a circle cut into one
    arc per body (in the problem's order, activities by id within an arc), with an
    edge per pair: solid red for a duplicate (a shared subject and overlapping topics:
    merged into a joint group), dotted grey for a topic overlap at different subjects.
    Edges bend towards the centre; their hover names the shared topics and subjects.
    The layout is deterministic and needs no graph library.
    """
    go = _plotly()
    t = _TEXT[check_lang(lang)]
    d = analysis.to_dict()
    p = problem.to_dict()
    order = [str(b["id"]) for b in p["bodies"]]
    lanes = _lane_labels(p["bodies"])
    colors = {b: PALETTE[i % len(PALETTE)] for i, b in enumerate(order)}
    topics = _names(p["topics"])
    subjects = _names(p["subjects"])
    activities = {a["id"]: a for a in p["activities"]}

    edges: dict[tuple[str, str], tuple[str, Mapping[str, Any]]] = {}
    for kind in ("overlaps", "duplicates"):  # a duplicate wins over an overlap
        for x in d.get(kind, []):
            ids = [a for a in x.get("activities", []) if a in activities]
            if len(ids) == 2 and ids[0] != ids[1]:
                edges[(min(ids), max(ids))] = (kind, x)
    nodes = sorted({a for pair in edges for a in pair})
    by_body: dict[str, list[str]] = defaultdict(list)
    for a in nodes:
        by_body[activities[a]["body"]].append(a)

    # Each body an arc proportional to its nodes (at least one slot), with a gap between.
    slots = {b: max(1, len(by_body[b])) for b in order}
    total = sum(slots.values()) + len(order)
    position: dict[str, tuple[float, float]] = {}
    label_at: dict[str, tuple[float, float]] = {}
    cursor = 0.0
    for b in order:
        span = slots[b]
        for i, a in enumerate(by_body[b]):
            angle = math.pi / 2 - 2 * math.pi * (cursor + i + 0.5) / total
            position[a] = (math.cos(angle), math.sin(angle))
        middle = math.pi / 2 - 2 * math.pi * (cursor + span / 2) / total
        label_at[b] = (1.22 * math.cos(middle), 1.22 * math.sin(middle))
        cursor += span + 1

    fig = go.Figure()
    for kind, style in (
        ("overlaps", {"color": "rgba(120,120,120,0.35)", "width": 1, "dash": "dot"}),
        ("duplicates", {"color": VIOLATION_COLOR, "width": 2.5, "dash": "solid"}),
    ):
        xs: list[float | None] = []
        ys: list[float | None] = []
        mx: list[float] = []
        my: list[float] = []
        texts: list[str] = []
        for (a, b), (k, x) in sorted(edges.items()):
            if k != kind:
                continue
            cx, cy = _bezier(position[a], position[b])
            xs.extend([*cx, None])
            ys.extend([*cy, None])
            mx.append(cx[len(cx) // 2])
            my.append(cy[len(cy) // 2])
            texts.append(_edge_hover(a, b, kind, x, activities, lanes, topics, subjects, t))
        if not texts:
            continue
        name = t["duplicate"] if kind == "duplicates" else t["overlap"]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=style,
                hoverinfo="skip",
                name=f"{name} ({len(texts)})",
                legendgroup=kind,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=mx,
                y=my,
                mode="markers",
                marker={"size": 8, "opacity": 0, "color": style["color"]},
                hovertext=texts,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                legendgroup=kind,
                name=name,
            )
        )
    degree: dict[str, int] = defaultdict(int)
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    for b in order:
        ids = by_body[b]
        if not ids:
            continue
        fig.add_trace(
            go.Scatter(
                x=[position[a][0] for a in ids],
                y=[position[a][1] for a in ids],
                mode="markers",
                marker={
                    "size": [7 + 2 * min(degree[a], 8) for a in ids],
                    "color": colors[b],
                    "line": {"color": "white", "width": 1},
                },
                customdata=ids,
                hovertext=[
                    f"<b>{escape(a)}</b> · {escape(lanes[b])}<br>"
                    f"{_wrap(str(activities[a]['title']), 70)}<br>"
                    + _wrap(
                        f"{t['shared_topics']}: "
                        + ", ".join(topics.get(x, x) for x in activities[a].get("topics", []))
                    )
                    for a in ids
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                name=escape(lanes[b]),
            )
        )
    for b in order:
        x, y = label_at[b]
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{escape(lanes[b])}</b><br>{len(by_body[b])}",
            showarrow=False,
            font={"size": 11, "color": colors[b]},
            xanchor="center",
            yanchor="middle",
        )
    if not edges:
        fig.add_annotation(x=0, y=0, text=escape(t["no_edges"]), showarrow=False, font={"size": 14})
    axis = {"visible": False, "range": [-1.6, 1.6]}
    fig.update_layout(
        title={"text": escape(t["graph_title"].format(name=p["name"]))},
        xaxis=axis,
        yaxis={**axis, "scaleanchor": "x", "scaleratio": 1},
        height=720,
        plot_bgcolor="white",
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return fig


def _edge_hover(
    a: str,
    b: str,
    kind: str,
    edge: Mapping[str, Any],
    activities: Mapping[str, Mapping[str, Any]],
    lanes: Mapping[str, str],
    topics: Mapping[str, str],
    subjects: Mapping[str, str],
    t: Mapping[str, str],
) -> str:
    lines = [f"<b>{escape(t['duplicate'] if kind == 'duplicates' else t['overlap'])}</b>"]
    for x in (a, b):
        activity = activities[x]
        body = lanes.get(activity["body"], activity["body"])
        lines.append(_wrap(f"{x} ({body}): {activity['title']}"))
    pairs = []
    for pair in edge.get("topics", []):
        names = [topics.get(x, x) for x in pair]
        pairs.append(names[0] if len(set(names)) == 1 else " ~ ".join(names))
    if pairs:
        lines.append(_wrap(f"{t['shared_topics']}: {'; '.join(dict.fromkeys(pairs))}"))
    if edge.get("subjects"):
        shared = ", ".join(subjects.get(s, s) for s in edge["subjects"])
        lines.append(_wrap(f"{t['shared_subjects']}: {shared}"))
    return "<br>".join(lines)
