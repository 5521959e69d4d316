"""Typer plumbing shared by every command: the output and corpus options, errors, exit codes.

``@common_options(...)`` adds ``--json``/``--jsonl``/``--csv`` and ``--corpus`` to a
command (as sqlite-utils' output decorator does) and hands the command an
:class:`Invocation` holding the environment, the chosen format and the corpus.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from nhsalliance_cli.corpus.model import Corpus, check_date, date_within
from nhsalliance_cli.errors import ExitCode, NoResult, UsageProblem
from nhsalliance_cli.index.opening import load_corpus
from nhsalliance_cli.output import streams
from nhsalliance_cli.output.env import Environment
from nhsalliance_cli.output.pager import paging
from nhsalliance_cli.output.render import Output
from nhsalliance_cli.output.shapes import Format

PROG = "nhsalliance"
MAX_MESSAGE = 300  # characters of a line on stderr, the program's name included
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
    use_index: bool = True
    quiet: bool = False  # --quiet: no warnings or notes on stderr, only errors


@dataclass
class Invocation:
    env: Environment
    format: Format
    corpus_dir: str | None
    use_index: bool = True
    quiet: bool = False
    since: str | None = None
    until: str | None = None
    where: tuple[str, ...] = ()
    strict: bool = False

    @cached_property
    def whole(self) -> Corpus:
        """The whole corpus (through its index unless --no-index), before any filter; its
        warnings said."""
        from nhsalliance_cli.index.location import disabled_by_environment

        use_index = self.use_index and not disabled_by_environment()
        loaded = load_corpus(self.corpus_dir, use_index=use_index, strict=self.strict)
        for warning in () if self.quiet else loaded.warnings:
            say(warning)
        return loaded

    def note(self, message: str) -> None:
        """A note on stderr (a warning, what a filter left out), unless --quiet."""
        if not self.quiet:
            say(message)

    @cached_property
    def corpus(self) -> Corpus:
        """The corpus narrowed to --since/--until (saying how many undated documents that
        leaves out) and to --where."""
        loaded = self.whole
        corpus, undated = loaded.dated_between(self.since, self.until)
        bounds = [(o, v) for o, v in (("--since", self.since), ("--until", self.until)) if v]
        if undated:
            s = "" if undated == 1 else "s"
            self.note(
                f"{undated} undated document{s} left out by {' and '.join(o for o, _ in bounds)}"
            )
        if bounds and not len(corpus):
            if self.since and self.until:
                span = f"from {self.since} to {self.until}"
            else:
                span = f"{self.since} or later" if self.since else f"{self.until} or earlier"
            say(f"no documents dated {span}")
        if self.where and len(corpus):
            from nhsalliance_cli.corpus.where import narrow, parse

            corpus = narrow(corpus, [parse(w) for w in self.where])
        return corpus

    @cached_property
    def out(self) -> Output:
        return Output(self.env, self.format)


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name.

    Every value echoed in ``message`` comes out escaped (line breaks, escape sequences),
    and a closed or full stderr does not change the exit code.
    """
    line = streams.one_line(f"{PROG}: {message}")
    if len(line) > MAX_MESSAGE:  # the lists in messages are short; a long value is cut
        line = line[: MAX_MESSAGE - 1] + "…"
    streams.say(line)


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

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only documents dated DATE or later (YYYY, YYYY-MM or YYYY-MM-DD).",
        show_default=False,
        rich_help_panel="Documents",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only documents dated DATE or earlier: --until 2012 includes 2012-12-31.",
        show_default=False,
        rich_help_panel="Documents",
    ),
]

WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        metavar="FIELD=VALUE",
        help="Only documents whose FIELD is VALUE (repeatable: all must hold). "
        "V1,V2 for either, != for not, * and ? as globs; date, kind, source or any field "
        "of the folder (see list).",
        show_default=False,
        rich_help_panel="Documents",
    ),
]

StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="A file that is not UTF-8 is an error (exit 2), instead of being read in the "
        "encoding its byte-order mark or a charset detector gives.",
        rich_help_panel="Documents",
    ),
]

NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never send long output on a terminal through a pager.",
        rich_help_panel="Output",
    ),
]

_FORMAT_HELP = {
    Format.JSON: "Print one JSON document.",
    Format.JSONL: "Print one JSON object per line.",
    Format.CSV: "Print CSV with a header row.",
}


