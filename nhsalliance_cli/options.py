"""Typer plumbing shared by every command: the output and corpus options, errors, exit codes.

``@common_options(...)`` adds ``--json``/``--jsonl``/``--csv`` and ``--corpus`` to a
command (as sqlite-utils' output decorator does) and hands the command an
:class:`Invocation` holding the environment, the chosen format and the corpus.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nhsalliance_cli import streams
from nhsalliance_cli.corpus import Corpus, load_corpus
from nhsalliance_cli.env import Environment
from nhsalliance_cli.errors import ExitCode, NoResult, UsageProblem
from nhsalliance_cli.output import Format, Output

PROG = "nhsalliance"
CORPUS_ENV = "NHSALLIANCE_CORPUS"
# typer re-exports BadParameter but not its base class; every usage error derives from it.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


@dataclass
class AppState:
    """What the top-level callback learnt: the environment and the global --corpus."""

    env: Environment
    corpus_dir: str | None = None


@dataclass
class Invocation:
    env: Environment
    format: Format
    corpus_dir: str | None

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.corpus_dir)

    @cached_property
    def out(self) -> Output:
        return Output(self.env, self.format)


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name.

    Every value echoed in ``message`` comes out escaped (line breaks, escape sequences),
    and a closed or full stderr does not change the exit code.
    """
    streams.say(f"{PROG}: {message}")


def state_of(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if isinstance(root.obj, AppState):
        return root.obj
    env = root.obj if isinstance(root.obj, Environment) else Environment.from_system()
    state = AppState(env=env)
    root.obj = state
    return state


CorpusOption = Annotated[
    str | None,
    typer.Option(
        "--corpus",
        metavar="DIR",
        help="Folder of texts to query instead of the bundled ones (as the global --corpus).",
        show_default=False,
    ),
]

_FORMAT_HELP = {
    Format.JSON: "Print one JSON document.",
    Format.JSONL: "Print one JSON object per line.",
    Format.CSV: "Print CSV with a header row.",
}


def common_options(
    formats: Sequence[Format] = (Format.JSON, Format.JSONL, Format.CSV),
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add the output options in ``formats`` and ``--corpus`` to a command.

    The decorated function takes an :class:`Invocation` as its first parameter;
    user mistakes it raises (:class:`UsageProblem`) exit 2, :class:`NoResult` exits 1.
    """

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(func, eval_str=True)
        own = list(signature.parameters.values())[1:]
        context = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )
        extra: list[inspect.Parameter] = []
        for fmt in formats:
            extra.append(
                inspect.Parameter(
                    f"{fmt.value}_output",
                    inspect.Parameter.KEYWORD_ONLY,
                    default=False,
                    annotation=Annotated[
                        bool,
                        typer.Option(
                            f"--{fmt.value}", help=_FORMAT_HELP[fmt], rich_help_panel="Output"
                        ),
                    ],
                )
            )
        extra.append(
            inspect.Parameter(
                "corpus_dir", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=CorpusOption
            )
        )

        @functools.wraps(func)
        def wrapper(ctx: typer.Context, **kwargs: Any) -> None:
            chosen = [fmt for fmt in formats if kwargs.pop(f"{fmt.value}_output", False)]
            corpus_dir = kwargs.pop("corpus_dir", None)
            state = state_of(ctx)
            try:
                if len(chosen) > 1:
                    names = " and ".join(f"--{f.value}" for f in chosen)
                    raise UsageProblem(f"{names} cannot be used together; choose one")
                _check_numbers(ctx, kwargs)
                invocation = Invocation(
                    env=state.env,
                    format=chosen[0] if chosen else Format.AUTO,
                    corpus_dir=corpus_dir if corpus_dir is not None else state.corpus_dir,
                )
                func(invocation, **kwargs)
            except UsageProblem as e:
                say(str(e))
                raise typer.Exit(ExitCode.USAGE) from None
            except NoResult as e:
                say(str(e))
                for hint in e.hints:
                    say(hint)
                raise typer.Exit(ExitCode.NO_RESULT) from None

        # Typer reads the wrapper's signature: the context first, the command's own
        # parameters, then the shared options (keyword-only, so defaults may follow).
        params = [context, *own, *extra]
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return wrapper

    return decorate


# No count, limit or size makes sense beyond this (islice and friends refuse more).
MAX_NUMBER = sys.maxsize


def _check_numbers(ctx: typer.Context, values: dict[str, Any]) -> None:
    """Every number option within what the code can take: no huge integers, no NaN."""
    import math

    for param in ctx.command.params:
        value = values.get(param.name or "")
        flag = max(param.opts, key=len) if param.opts else param.name
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise UsageProblem(f"{flag} is too large: at most {MAX_NUMBER}")
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageProblem(f"{flag} must be a finite number, got {value}")


class Group(TyperGroup):
    """The top-level group: usage errors as one line, exit codes as documented."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            sys.stdout.flush()  # a write error shows here, not in the interpreter's exit
        except _ClickException as e:
            code = _report_usage_error(e)
        except UsageProblem as e:
            say(str(e))
            code = ExitCode.USAGE
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except OSError as e:  # the output cannot be written: disk full, stdout closed
            code = _report_write_error(e)
        if not isinstance(code, int):
            code = ExitCode.OK
        if standalone_mode:
            sys.exit(code)
        return code


def _report_usage_error(error: Exception) -> int:
    message = error.format_message()  # type: ignore[attr-defined]
    ctx = getattr(error, "ctx", None)
    where = getattr(ctx, "command_path", PROG) if ctx is not None else PROG
    one_line = " ".join(str(message).split())
    say(f"{one_line} (see '{where} --help')")
    code = getattr(error, "exit_code", ExitCode.USAGE)
    return int(code) if isinstance(code, int) else int(ExitCode.USAGE)


def _report_write_error(error: OSError) -> int:
    streams.silence(sys.stdout)
    reason = error.strerror or str(error) or error.__class__.__name__
    if error.filename is not None:  # not stdout: a file the command was working on
        say(f"{error.filename}: {reason}")
    else:
        say(f"cannot write the output: {reason}")
    return int(ExitCode.OUTPUT_FAILED)
