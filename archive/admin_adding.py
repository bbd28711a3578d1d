"""« Ajouter un article » in the admin: an address to capture or a text to
paste, queued for the worker (archive/adding.py); the editor lands on the
request's page, which follows it until the article (or the refusal) is there.
Imported by archive/admin.py."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from archive.adding import queue_addition
from archive.admin_base import ArchiveAdmin
from archive.models import AdditionJob

MAX_TEXT = 500_000  # characters: a long feature is a tenth of that


class AdditionForm(forms.ModelForm):
    url = forms.URLField(
        label="Adresse",
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text="L'adresse de l'article : la page est capturée (copie archivée) et son texte extrait.",
    )

    class Meta:
        model = AdditionJob
        fields = ["url", "text", "title", "published_on", "source"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16, "cols": 90})}
        help_texts = {
            "text": "Ou le texte de l'article, collé ici, si la page n'est pas accessible.",
            "title": "Pour un texte collé : sinon tiré de sa première phrase.",
            "published_on": "Pour un texte collé : sinon cherchée dans le texte.",
            "source": "Pour un texte collé : le journal ou le site.",
        }

    def clean(self):
        data = super().clean()
        url, text = data.get("url"), (data.get("text") or "").strip()
        if self.errors:
            return data
        if url and text:
            raise forms.ValidationError("Donnez une adresse ou un texte, pas les deux.")
        if not url and not text:
            raise forms.ValidationError("Donnez l'adresse de l'article, ou collez son texte.")
        if url and (data.get("title") or data.get("published_on") or data.get("source")):
            raise forms.ValidationError(
                "Le titre, la date et la source sont lus sur la page capturée : laissez-les vides pour une adresse."
            )
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(f"Texte trop long (plus de {MAX_TEXT:,} caractères).".replace(",", " "))
        data["text"] = text
        return data


@admin.register(AdditionJob)
class AdditionJobAdmin(ArchiveAdmin):
    form = AdditionForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "status", "result", "requested_by", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "result", "address", "title", "published_on", "source", "text", "requested_by",
                       "created_at", "started_at", "finished_at"]  # fmt: skip
    change_form_template = "admin/archive/additionjob/change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["url", "text", "title", "published_on", "source"]
        given = ["address"] if obj.url else ["title", "published_on", "source", "text"]
        return ["status", "result", *given, "requested_by", "created_at", "started_at", "finished_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, {**(extra_context or {}), "title": "Ajouter un article"})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        waiting = job is not None and job.status in (AdditionJob.Status.QUEUED, AdditionJob.Status.RUNNING)
        context = {**(extra_context or {}), "refresh": waiting, "title": "Article demandé"}
        return super().change_view(request, object_id, form_url, context)

    def save_model(self, request, obj, form, change):
        given = {name: form.cleaned_data[name] for name in AdditionForm.Meta.fields}
        job = queue_addition(request.user, **{k: v for k, v in given.items() if v not in (None, "")})
        obj.pk = job.pk  # the admin's redirect and log point at the queued job

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, "Article demandé : il est importé en arrière-plan, cette page suit l'import.")
        from django.shortcuts import redirect

        return redirect("admin:archive_additionjob_change", obj.pk)

    @admin.display(description="adresse")
    def address(self, job):
        # Shown through a method: the model's URLField would build a form field for nothing.
        return job.url or "—"

    @admin.display(description="résultat")
    def result(self, job):
        if job.article_id:
            return format_html(
                '{} : <a href="{}">{}</a> (<a href="{}">page publique</a>)',
                job.outcome,
                reverse("admin:archive_article_change", args=[job.article_id]),
                job.article,
                job.article.get_absolute_url(),
            )
        if job.status in (AdditionJob.Status.QUEUED, AdditionJob.Status.RUNNING):
            return "en cours…"
        return job.outcome or "—"
