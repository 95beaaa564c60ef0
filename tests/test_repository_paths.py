"""Every repository path named in prose exists: in comments and docstrings of the tracked Python files,
in the comments of templates, stylesheets, scripts, TOML files (pyproject.toml,
fixtures/translations.toml), the Makefile and the CI scripts, and anywhere in the Markdown (README.md,
bench/README.md, exchange_portal/data/README.md, the glossary). A file that moves leaves no comment
pointing at where it was.

What counts as a repository path: a word that starts with one of the repository's top-level folders
(``TOP_FOLDERS``) followed by a slash and ends in a file name with an extension or in a slash
(``exchange_portal/permissions.py``, ``programs/selectors/``, ``tests/programs/``), or one of its top-level
files by name (``pyproject.toml``). "cities/countries reached" is English, not a path. A word right after a
slash, a dot, a colon or a letter is not one: ``/programs/`` and ``/api/v1/`` are URLs, ``.venv/`` and
``/usr/lib/…`` are outside the repository. Folders the running site or the tools write (``RUNTIME``)
are not tracked, so a path in them is checked for nothing but its first folder being one of those.

The tree is what ``git ls-files`` lists (CI runs from a fresh clone: an untracked file must not make a
path exist).
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The repository's top-level folders and files a path in prose can start with.
TOP_FOLDERS = (
    ".ci",
    "bench",
    "cities",
    "exchange_portal",
    "fixtures",
    "participants",
    "programs",
    "static",
    "templates",
    "tests",
)
TOP_FILES = ("Makefile", "README.md", "gunicorn.conf.py", "manage.py", "pyproject.toml")

# Written at run time, never tracked (.gitignore): a path in them names what a command will write.
RUNTIME = {
    "var": "the SQLite database, uploads and the request log of a running site",
    "backups": "what `manage.py backup` writes",
    "staticfiles": "what `collectstatic` gathers for production",
    "test-artifacts": "screenshots and traces the browser tests leave",
}

# A path: a top-level name, a slash, then path characters. Not after a slash, dot, colon, word
# character or hyphen, so that URLs (/programs/), dotted names and other roots (.venv/, /usr/lib/) are
# left out.
_START = "|".join(re.escape(name) for name in (*TOP_FOLDERS, *RUNTIME))
PATH = re.compile(rf"(?<![\w./:~-])(?:{_START})/[\w./…*{{}}<>-]*")
FILE = re.compile(rf"(?<![\w./:~-])(?:{'|'.join(re.escape(name) for name in TOP_FILES)})(?![\w/-])")
# What a path in prose may stand for rather than name (an elision, a wildcard, a ``<placeholder>``):
# the folder it stands in is checked, ``bench/results/lb-<run>.md`` as ``bench/results/``.
PLACEHOLDER = re.compile(r"(\.\.\.|…|\*|\{|<)")

# The kinds of tracked file prose() reads (a Makefile and the .ci scripts have no suffix).
READ_SUFFIXES = {".py", ".html", ".txt", ".xml", ".md", ".css", ".js", ".sh", ".toml", ""}

# Template comments: {# … #} and {% comment %} … {% endcomment %} and <!-- … -->.
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|<!--.*?-->", re.S)


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True)
    return [name for name in out.stdout.split("\0") if name]


def python_prose(source: str) -> list[tuple[int, str]]:
    """The comments and docstrings of a Python file, with their line numbers."""
    found = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    found.append((body[0].lineno, body[0].value.value))
    return found


def hash_comments(source: str) -> list[tuple[int, str]]:
    """The ``#`` comments of a Makefile or shell script (a whole line, or after the command)."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        if match := re.search(r"(?:^|\s)#.*", line):
            found.append((number, match.group()))
    return found


def template_comments(source: str) -> list[tuple[int, str]]:
    return [(source.count("\n", 0, match.start()) + 1, match.group()) for match in TEMPLATE_COMMENT.finditer(source)]


def block_comments(source: str) -> list[tuple[int, str]]:
    """The ``/* … */`` and ``// …`` comments of a stylesheet or script."""
    comments = re.compile(r"/\*.*?\*/|(?<![:\w])//[^\n]*", re.S)
    return [(source.count("\n", 0, match.start()) + 1, match.group()) for match in comments.finditer(source)]


# Markdown that is not ours to keep current: the public documents copied verbatim, and the bench's
# reports, each a record of one run as it was (the paths it names are the ones of that day).
FROZEN = ("fixtures/sources/", "bench/results/")


def prose(name: str, source: str) -> list[tuple[int, str]]:
    """The parts of a tracked file that are prose about the repository, with their line numbers."""
    if name.endswith(".py"):
        return python_prose(source)
    if name.startswith("templates/") and name.endswith((".html", ".txt", ".xml")):
        return template_comments(source)
    if name.endswith((".css", ".js")):
        return block_comments(source)
    if name == "Makefile" or name.startswith(".ci/") or name.endswith((".sh", ".toml")):
        return hash_comments(source)
    if name.endswith(".md") and not name.startswith(FROZEN):
        return list(enumerate(source.splitlines(), 1))
    return []


