"""Who may do what: reading is public, editing the archive needs a staff account
in the "éditeur" group, and only superusers manage accounts. Each boundary is
tried through the real admin and API."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from archive.models import Article, Entity
from tests.archive.test_admin import change_form

PASSWORD = "motdepasse-solide-42"
ACCOUNT_PAGES = ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/"]


@pytest.fixture
def editor(db):
    user = User.objects.create_user("redacteur", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="éditeur"))  # created by a migration, as in production
    return user


@pytest.fixture
def editor_only_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("admin", "", PASSWORD))
    return client


def redirects_to_login(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


# Anonymous readers


def test_the_public_pages_and_apis_answer_anonymous_readers(client, seeds):
    article = seeds[1]
    for url in (
        "/",
        "/recherche/?q=caravane",
        "/api/search/?q=caravane",
        f"/articles/{article.slug}/",
        f"/api/articles/{article.slug}/",
        "/entites/",
        "/chiffres/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_admin_sends_anonymous_visitors_to_the_login_page(client, seeds):
    article = seeds[1]
    for url in ("/admin/", "/admin/archive/article/", f"/admin/archive/article/{article.pk}/change/", *ACCOUNT_PAGES):
        assert redirects_to_login(client.get(url)), url


def test_an_anonymous_post_to_the_admin_changes_nothing(client, seeds):
    article = seeds[1]
    response = client.post(f"/admin/archive/article/{article.pk}/change/", change_form(article, title="Piraté"))
    assert redirects_to_login(response)
    article.refresh_from_db()
    assert article.title != "Piraté"
    assert redirects_to_login(client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"}))
    assert client.post("/admin/auth/user/add/", new_user_form("intrus")).status_code == 302
    assert not User.objects.filter(username="intrus").exists()


# Editors


def test_an_editor_corrects_an_article_in_the_admin(editor_only_client, seeds):
    article = seeds[3]
    url = f"/admin/archive/article/{article.pk}/change/"
    assert editor_only_client.get(url).status_code == 200
    response = editor_only_client.post(url, change_form(article, title="Titre corrigé par la rédaction"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Titre corrigé par la rédaction"


def test_an_editor_opens_entities_themes_sources_and_reextractions(editor_only_client, seeds):
    for url in (
        "/admin/",
        "/admin/archive/entity/",
        "/admin/archive/entity/add/",
        "/admin/archive/theme/",
        "/admin/archive/theme/add/",
        "/admin/archive/source/",
        "/admin/archive/extractionjob/",
    ):
        assert editor_only_client.get(url).status_code == 200, url


def test_an_editor_does_not_see_or_manage_accounts(editor_only_client, editor):
    assert "/admin/auth/" not in editor_only_client.get("/admin/").content.decode()
    for url in (*ACCOUNT_PAGES, f"/admin/auth/user/{editor.pk}/change/"):
        assert editor_only_client.get(url).status_code == 403, url


def test_an_editor_cannot_create_an_account_or_raise_their_own_rights(editor_only_client, editor):
    assert editor_only_client.post("/admin/auth/user/add/", new_user_form("complice")).status_code == 403
    assert not User.objects.filter(username="complice").exists()

    own = {"username": editor.username, "is_active": "on", "is_staff": "on", "is_superuser": "on"}
    assert editor_only_client.post(f"/admin/auth/user/{editor.pk}/change/", own).status_code == 403
    group = Group.objects.get(name="éditeur")
    rights = {"name": group.name, "permissions": [p.pk for p in group.permissions.model.objects.all()]}
    assert editor_only_client.post(f"/admin/auth/group/{group.pk}/change/", rights).status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert not editor.has_perm("auth.add_user")
    assert not editor.has_perm("auth.change_group")


def test_the_editor_group_holds_no_account_permission(db):
    group = Group.objects.get(name="éditeur")
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {"archive"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_article", "change_entity", "change_theme", "view_extractionjob"} <= codenames
    assert "change_extractionjob" not in codenames


def test_the_editor_group_without_staff_status_opens_nothing(client, editor, seeds):
    editor.is_staff = False
    editor.save()
    client.force_login(editor)
    assert redirects_to_login(client.get("/admin/archive/article/"))


def test_a_staff_account_outside_the_group_cannot_edit_articles(client, seeds):
    client.force_login(User.objects.create_user("stagiaire", password=PASSWORD, is_staff=True))
    article = seeds[1]
    assert client.get("/admin/archive/article/").status_code == 403
    response = client.post(f"/admin/archive/article/{article.pk}/change/", change_form(article, title="Non"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Non"


# Superusers


def new_user_form(username):
    return {"username": username, "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}


def test_a_superuser_manages_accounts(superuser_client):
    assert superuser_client.get("/admin/auth/user/").status_code == 200
    assert superuser_client.get("/admin/auth/group/").status_code == 200
    response = superuser_client.post("/admin/auth/user/add/", new_user_form("nouvelle"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="nouvelle").check_password(PASSWORD)


# The API is read-only for everyone


@pytest.mark.parametrize("who", ["anonymous", "editor", "superuser"])
def test_the_api_accepts_no_write_method(who, client, seeds, request):
    if who != "anonymous":
        client = request.getfixturevalue(f"{'editor_only' if who == 'editor' else who}_client")
    article = seeds[1]
    for url in ("/api/search/", f"/api/articles/{article.slug}/"):
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(url).status_code == 405, (method.__name__, url)
    assert Article.objects.filter(pk=article.pk).exists()


# CSRF: every change goes through a form carrying its token


@pytest.mark.parametrize("action", ["change", "delete", "merge", "logout", "password"])
def test_every_admin_change_without_its_csrf_token_is_refused(seeds, action):
    user = User.objects.create_superuser("admin", "", PASSWORD)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    article = Article.objects.order_by("pk").first()
    entities = list(Entity.objects.order_by("pk")[:2])
    url, data = {
        "change": (f"/admin/archive/article/{article.pk}/change/", change_form(article, title="Titre forcé")),
        "delete": (f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"}),
        "merge": (
            "/admin/archive/entity/",
            {"action": "merge", "_selected_action": [e.pk for e in entities], "target": entities[0].pk},
        ),
        "logout": ("/admin/logout/", {}),
        "password": (
            f"/admin/auth/user/{user.pk}/password/",
            {"password1": "nouveau-mot-de-passe-9", "password2": "nouveau-mot-de-passe-9"},
        ),
    }[action]

    response = client.post(url, data)

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == article.title
    assert Entity.objects.filter(pk__in=[e.pk for e in entities]).count() == 2
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # Still logged in: not even the logout went through.
    assert client.get("/admin/").status_code == 200
