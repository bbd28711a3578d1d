"""/chiffres/: every deployment figure an editor has not rejected, with its
article, in date order, optionally for one force, and the chart of them over
time (web/figures_chart.py). Figures of articles about the archive's subject
only, unless the reader asks for all of them (web/scope.py)."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.models import Figure, Review
from web.figures_chart import deployment_chart
from web.scope import Scope, scope_of

PER_PAGE = 100
PALETTE_SIZE = 6  # the most frequent forces get a colour of their own (vigie.css .force-0 … .force-5)


@dataclass
class FiguresPage:
    figures: list  # every figure shown, for the chart
    page: object  # the table's page (django.core.paginator.Page)
    forces: list[dict]  # [{"name", "count", "selected"}], most frequent first
    force: str  # the force filtered on, "" for all
    messages: list[str] = field(default_factory=list)
    chart: object = None
    scope: Scope | None = None

    @property
    def article_count(self):
        return len({figure.article_id for figure in self.figures})

    @property
    def undated(self):
        return sum(1 for figure in self.figures if not figure.article.published_on)


@require_GET
def figures(request):
    scope = scope_of(request)
    page = figures_page(request.GET.get("force"), request.GET.get("page"), scope)
    return render(request, "web/figures.html", {"figures": page, "scope": scope})


def figures_page(force: str | None, page: str | None, scope: Scope | None = None) -> FiguresPage:
    scope = scope or Scope(everything=False)
    shown = Figure.objects.filter(article__held=False).exclude(review=Review.REJECTED)
    if scope.relevance:
        shown = shown.filter(article__relevance__in=scope.relevance)
    forces = list(shown.exclude(force="").values("force").annotate(count=Count("pk")).order_by("-count", "force"))
    names = [row["force"] for row in forces]
    force, messages = (force or "").strip(), list(scope.messages)
    if force and force not in names:
        messages.append(f"Force inconnue : « {force[:60]} ». Tous les chiffres sont affichés.")
        force = ""
    if force:
        shown = shown.filter(force=force)
    figures = list(
        shown.select_related("article__source").order_by(
            F("article__published_on").asc(nulls_last=True), "article_id", "position", "pk"
        )
    )
    return FiguresPage(
        figures=figures,
        page=Paginator(figures, PER_PAGE).get_page(page),
        forces=[{"name": row["force"], "count": row["count"], "selected": row["force"] == force} for row in forces],
        force=force,
        messages=messages,
        scope=scope,
        chart=deployment_chart(figures, colours={name: i for i, name in enumerate(names[:PALETTE_SIZE])}),
    )
