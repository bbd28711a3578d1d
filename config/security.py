"""A Content-Security-Policy for every HTML page: Django 5.2 has none built in.

Pages load their scripts and styles from /static/ only, so an article text that
slipped markup past escaping could still not run a script. A view that sets its
own policy (the sandboxed raw text of an article) keeps it.
"""

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The Django admin's change list writes a <style> block: its styles may be inline,
# its scripts stay as strict as everywhere else (every admin <script> has a src).
ADMIN_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def content_security_policy_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if is_html and "Content-Security-Policy" not in response:
            admin = request.path_info.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else PAGE_POLICY
        return response

    return middleware
