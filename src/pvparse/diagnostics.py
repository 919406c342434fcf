"""Every diagnostic code pvparse emits, in one place, with its severity."""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    # code: (severity, meaning)
    "unresolved_speaker": ("warning", "a speaker label matches no person named in the minutes"),
    "ambiguous_speaker": ("warning", "a speaker label matches several persons; no link was made"),
    "speaker_given_name_only": ("info", "a speaker is known only by a first name or nickname"),
    "unparsed_date": ("warning", "a date-like string could not be read as a date"),
    "vote_count_mismatch": ("warning", "vote counts do not add up to the number of voters stated"),
    "no_sections": ("info", "no heading was found; the document has no sections"),
    "no_meeting_date": ("info", "no meeting date was found"),
    "truncated_candidate": ("info", "a very long line was only partly examined"),
}


def severity(code: str) -> str:
    return CODES[code][0]
