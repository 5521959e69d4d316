"""Folders of distinct real English text for the benchmarks: 50 MB and 200 MB of documentation.

    python benchmarks/realtext.py [--out DIR] [--sizes 50,200] [--min-words 200] [--jobs N]

The folder of copies (benchmarks/search.py) repeats five texts, which hides the vocabulary,
the names and the quotations of a real corpus. These folders hold distinct pages of software
documentation written in English, one plain-text document per page, from Debian packages of
its main archive. Install them first (about 1.3 GB):

    apt-get install linux-doc-6.1 python3.11-doc postgresql-doc-15 perl-doc \\
        python-django-doc python-sqlalchemy-doc python-sympy-doc nodejs-doc git-doc \\
        libreoffice-help-en-us gimp-help-en lilypond-doc-html qtbase5-doc-html \\
        openjdk-17-doc erlang-doc libboost1.74-doc rust-doc

Sources and their licences (see /usr/share/doc/PACKAGE/copyright):

| package                | text                                  | licence                     |
| ---------------------- | ------------------------------------- | --------------------------- |
| linux-doc-6.1          | the Linux kernel's documentation      | GPL-2                       |
| python3.11-doc         | the Python 3.11 documentation         | PSF License Agreement       |
| postgresql-doc-15      | the PostgreSQL 15 manual              | PostgreSQL Licence          |
| perl-doc               | Perl's manual pages (POD, pod2text)   | GPL-1+ or Artistic          |
| python-django-doc      | the Django 3.2 documentation          | BSD-3-Clause                |
| python-sqlalchemy-doc  | the SQLAlchemy 1.4 documentation      | Expat (MIT)                 |
| python-sympy-doc       | the SymPy documentation               | BSD-3-Clause                |
| nodejs-doc             | the Node.js 18 API documentation      | Expat (MIT)                 |
| git-doc                | Git's manual pages and guides         | GPL-2                       |
| libreoffice-help-en-us | LibreOffice 7.4's help                | MPL-2.0                     |
| gimp-help-en           | the GIMP 2.10 user manual             | GFDL-1.2+, no invariants    |
| lilypond-doc-html      | the LilyPond manuals                  | GFDL-1.3+                   |
| qtbase5-doc-html       | the Qt 5.15 base documentation        | GFDL-1.3, no invariants     |
| openjdk-17-doc         | the Java 17 API documentation         | GPL-2 with Classpath except.|
| erlang-doc             | the Erlang/OTP 25 documentation       | Apache-2.0                  |
| libboost1.74-doc       | the Boost 1.74 documentation          | BSL-1.0                     |
| rust-doc               | Rust 1.63's books and API docs        | MIT or Apache-2.0           |

The two packages the issue names first (linux-doc-6.1, python3.11-doc) hold about 40 MB of
text, so the others were added until the distinct pages exceed 200 MB with a margin. A
package that is not installed is skipped with a note on stderr; the script fails if what is
left cannot fill the largest folder. The BUILT file of a folder names the package versions
it was made from.

An HTML page becomes plain text through the standard library's html.parser: only the main
content when the page marks it (role="main" or <main>), without script, style, nav, header,
footer, navigation and search regions, sidebars or permalink marks (¶). Paragraphs, list
items, table rows and code blocks become blocks separated by a blank line (a code block
keeps its lines), headings lines of their own, runs of spaces one space; no control
character but the newline is kept. A POD page goes through `pod2text` (the perl package).
Left out: index, search and listing pages (genindex, all classes, class uses, trees, member
lists), source listings (src/, _modules/ and other folders starting with _), pages with
fewer than --min-words words (200), a page whose text equals one kept before, and a page
more than half of whose text is long paragraphs (80 characters or more, digits aside) already
kept, such as the same API page re-exported under another module or made from a template
for each integer type; the one-page copies of split manuals (LilyPond's big-page). One
document per page, named as a plain slug of its source and path
(`linux_admin-guide_mm_index.txt`).

Pages are taken in the order of a hash of their names, so that every folder mixes the
sources, and written until the folder holds the size asked for (MB = 10**6 bytes of UTF-8):
the smaller folder is the beginning of the larger one, and a given set of installed
packages gives the same folders every time. A folder with a BUILT file (written last) is
complete and left as it is, so a second run costs nothing; an incomplete one is rebuilt.
Folders go to --out (default: $XDG_CACHE_HOME or ~/.cache, under nhsalliance-bench/) as
real-50/ and real-200/.
"""

from __future__ import annotations

