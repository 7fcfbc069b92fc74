"""The report of a plan: one self-contained HTML file to send to the bodies.

It holds the score, every violation explained, the timeline by body, the load per month
of the bodies and of the areas, the groups month by month, optionally the analysis of
duplicates and overlaps, and links to the exported files (calendar, workbook, CSV…).
plotly's JavaScript is written into the file once, so it opens without a network.
Needs plotly (``pip install 'oversight[notebook]'``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from oversight import figures
from oversight._common import scored, words
from oversight._oversight import __version__
from oversight.html import (
    STYLE,
    analysis_fragment,
    attribute,
    escape,
    groups_by_month,
    plan_summary,
    score_table,
    text,
    violations_table,
)

if TYPE_CHECKING:
    from oversight._oversight import Analysis, Plan, Problem

__all__ = ["write_report"]

_TEXT = words("page-")

_PAGE_STYLE = """<style>
body{margin:0;background:#fafafa}
main{max-width:1280px;margin:0 auto;padding:16px 24px;background:#fff}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.3em;margin:1.4em 0 .4em;border-bottom:2px solid #e5e7eb;padding-bottom:.2em}
nav a{margin-right:1em}
.figure{margin:.5em 0 1em}
</style>"""

_CONFIG = {"displaylogo": False, "responsive": True}


def _figure_html(figure: Any, div_id: str, *, first: bool) -> str:
    """A figure as a ``<div>``; the first one carries plotly's JavaScript inline."""
    return str(
        figure.to_html(
            full_html=False,
            include_plotlyjs=first,
            include_mathjax=False,
            config=_CONFIG,
            div_id=div_id,
        )
    )


def _href(export: str | os.PathLike[str], folder: Path) -> tuple[str, str]:
    """The link to an export, relative to the report's folder, and its file name."""
    path = Path(export)
    if path.is_absolute():
        try:
            path = Path(os.path.relpath(path, folder))
        except ValueError:  # another drive on Windows: the name is all we can say
            path = Path(path.name)
    return quote(path.as_posix()), path.name


def _exports_html(
    exports: Sequence[str | os.PathLike[str]], folder: Path, t: dict[str, str]
) -> str:
    if not exports:
        return f"<p class='muted'>{escape(t['no_exports'])}</p>"
    items = []
    for export in exports:
        href, name = _href(export, folder)
        kind = t.get(Path(name).suffix.lower().lstrip("."), t["file"])
        size = ""
        local = folder / Path(export) if not Path(export).is_absolute() else Path(export)
        if local.is_file():
            size = f" <span class='muted'>({local.stat().st_size / 1024:.1f} KB)</span>"
        items.append(
            f'<li><a href="{attribute(href)}">{escape(name)}</a> — {escape(kind)}{size}</li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def write_report(
    problem: Problem,
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    lang: str = "vi",
    analysis: Analysis | None = None,
    exports: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Writes the report of ``plan`` (against ``problem``) to ``path`` and returns it.

    One HTML file, with headings and explanations in ``lang`` ("vi" or "en"): the score
    and its terms, every violation with its explanation, the timeline by body, the load
    per month of the bodies and of the areas, the duplicates and overlaps when
    ``analysis`` is given, the groups month by month, and links to ``exports`` (paths
    relative to the report's folder, or absolute ones made relative).
    """
    t = text(lang)
    r = _TEXT[lang]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    plan = scored(plan, problem)

    pictures = [
        ("gantt", r["gantt"], [figures.gantt(problem, plan, lang=lang)]),
        (
            "load",
            r["load"],
            [
                figures.load_heatmap(problem, plan, by="body", lang=lang),
                figures.load_heatmap(problem, plan, by="area", lang=lang),
            ],
        ),
    ]
    if analysis is not None:
        pictures.append(
            ("overlaps", r["overlaps"], [figures.overlap_graph(analysis, problem, lang=lang)])
        )
    rendered: dict[str, str] = {}
    first = True
    for key, _, figs in pictures:
        parts = []
        for i, fig in enumerate(figs):
            parts.append(
                f"<div class='figure'>{_figure_html(fig, f'{key}-{i}', first=first)}</div>"
            )
            first = False
        rendered[key] = "".join(parts)

    total = sum(int(v.get("count", 1)) for v in plan.violations)
    groups, count = groups_by_month(plan, problem, lang)
    sections: list[tuple[str, str, str]] = [
        (
            "score",
            r["score"],
            plan_summary(plan, lang) + score_table(plan.score, lang),
        ),
        ("violations", f"{t['violations']} ({total})", violations_table(plan.violations, lang)),
        ("gantt", r["gantt"], rendered["gantt"]),
        ("load", r["load"], rendered["load"]),
    ]
    if analysis is not None:
        sections.append(
            ("overlaps", r["overlaps"], rendered["overlaps"] + analysis_fragment(analysis, lang))
        )
    sections.append(("groups", f"{r['groups']} ({count})", groups))
    sections.append(("exports", r["exports"], _exports_html(exports, target.parent, r)))

    nav = " ".join(f'<a href="#{key}">{escape(heading)}</a>' for key, heading, _ in sections)
    body = "".join(
        f'<section id="{key}"><h2>{escape(heading)}</h2>{content}</section>'
        for key, heading, content in sections
    )
    title = f"{r['title']}: {problem.name}"
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{attribute(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{_PAGE_STYLE}\n{STYLE}\n</head>\n"
        f'<body>\n<main class="oversight-view">\n<h1>{escape(title)}</h1>\n'
        f"<nav>{nav}</nav>\n{body}\n"
        f"<footer><p class='muted'>{escape(r['made_by'].format(version=__version__))}</p>"
        "</footer>\n</main>\n</body>\n</html>\n"
    )
    target.write_text(page, encoding="utf-8")
    return target
