"""The one exception tree of jixiao.

A problem *in the user's document* is never an exception: it is a warning or a finding value.
These exceptions are for problems that stop the work on a file or a run.
"""

from __future__ import annotations


class JixiaoError(Exception):
    """Base of every error jixiao raises on purpose."""


class ParseError(JixiaoError):
    """An input file cannot be read at all (not a warning about part of it).

    Args:
        source: the file as the user named it.
        message: one Chinese sentence saying why.
    """

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class ConfigError(JixiaoError):
    """A configuration value or command-line setting is invalid."""


class RuleDataError(JixiaoError):
    """A rule profile (YAML) is malformed or refers to something that does not exist."""