def common_options(
    formats: Sequence[Format] = (Format.JSON, Format.JSONL, Format.CSV),
    dates: bool = True,
    where: bool | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add the output options in ``formats``, ``--corpus``, (with ``dates``) the date
    filters ``--since``/``--until`` and (with ``where``, by default as ``dates``) the
    field filter ``--where`` to a command.

    The decorated function takes an :class:`Invocation` as its first parameter;
    user mistakes it raises (:class:`UsageProblem`) exit 2, :class:`NoResult` exits 1.
    """

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(func, eval_str=True)
        own = list(signature.parameters.values())[1:]
        context = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )

        @functools.wraps(func)
        def wrapper(ctx: typer.Context, **kwargs: Any) -> None:
            state = state_of(ctx)
            no_pager = kwargs.pop("no_pager", False)
            invocation: Invocation | None = None
            try:
                invocation = _invocation(ctx, state, formats, kwargs)
                with paging(None if no_pager else state.env.pager, state.env.height):
                    func(invocation, **kwargs)
            except UsageProblem as e:
                _leave(str(e), (), ExitCode.USAGE)
            except NoResult as e:
                if invocation is not None:
                    invocation.out.empty()  # `[]` for --json, as when the listing is empty
                _leave(str(e), e.hints, ExitCode.NO_RESULT)
            except Exception as e:
                # The index damaged under a running command (it is checked when opened):
                # one line, and the index goes, to be rebuilt by the next command.
                if invocation is None or type(e).__module__ not in ("sqlite3", "zlib"):
                    raise
                from nhsalliance_cli.index.manage import clear

                with contextlib.suppress(UsageProblem):
                    clear(invocation.corpus_dir, everything=False)
                _leave(f"the corpus index broke while in use ({e}); run the command again")

        # Typer reads the wrapper's signature: the context first, the command's own
        # parameters, then the shared options (keyword-only, so defaults may follow).
        params = [context, *own, *_shared_parameters(formats, dates, where)]
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return wrapper

    return decorate


def _keyword(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _shared_parameters(
    formats: Sequence[Format], dates: bool, where: bool | None
) -> list[inspect.Parameter]:
    """The parameters :func:`common_options` adds to a command, in the order of its help."""
    shared = [
        _keyword(
            f"{fmt.value}_output",
            Annotated[
                bool,
                typer.Option(f"--{fmt.value}", help=_FORMAT_HELP[fmt], rich_help_panel="Output"),
            ],
            False,
        )
        for fmt in formats
    ]
    shared += [_keyword("corpus_dir", CorpusOption), _keyword("no_pager", NoPagerOption, False)]
    if dates:
        shared += [_keyword("since_date", SinceOption), _keyword("until_date", UntilOption)]
    if dates if where is None else where:
        shared += [_keyword("where_fields", WhereOption), _keyword("strict", StrictOption, False)]
    return shared


def _invocation(
    ctx: typer.Context, state: AppState, formats: Sequence[Format], kwargs: dict[str, Any]
) -> Invocation:
    """The shared options taken out of ``kwargs`` (the command's own stay), checked, as the
    invocation the command is handed."""
    chosen = [fmt for fmt in formats if kwargs.pop(f"{fmt.value}_output", False)]
    corpus_dir = kwargs.pop("corpus_dir", None)
    since, until = kwargs.pop("since_date", None), kwargs.pop("until_date", None)
    where_fields = tuple(kwargs.pop("where_fields", None) or ())
    strict = bool(kwargs.pop("strict", False))
    if len(chosen) > 1:
        names = " and ".join(f"--{f.value}" for f in chosen)
        raise UsageProblem(f"{names} cannot be used together; choose one")
    _check_numbers(ctx, kwargs)
    since = check_date(since, "--since") if since is not None else None
    until = check_date(until, "--until") if until is not None else None
    if since and until and not date_within(since, None, until):
        raise UsageProblem(f"--since {since} is after --until {until}")
    if where_fields:
        from nhsalliance_cli.corpus.where import parse

        for text in where_fields:
            parse(text)  # a malformed one is a usage error before any work
    return Invocation(
        env=state.env,
        format=chosen[0] if chosen else Format.AUTO,
        corpus_dir=corpus_dir if corpus_dir is not None else state.corpus_dir,
        use_index=state.use_index,
        quiet=state.quiet,
        since=since,
        until=until,
        where=where_fields,
        strict=strict,
    )


def _leave(message: str, hints: Sequence[str] = (), code: int = ExitCode.USAGE) -> NoReturn:
    say(message)
    for hint in hints:
        say(hint)
    raise typer.Exit(code) from None


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
        _plain_help(self)
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


def _plain_help(command: Any) -> None:
    """--help in words: no type after a flag (``<bool>``) or after an argument that has a
    name already (``QUERY <list[str]>``), no range after a number (``N [x>=1]``)."""
    for param in getattr(command, "params", ()):
        if getattr(param, "is_flag", False) or (
            param.param_type_name == "argument" and param.metavar is not None
        ):
            param.display_type_rich = lambda ctx: None
        param._get_number_range_help_str = lambda: None
    made = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            option.display_type_rich = lambda ctx: None
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)


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
