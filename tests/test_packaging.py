"""Build the sdist and wheel, install them in fresh virtualenvs, run from elsewhere.

The fresh environments get the project alone; its dependencies (typer, rich,
rapidfuzz) are borrowed from the test environment through a .pth file, so the test
needs no network and still proves the corpus travels inside the package.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT

TEXTS = sorted(p.name for p in CORPUS.glob("*.txt"))
DATA = (
    "glossary.toml",
    "stopwords.txt",
    "wordnet-words.txt",
    "wordnet-senses.txt",
    "wordnet-links.txt",
    "wordnet-proper.txt",
    "WORDNET-LICENSE",
)


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from that sdist: both must carry the corpus.
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT)
    return out


def fresh_env(folder: Path) -> Path:
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site.stdout.strip(), "borrowed-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    return python


def pip_install(python: Path, *args: str | Path) -> None:
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", *args)


def test_sdist_contains_corpus_and_sources(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {f"corpus/{t}" for t in TEXTS} <= names
    assert "corpus/manifest.toml" in names
    assert "nhsalliance_cli/cli/__init__.py" in names and "README.md" in names
    assert {f"nhsalliance_cli/data/{f}" for f in DATA} <= names


def test_wheel_contains_corpus_as_package_data(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for text in TEXTS:
            member = f"nhsalliance_cli/corpus_data/{text}"
            assert member in names
            assert zf.read(member) == (CORPUS / text).read_bytes()
    assert "nhsalliance_cli/corpus_data/manifest.toml" in names
    assert {f"nhsalliance_cli/data/{f}" for f in DATA} <= names
    assert "nhsalliance_cli/py.typed" in names  # the library's type hints are for its users
    assert not any(n.startswith("corpus/") or n.startswith("tests/") for n in names)


def test_installed_wheel_runs_from_an_unrelated_folder(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    python = fresh_env(tmp_path / "venv")
    pip_install(python, wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = tmp_path / "venv" / "bin" / "nhsalliance"
    listed = json.loads(run(script, "list", "--json", cwd=elsewhere).stdout)
    assert len(listed) == 5
    names = json.loads(run(script, "names", "pbc", "--json", cwd=elsewhere).stdout)
    assert names[0]["name"] == "practice-based commissioning"
    words = run(script, "stats", "words", "--no-stopwords", "--top", "1", cwd=elsewhere).stdout
    assert "nhs" in words
    shown = json.loads(run(script, "show", "dixon-retire", "--json", cwd=elsewhere).stdout)
    assert shown["text"] == (CORPUS / shown["file"]).read_text(encoding="utf-8")
    where = run(
        python,
        "-c",
        "import nhsalliance_cli.corpus.folder as c; print(c.bundled_root())",
        cwd=elsewhere,
    ).stdout
    assert str(tmp_path / "venv") in where and "corpus_data" in where
    assert run(python, "-m", "nhsalliance_cli", "--version", cwd=elsewhere).stdout.startswith(
        "nhsalliance "
    )


def test_editable_install_reads_the_checkout(tmp_path: Path) -> None:
    python = fresh_env(tmp_path / "venv")
    pip_install(python, "--no-build-isolation", "-e", ROOT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listed = json.loads(
        run(tmp_path / "venv" / "bin" / "nhsalliance", "list", "--json", cwd=elsewhere).stdout
    )
    assert len(listed) == 5
    where = run(
        python,
        "-c",
        "import nhsalliance_cli.corpus.folder as c; print(c.bundled_root())",
        cwd=elsewhere,
    ).stdout.strip()
    assert Path(where) == CORPUS
