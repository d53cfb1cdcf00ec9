"""Summaries as HTML: bar charts in plain HTML/CSS, every participant text escaped.

The live view, presenter mode and the session report all use these functions, so a text
typed by a participant is escaped in one place for all of them.
"""

from __future__ import annotations

from html import escape

from ..analysis import K_MIN, QuestionSummary, RoleComparison, SessionSummary
from ..i18n import decimal, display_option, t
from ..model import QuestionKind
from .wordcloud import word_cloud_svg


def _number(value: float) -> str:
    return decimal(value)


def respondents_text(summary: QuestionSummary) -> str:
    """How many answered; where the facilitator hid answers, how many of them are hidden, so
    the count always matches the answers listed below it."""
    if summary.hidden:
        return t("chart.respondents_hidden", n=summary.respondents, hidden=summary.hidden)
    return t("chart.respondents", n=summary.respondents)


def bars_html(counts: tuple[tuple[str, int], ...]) -> str:
    """A horizontal bar chart of labelled counts."""
    top = max((c for _, c in counts), default=0) or 1
    rows = "".join(
        '<div class="pz-bar-row">'
        f'<span class="pz-bar-label">{escape(display_option(label))}</span>'
        f'<span class="pz-bar"><span style="width:{round(100 * count / top)}%"></span></span>'
        f'<span class="pz-bar-count">{count}</span></div>'
        for label, count in counts
    )
    return f'<div class="pz-chart">{rows}</div>'


def question_html(
    summary: QuestionSummary,
    *,
    number: int | None = None,
    k: int = K_MIN,
    title: str | None = None,
) -> str:
    """One question's aggregate: chart, mean, ranking or shared texts with word counts.

    ``title`` replaces the prompt as heading (the role comparison heads columns by role).
    """
    q = summary.question
    prefix = f'<span class="pz-number">{number}.</span> ' if number is not None else ""
    heading = (
        f'<div class="pz-label pz-group-label">{escape(title)}</div>'
        if title is not None
        else f'<div class="pz-prompt">{prefix}{escape(q.prompt)}</div>'
    )
    parts = [
        f'<div class="pz-result pz-result-{escape(q.id)}" data-question="{escape(q.id)}">',
        heading,
        f'<div class="pz-n">{escape(respondents_text(summary))}</div>',
    ]
    if summary.suppressed:
        parts.append(f'<p class="pz-suppressed">{escape(t("chart.suppressed", k=k))}</p>')
    elif q.kind == QuestionKind.OPEN and not q.shared:
        parts.append(f'<p class="pz-help">{escape(t("chart.personal"))}</p>')
    elif q.kind == QuestionKind.OPEN:
        if summary.words:
            words = "".join(
                f'<li><span class="pz-word">{escape(word)}</span> <small>{count}</small></li>'
                for word, count in summary.words
            )
            cloud = word_cloud_svg(summary.words, label=t("chart.cloud"))
            parts.append(
                f'<div class="pz-label">{escape(t("chart.words", k=k))}</div>'
                f'<div class="pz-cloud-box">{cloud}</div>'
                f'<ul class="pz-words">{words}</ul>'
            )
        texts = "".join(f"<li>{escape(text)}</li>" for text in summary.texts)
        parts.append(
            f'<div class="pz-label">{escape(t("chart.answers"))}</div>'
            + (
                f'<ul class="pz-texts">{texts}</ul>'
                if texts
                else f'<p class="pz-help">{escape(t("chart.no_texts"))}</p>'
            )
        )
    elif q.kind == QuestionKind.RANKING:
        items = "".join(
            f'<li><span class="pz-bar-label">{escape(item)}</span> '
            f'<span class="pz-bar-count">{_number(position)}</span></li>'
            for item, position in summary.ranking
        )
        parts.append(
            f'<div class="pz-label">{escape(t("chart.ranking"))}</div>'
            f'<ol class="pz-ranking">{items}</ol>'
        )
    else:
        parts.append(bars_html(summary.counts))
        if summary.mean is not None:
            parts.append(
                f'<div class="pz-mean">{escape(t("chart.mean", mean=_number(summary.mean)))}</div>'
            )
    parts.append("</div>")
    return "".join(parts)


def roles_html(summary: SessionSummary, *, k: int = K_MIN) -> str:
    """How many joined, and per role when every shown group has at least ``k`` people."""
    head = f'<div class="pz-joined">{escape(t("live.joined", n=summary.respondents))}</div>'
    if summary.roles_suppressed:
        return head + f'<p class="pz-help">{escape(t("live.roles_suppressed", k=k))}</p>'
    return head + bars_html(summary.roles)


def role_comparison_html(comparison: RoleComparison, *, k: int = K_MIN) -> str:
    """Each question with one column per role group (groups below k merged or suppressed)."""
    if comparison.suppressed:
        return f'<p class="pz-suppressed">{escape(t("byrole.suppressed", k=k))}</p>'
    groups = ", ".join(f"{label} ({n})" for label, n in comparison.groups)
    parts = [
        f'<p class="pz-help">{escape(t("byrole.groups", groups=groups, k=k))}</p>',
    ]
    for number, (question, summaries) in enumerate(comparison.questions, start=1):
        columns = "".join(
            f'<div class="pz-compare-col">{question_html(s, k=k, title=label)}</div>'
            for (label, _n), s in zip(comparison.groups, summaries, strict=True)
        )
        parts.append(
            f'<section class="pz-byrole-question" data-question="{escape(question.id)}">'
            f'<div class="pz-prompt"><span class="pz-number">{number}.</span> '
            f"{escape(question.prompt)}</div>"
            f'<div class="pz-compare-grid">{columns}</div></section>'
        )
    return "".join(parts)
