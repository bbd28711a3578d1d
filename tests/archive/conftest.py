import pytest

from tests.archive.test_curation import change_form, change_url


@pytest.fixture
def edit(editor_client, django_capture_on_commit_callbacks):
    """Save `article` through its admin change form with `changes`, indexing on
    commit; the article is read again and the response returned."""

    def post(article, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(change_url(article), change_form(article, **changes))
        assert response.status_code == 302, response.content.decode()[:3000]
        article.refresh_from_db()
        return response

    return post
