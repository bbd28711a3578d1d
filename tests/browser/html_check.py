"""HTML validity with the Nu HTML checker (`vnu.jar` from npm's vnu-jar, run by the
machine's Java).

The JVM takes seconds to start, so every page is written to one folder and checked
in a single run: `validate([(name, html), ...])` returns the errors of each page.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class HtmlError:
    page: str
    line: int | None
    column: int | None
    message: str
    extract: str = ""

    def __str__(self):
        where = f"ligne {self.line}" if self.line else "document"
        if self.column:
            where += f", colonne {self.column}"
        extract = " ".join(self.extract.split())
        return f"{self.page} ({where}) : {self.message}" + (f"\n      {extract}" if extract else "")


class CheckerUnavailable(RuntimeError):
    pass


def checker_problem():
    """Why the checker cannot run here, or None when it can."""
    if not shutil.which("java"):
        return "Java est absent : `make test` l'installe (paquet default-jre-headless)."
    if not VNU_JAR.exists():
        return f"{VNU_JAR} est absent : `make test` lance `npm ci` dans tests/browser."
    return None


def validate(pages):
    """Check [(name, html), ...] in one vnu run; return {name: [HtmlError, ...]} with
    an entry (maybe empty) for every page. Only errors count: warnings and info are
    advice, and the checker's language guess is unreliable on short pages."""
    problem = checker_problem()
    if problem:
        raise CheckerUnavailable(problem)
    pages = list(pages)
    names = [name for name, _ in pages]
    if len(set(names)) != len(names):
        raise ValueError(f"Page names must be unique: {names}")
    with tempfile.TemporaryDirectory(prefix="vigie-vnu-") as folder:
        file_names = {}
        for index, (name, html) in enumerate(pages):
            file_name = f"{index:02d}-{_file_safe(name)}.html"
            (Path(folder) / file_name).write_text(html, encoding="utf-8")
            file_names[file_name] = name
        report = _run_vnu([str(Path(folder) / file_name) for file_name in file_names])
    errors = {name: [] for name in names}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        page = file_names.get(Path(unquote(urlparse(message.get("url", "")).path)).name, "?")
        errors.setdefault(page, []).append(
            HtmlError(
                page=page,
                line=message.get("lastLine") or message.get("firstLine"),
                column=message.get("lastColumn"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return errors


def describe(errors):
    """One readable block listing every error, page by page."""
    found = [error for page_errors in errors.values() for error in page_errors]
    lines = [f"{len(found)} erreur(s) HTML (Nu HTML checker) :"]
    lines += [f"  - {error}" for error in found]
    return "\n".join(lines)


def _run_vnu(paths):
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", "--stdout", "--no-langdetect", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise CheckerUnavailable(
            f"vnu n'a pas rendu de JSON (code {completed.returncode}) : {completed.stderr[-2000:]}"
        ) from error


def _file_safe(name):
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "page"
