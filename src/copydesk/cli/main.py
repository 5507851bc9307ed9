"""The ``copydesk`` command: a thin dispatcher over one module per subcommand.

Each name in :data:`COMMANDS` is a module ``copydesk/cli/<name>.py`` that follows this contract:

- It exposes ``register(subparsers: argparse._SubParsersAction) -> None``, which adds its parser with
  ``subparsers.add_parser("<name>", help=..., description=...)`` and sets its handler with
  ``parser.set_defaults(handler=run)``.
- The handler is ``run(args: argparse.Namespace) -> int`` and returns the exit code: 0 for success,
  1 when the command ran but found a problem it reports itself, 2 for bad input or usage.
- It only parses options and calls the library; heavy imports go inside ``run`` so that
  ``copydesk --help`` stays fast.
- For an expected failure (unreadable file, bad input) it raises :class:`~copydesk.errors.CopydeskError`
  with a message that says what was wrong and what to do: :func:`main` prints it as one line,
  ``copydesk <name>: error: <message>``, and exits with 2, without a traceback.

A listed module that is missing, or fails to import, is left out: the other commands keep working,
and asking for the missing one says that it is not available.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from copydesk import __version__
from copydesk.errors import CopydeskError

#: The subcommands, in the order ``copydesk --help`` lists them.
COMMANDS: tuple[str, ...] = ("clean", "quotes", "run", "query", "report")


def build_parser(commands: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser, list[str]]:
    """Return the argument parser and the commands (default: :data:`COMMANDS`) that could not be loaded."""
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Clean, structure and attribute scraped news pages given as plain text.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    unavailable = []
    for name in COMMANDS if commands is None else commands:
        module_name = f"copydesk.cli.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:  # the module exists but one of its imports is missing
                print(f"copydesk: warning: command {name!r} is unavailable: {exc}", file=sys.stderr)
            unavailable.append(name)
            continue
        except Exception as exc:  # a broken command module must not take the others down
            print(f"copydesk: warning: command {name!r} failed to load: {exc!r}", file=sys.stderr)
            unavailable.append(name)
            continue
        module.register(subparsers)
    return parser, unavailable


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``copydesk`` command line and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, unavailable = build_parser()
    if argv and argv[0] in unavailable:
        print(
            f"copydesk: error: the {argv[0]!r} command is not available in this installation", file=sys.stderr
        )
        return 2
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    command = argv[0] if argv else "copydesk"
    try:
        return int(handler(args))
    except CopydeskError as exc:
        print(f"copydesk {command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"copydesk {command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
