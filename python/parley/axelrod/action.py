# SPDX-License-Identifier: MIT
"""action.py — C and D, as Axelrod-Python scripts name them (axl.Action.C, from axelrod.action
import C, D): an enum whose str and repr are the letter."""
from enum import Enum


class Action(Enum):
    C = 0
    D = 1

    def __repr__(self):
        return self.name

    __str__ = __repr__

    def flip(self):
        return Action.D if self is Action.C else Action.C

    @classmethod
    def from_char(cls, ch):
        if ch == "C":
            return cls.C
        if ch == "D":
            return cls.D
        raise ValueError("expected 'C' or 'D', got %r" % (ch,))


C, D = Action.C, Action.D


def actions_from(text):
    """A string of C and D as a list of Actions."""
    return [C if ch == "C" else D for ch in text]