import argparse
import hashlib
import html.parser
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_CONTENT = frozenset({"script", "style", "nav", "head", "header", "footer", "noscript"})
SKIP_ROLES = frozenset({"navigation", "search", "contentinfo", "banner"})
SKIP_CLASSES = frozenset(
    {"headerlink", "sphinxsidebar", "related", "footer", "navheader", "navfooter", "nav_table"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = HEADINGS | frozenset(
    {
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "tr",
        "pre",
        "blockquote",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "dl",
        "caption",
        "figcaption",
        "br",
        "hr",
    }
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
NOT_PAGES = re.compile(
    r"(^|/)(_[^/]*|src|implementors|index-files|class-use)/"
    r"|(^|/)(genindex[^/]*|py-modindex|modindex|search|bookindex|all|allclasses[^/]*"
    r"|allpackages-index|overview-tree|package-tree|deprecated-list|constant-values"
    r"|serialized-form|[^/]*-members|[^/]*big-page)\.html$"
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SPACES = re.compile(r"[ \t\xa0\u2000-\u200b\u3000]+")
WORD = re.compile(r"\w+")
DIGITS = re.compile(r"[0-9]+")
LONG_BLOCK = 80  # characters: shorter paragraphs ("Returns:", "Examples") repeat in any text
MB = 1_000_000


@dataclass(frozen=True)
class Source:
    """One package's pages: HTML files under a folder, or POD files for pod2text."""

    name: str
    package: str
    root: str
    kind: str = "html"  # or "pod"


SOURCES = (
    Source("linux", "linux-doc-6.1", "/usr/share/doc/linux-doc-6.1/html"),
    Source("python", "python3.11-doc", "/usr/share/doc/python3.11/html"),
    Source("postgresql", "postgresql-doc-15", "/usr/share/doc/postgresql-doc-15/html"),
    Source("perl", "perl-doc", "/usr/share/perl", "pod"),
    Source("django", "python-django-doc", "/usr/share/doc/python-django-doc/html"),
    Source("sqlalchemy", "python-sqlalchemy-doc", "/usr/share/doc/python-sqlalchemy-doc/html"),
    Source("sympy", "python-sympy-doc", "/usr/share/doc/python-sympy-doc/html"),
    Source("nodejs", "nodejs-doc", "/usr/share/doc/nodejs/api"),
    Source("git", "git-doc", "/usr/share/doc/git-doc"),
    Source("libreoffice", "libreoffice-help-en-us", "/usr/share/libreoffice/help/en-US"),
    Source("gimp", "gimp-help-en", "/usr/share/gimp/2.0/help/en"),
    Source("lilypond", "lilypond-doc-html", "/usr/share/doc/lilypond/html"),
    Source("qt", "qtbase5-doc-html", "/usr/share/qt5/doc"),
    Source("java", "openjdk-17-doc", "/usr/share/doc/openjdk-17-jre-headless/api"),
    Source("erlang", "erlang-doc", "/usr/share/doc/erlang-doc"),
    Source("boost", "libboost1.74-doc", "/usr/share/doc/libboost1.74-doc"),
    Source("rust", "rust-doc", "/usr/share/doc/rust-doc/html"),
)


class _Text(html.parser.HTMLParser):
    """Blocks of text of one HTML page: all of them, and those inside its main region."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.main_blocks: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # tag, skipped, main
        self._open: dict[str, int] = {}
        self._skipping = 0
        self._main = 0
        self._line: list[str] = []

    def _flush(self) -> None:
        raw = CONTROL.sub(" ", "".join(self._line).replace("\t", "    "))
        self._line = []
        if self._open.get("pre"):  # a code block keeps its lines
            lines = [SPACES.sub(" ", line).rstrip() for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
        else:
            text = SPACES.sub(" ", raw.replace("\n", " ")).strip()
        if text:
            self.blocks.append(text)
            if self._main:
                self.main_blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()
        if tag in VOID:
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        role = found.get("role")
        skipped = tag in SKIP_CONTENT or role in SKIP_ROLES or bool(classes & SKIP_CLASSES)
        main = tag == "main" or role == "main"
        self._stack.append((tag, skipped, main))
        self._open[tag] = self._open.get(tag, 0) + 1
        self._skipping += skipped
        self._main += main

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self._open.get(tag):
            return  # a stray end tag
        if tag in BLOCKS:
            self._flush()
        # Elements left open inside this one (<p> without </p>) close with it.
        while self._stack:
            open_tag, skipped, main = self._stack.pop()
            self._open[open_tag] -= 1
            self._skipping -= skipped
            self._main -= main
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._line.append(data)

    def text(self) -> str:
        self.close()
        self._flush()
        return "\n\n".join(self.main_blocks or self.blocks) + "\n"


def html_text(page: str) -> str:
    """The prose of an HTML page as plain text: blocks separated by blank lines."""
    parser = _Text()
    parser.feed(page)
    return parser.text()


def pod_text(path: Path) -> str:
    """A POD file as plain text, by pod2text."""
    out = subprocess.run(
        ["pod2text", "--utf8", str(path)], capture_output=True, check=True, timeout=300
    ).stdout.decode("utf-8", "replace")
    lines = (CONTROL.sub(" ", line.replace("\t", "    ")).rstrip() for line in out.split("\n"))
    return "\n".join(lines).strip("\n") + "\n"


def slug(source: str, relative: str) -> str:
    """`linux` and `admin-guide/mm/index.html` -> `linux_admin-guide_mm_index`."""
    stem = relative.rsplit(".", 1)[0]
    parts = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in stem.split("/")]
    return "_".join([source, *(p for p in parts if p)])


def pages(source: Source) -> Iterator[tuple[str, Path]]:
    """(name, path) of every page of a source, sorted by path."""
    root = Path(source.root)
    if source.kind == "pod":
        folders = sorted(root.glob("5.*/pod"))  # the newest Perl's, if two are installed
        for path in sorted(folders[-1].glob("*.pod")) if folders else []:
            yield slug(source.name, path.name), path
        return
    for path in sorted(root.rglob("*.htm*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix in (".html", ".htm") and not NOT_PAGES.search(relative):
            yield slug(source.name, relative), path


def page_text(item: tuple[str, str, str]) -> str:
    """The text of one page; (kind, path, name) so that a worker process can take it."""
    kind, path, _ = item
    if kind == "pod":
        return pod_text(Path(path))
    return html_text(Path(path).read_text(encoding="utf-8", errors="replace"))


def installed() -> list[Source]:
    found = [source for source in SOURCES if Path(source.root).is_dir()]
    for source in SOURCES:
        if source not in found:
            print(f"realtext: {source.package} is not installed: skipped", file=sys.stderr)
    if not found:
        sys.exit("realtext: no source is installed: see the command in this script's docstring")
    return found


def versions(sources: list[Source]) -> str:
    argv = ["dpkg-query", "-W", "-f=${Package} ${Version}\n", *(s.package for s in sources)]
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""


def block_digests(text: str) -> list[tuple[int, int]]:
    """(digest, length) of each long block of a text, digits aside: templated pages (`i16`,
    `i128`) differ only in their numbers."""
    return [
        (
            int.from_bytes(
                hashlib.blake2b(DIGITS.sub("0", block).encode(), digest_size=8).digest()
            ),
            len(block),
        )
        for block in text.split("\n\n")
        if len(block) >= LONG_BLOCK
    ]


def documents(sources: list[Source], min_words: int, jobs: int) -> Iterator[tuple[str, bytes]]:
    """(file name, UTF-8 text) of every distinct page long enough, in the folders' order."""
    listed = sorted(
        (hashlib.sha256(name.encode()).hexdigest(), name, source.kind, str(path))
        for source in sources
        for name, path in pages(source)
    )
    items = [(kind, path, name) for _, name, kind, path in listed]
    seen_texts: set[bytes] = set()
    seen_blocks: set[int] = set()
    names: set[str] = set()
    with multiprocessing.Pool(jobs) as pool:
        for (_, _, name), text in zip(items, pool.imap(page_text, items, chunksize=8), strict=True):
            if name in names or len(WORD.findall(text)) < min_words:
                continue
            data = text.encode("utf-8")
            digest = hashlib.sha256(data).digest()
            blocks = block_digests(text)
            repeated = sum(length for key, length in blocks if key in seen_blocks)
            if digest in seen_texts or repeated * 2 > len(text):
                continue
            seen_texts.add(digest)
            seen_blocks.update(key for key, _ in blocks)
            names.add(name)
            yield f"{name}.txt", data


def build(folders: dict[int, Path], min_words: int, jobs: int) -> None:
    """Writes each folder up to its size in MB, all from one pass over the pages."""
    todo = {size: folder for size, folder in folders.items() if not (folder / "BUILT").exists()}
    for size, folder in sorted(folders.items()):
        if size not in todo:
            built = (folder / "BUILT").read_text().splitlines()[0]
            print(f"{folder}: already built ({built})")
    if not todo:
        return
    sources = installed()
    for folder in todo.values():
        if folder.exists():
            shutil.rmtree(folder)  # an interrupted build
        folder.mkdir(parents=True)
    filled = dict.fromkeys(todo, 0)
    counts = dict.fromkeys(todo, 0)
    for name, data in documents(sources, min_words, jobs):
        open_sizes = [size for size in todo if filled[size] < size * MB]
        if not open_sizes:
            break
        for size in open_sizes:
            (todo[size] / name).write_bytes(data)
            filled[size] += len(data)
            counts[size] += 1
    for size, folder in sorted(todo.items()):
        if filled[size] < size * MB:
            shutil.rmtree(folder)
            sys.exit(
                f"realtext: the installed packages give {filled[size] / MB:.3f} MB of distinct "
                f"text, less than {size} MB: install those this script's docstring names"
            )
        summary = f"{counts[size]} files, {filled[size]} bytes"
        (folder / "BUILT").write_text(f"{summary}\nfrom:\n{versions(sources)}")
        print(f"{folder}: {summary}")


def default_out() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "nhsalliance-bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="where the real-SIZE folders go")
    parser.add_argument("--sizes", default="50,200", help="folder sizes in MB, comma-separated")
    parser.add_argument("--min-words", type=int, default=200, help="shorter pages are left out")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args()
    out: Path = args.out or default_out()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    build({size: out / f"real-{size}" for size in sizes}, args.min_words, max(1, args.jobs))


if __name__ == "__main__":
    main()
