"""Scoring engine: rule profiles as data, every score recomputed beside the printed one."""

from jixiao.core.scoring.engine import FormScore, IndicatorScore, LineScore, score_form
from jixiao.core.scoring.profile import Profile, load_profile, profile_names

__all__ = [
    "FormScore",
    "IndicatorScore",
    "LineScore",
    "Profile",
    "load_profile",
    "profile_names",
    "score_form",
]
