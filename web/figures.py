"""/chiffres/: every deployment figure an editor has not rejected, with its
article, in date order, narrowed by period, force, announcer, source and
theme (web/figures_filters.py), a page of the table at a time, and the chart
of them over time (web/figures_chart.py). Figures of articles about the
archive's subject only, unless the reader asks for all of them (web/scope.py).
The exports (web/figure_exports.py) take the same filters."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from archive.models import Figure, Review
from web.figures_chart import deployment_chart
from web.figures_filters import FigureFilters
from web.scope import scope_of

# A phone shows a row in about ten lines: 25 rows keep a page a few screens tall.
PER_PAGE = 25
PALETTE_SIZE = 6  # the most frequent forces get a colour of their own (vigie.css .force-0 … .force-5)


@dataclass
class FiguresPage:
    figures: list  # every figure the filters keep, for the chart
    page: object  # the table's page (django.core.paginator.Page)
    filters: FigureFilters
    messages: list[str] = field(default_factory=list)
    chart: object = None

    @property
    def article_count(self):
        return len({figure.article_id for figure in self.figures})

    @property
    def undated(self):
        return sum(1 for figure in self.figures if not figure.article.published_on)

    @property
    def pages(self):
        """What web/_pagination.html reads."""
        return {
            "num_pages": self.page.paginator.num_pages,
            "page": self.page.number,
            "has_previous": self.page.has_previous(),
            "has_next": self.page.has_next(),
        }


@require_GET
def figures(request):
    scope = scope_of(request)
    filters = FigureFilters.from_query(request.GET, scope, shown_figures(scope))
    if not filters.problems and "" in request.GET.values():
        # The form sends its empty boxes (« force=&theme= »): the address to keep and share has only the filters.
        return redirect(filters.href())
    page = figures_page(filters)
    return render(request, "web/figures.html", {"figures": page, "filters": page.filters, "scope": scope})


def shown_figures(scope):
    """The figures a scope counts: not rejected, of its articles."""
    shown = Figure.objects.filter(article__held=False).exclude(review=Review.REJECTED)
    if scope.relevance:
        shown = shown.filter(article__relevance__in=scope.relevance)
    return shown


def filtered_figures(filters: FigureFilters):
    """The figures the filters keep, with their article and source, in the
    table's order: by article date, undated last."""
    return (
        filters.apply(shown_figures(filters.scope))
        .select_related("article__source")
        .order_by(F("article__published_on").asc(nulls_last=True), "article_id", "position", "pk")
    )


def figures_page(filters: FigureFilters) -> FiguresPage:
    figures = list(filtered_figures(filters))
    page = Paginator(figures, PER_PAGE).get_page(filters.page)
    forces = [value for value, _, _ in filters.options.force[:PALETTE_SIZE]]
    return FiguresPage(
        figures=figures,
        page=page,
        filters=filters.on_page(page.number),
        messages=list(filters.problems),
        chart=deployment_chart(
            figures, colours={name: i for i, name in enumerate(forces)}, href=_row_links(filters, figures)
        ),
    )


def _row_links(filters, figures):
    """A chart point leads to its figure's row in the table, on its page:
    the row says in words what the point shows, on any screen."""
    pages = {}
    rows = {}
    for index, figure in enumerate(figures):
        number = index // PER_PAGE + 1
        if number not in pages:
            pages[number] = filters.on_page(number).href()
        rows[figure.pk] = f"{pages[number]}#chiffre-{figure.pk}"
    return lambda figure: rows[figure.pk]
