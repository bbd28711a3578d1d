"""Saving an admin form without changing anything changes nothing: the browser
sends a textarea's line ends as CRLF and may trim or add surrounding
whitespace, which is not an editor's correction (the browser itself is driven
in tests/browser/test_plain_save.py)."""

from django.contrib.admin.models import LogEntry

from archive.edited_text import same_text, submitted_text
from archive.models import Origin, Quote, Review, Theme
from tests.archive.test_curation import change_form, change_url


def as_browser_sends(text):
    return text.replace("\n", "\r\n")


def quote_rows(*quotes, **changes):
    data = {"quotes-TOTAL_FORMS": str(len(quotes)), "quotes-INITIAL_FORMS": str(len(quotes))}
    for i, quote in enumerate(quotes):
        row = {"id": quote.pk, "speaker": quote.speaker, "text": quote.text, "review": quote.review} | changes
        data |= {f"quotes-{i}-{name}": value for name, value in row.items()}
    return data


def test_line_ends_and_surrounding_whitespace_are_not_a_change():
    assert same_text("Un.\n\nDeux.", "Un.\r\n\r\nDeux.\r\n")
    assert same_text("Titre", "  Titre ")
    assert same_text("", None)
    assert not same_text("Un.\n\nDeux.", "Un.\r\nDeux.")
    assert not same_text("Titre", "Titre corrigé")


def test_a_single_line_input_drops_line_breaks_as_browsers_do():
    assert same_text("Un titre\nsur deux lignes", "Un titresur deux lignes", single_line=True)
    assert not same_text("Un titre\nsur deux lignes", "Un titresur deux lignes")


def test_submitted_text_keeps_the_archives_line_ends():
    assert submitted_text("Un.\r\n\r\nDeux.\rTrois.") == "Un.\n\nDeux.\nTrois."


def test_a_plain_save_with_crlf_line_ends_flags_no_field_and_logs_nothing(editor_client, seeds):
    article = seeds[1]
    body, before = article.body, list(article.edited_fields)
    assert "\n\n" in body
    form = change_form(article, body=as_browser_sends(body) + "\r\n", lead=" " + as_browser_sends(article.lead))
    response = editor_client.post(change_url(article), form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.edited_fields == before
    assert article.body == body
    assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()


def test_a_real_change_sent_with_crlf_is_flagged_logged_and_stored_with_lf(editor_client, seeds):
    article = seeds[1]
    paragraphs = article.paragraphs
    body = as_browser_sends(article.body.replace(paragraphs[-1], "Paragraphe corrigé."))
    response = editor_client.post(change_url(article), change_form(article, body=body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.edited_fields == ["body"]
    assert "\r" not in article.body
    assert article.paragraphs == [*paragraphs[:-1], "Paragraphe corrigé."]
    assert "Texte" in LogEntry.objects.get(object_id=str(article.pk)).get_change_message()


def test_a_quote_row_sent_back_with_crlf_stays_unchecked(editor_client, seeds):
    article = seeds[1]
    quote = Quote.objects.filter(article=article).first()
    Quote.objects.filter(pk=quote.pk).update(text="Première ligne,\nseconde ligne.")
    quote.refresh_from_db()
    rows = quote_rows(quote, text=as_browser_sends(quote.text))
    response = editor_client.post(change_url(article), change_form(article) | rows)
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.review, quote.origin) == (Review.PENDING, Origin.EXTRACTED)
    assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()


def test_a_plain_save_of_a_theme_records_nothing(editor_client, seeds):
    theme = Theme.objects.first()
    data = {"name": theme.name, "keywords": as_browser_sends(theme.keywords), "description": theme.description}
    response = editor_client.post(f"/admin/archive/theme/{theme.pk}/change/", data)
    assert response.status_code == 302
    assert not LogEntry.objects.exists()