def named_paths(text: str) -> list[str]:
    paths = []
    for match in PATH.finditer(text):
        path = match.group()
        if placeholder := PLACEHOLDER.search(path):
            path = path[: path.rfind("/", 0, placeholder.start()) + 1]
        path = path.rstrip(".,;:")
        if path.endswith("/") or "." in path.rsplit("/", 1)[-1]:
            paths.append(path)
    paths.extend(match.group() for match in FILE.finditer(text))
    return paths


# A backticked file or folder name without its folders: `exports.py`, `admin/`, `services/privacy.py`.
BARE_NAME = re.compile(r"`([\w-]+(?:/[\w.-]+)*(?:\.(?:py|html|json|md|toml|txt|js|css|sh)|/))`")


def table_row_names(line: str) -> list[str]:
    """The bare names in a row of a README table (``| `programs/filters.py`, `exports.py` | …``), each
    as the list of paths it may stand for: the name in each of the folders the row names. A name exists
    when one of its readings does.
    """
    if not line.startswith("|"):
        return []
    named = named_paths(line)
    folders = {path if path.endswith("/") else path.rpartition("/")[0] + "/" for path in named}
    folders = {"" if folder == "/" else folder for folder in folders}
    readings = []
    for match in BARE_NAME.finditer(line):
        name = match.group(1)
        if named_paths(f"`{name}`") or not folders:  # a full path, or a row that names no folder
            continue
        readings.append(sorted(folder + name for folder in folders))
    return readings


def exists(path: str, files: set[str], folders: set[str]) -> bool:
    if path.split("/", 1)[0] in RUNTIME:
        return True
    path = path.rstrip("/")
    return path in files or path in folders


def scan():
    files = tracked_files()
    tracked = set(files)
    folders = {str(parent) for name in files for parent in Path(name).parents if str(parent) != "."}
    named, missing = [], []
    for name in files:
        if "/migrations/" in name:  # generated; their comments name nothing
            continue
        path = ROOT / name
        if not path.is_file() or path.suffix not in READ_SUFFIXES:
            continue
        for line, text in prose(name, path.read_text(encoding="utf-8", errors="replace")):
            for found in named_paths(text):
                named.append(found)
                if not exists(found, tracked, folders):
                    missing.append(f"{name}:{line}: {found}")
            for readings in table_row_names(text) if name == "README.md" else []:
                named.extend(readings)
                if not any(exists(reading, tracked, folders) for reading in readings):
                    missing.append(f"{name}:{line}: {' or '.join(readings)}")
    return named, missing


def test_every_repository_path_named_in_prose_exists():
    named, missing = scan()
    assert not missing, "paths named in comments, docstrings or READMEs that are not in the tree:\n" + "\n".join(
        missing
    )


def test_the_scan_finds_paths():
    # So the test above cannot pass by finding nothing: the README alone names well over a hundred.
    named, _missing = scan()
    assert len(named) > 300
    assert {"programs/sources/importer.py", "exchange_portal/admin/", "fixtures/registry.json"} <= set(named)


def test_what_counts_as_a_repository_path():
    assert named_paths("see `programs/selectors/` and tests/programs/test_source_table.py.") == [
        "programs/selectors/",
        "tests/programs/test_source_table.py",
    ]
    # URLs, other roots and dotted module names are not repository paths.
    assert named_paths("GET /programs/ or /api/v1/programs/, https://x.org/tests/a, .venv/bin, programs.models") == []
    assert named_paths("/usr/lib/python3/programs/x.py") == []
    # Words joined by a slash are English unless they end like a file or a folder.
    assert named_paths("the cities/countries reached, programs/0005 and 0006") == []
    # An elision checks the part before it; a top-level file counts by name.
    assert named_paths("(`programs/sources/…`), tests/..., bench/results/lb-<run>.md and pyproject.toml") == [
        "programs/sources/",
        "tests/",
        "bench/results/",
        "pyproject.toml",
    ]


def test_bare_names_in_a_table_row_stand_in_the_rows_folders():
    row = "| `programs/filters.py`, `exports.py`, `admin/` | the list's query parameters, `make run`, `q` |"
    assert table_row_names(row) == [["programs/exports.py"], ["programs/admin/"]]
    row = "| `gunicorn.conf.py`, `bench/` | load tests (`lb.py`) |"
    assert table_row_names(row) == [["bench/lb.py", "lb.py"]]
    assert table_row_names("| `exchange_portal/models.py` | the base (`InstituteScopedQuerySet.for_user`) |") == []
    assert table_row_names("Not a row: `exports.py`") == []


def test_runtime_folders_and_missing_paths():
    files, folders = {"programs/models/programs.py"}, {"programs", "programs/models"}
    assert exists("programs/models/", files, folders)
    assert exists("programs/models/programs.py", files, folders)
    assert not exists("programs/permissions.py", files, folders)
    assert not exists("cities/maps.py", files, folders)
    assert exists("var/portal.sqlite3", files, folders)
