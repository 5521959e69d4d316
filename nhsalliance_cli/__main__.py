"""Entry point of ``nhsalliance`` and ``python -m nhsalliance_cli``.

Kept tiny so that Ctrl-C while the CLI is still importing exits 130 quietly too.
"""


def run() -> None:
    try:
        from nhsalliance_cli.cli import main
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    main()


if __name__ == "__main__":
    run()
