"""Pages to browse the archive without a query: the home page, entity pages
and the deployment figures over time."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from archive.entity_page import entity_index, entity_page
from archive.figures_page import figures_page
from archive.models import Entity
from archive.overview import archive_overview


@require_GET
def home(request):
    return render(request, "archive/home.html", {"overview": archive_overview()})


@require_GET
def entity_detail(request, slug):
    entity = get_object_or_404(Entity, slug=slug)
    page = entity_page(entity, request.GET.get("page"))
    return render(request, "archive/entity_detail.html", {"page": page, "entity": entity, "search": page.search})


@require_GET
def entities(request):
    return render(request, "archive/entity_index.html", {"lists": entity_index()})


@require_GET
def figures(request):
    page = figures_page(request.GET.get("force"), request.GET.get("page"))
    return render(request, "archive/figures.html", {"figures": page})
