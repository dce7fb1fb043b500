"""Spelling-insensitive keys for people's names.

The same officer appears as Məmmədov on an Azerbaijani sheet, Mammadov in an English report and Мамедов (Mamedov) in
Russian. The key folds those spellings together so the portal can warn about a likely duplicate; it never merges
people by itself.

How: transliterate Cyrillic to Latin, lower-case with the Azerbaijani rules for I/İ, fold letters that the three
spellings render differently (ə/a/e, x/kh/h, q/g/k, c/j/dzh, ...), drop vowels after the first letter, and collapse
repeated letters. It over-matches a little on purpose: a warning the user dismisses costs less than a duplicate.
"""

import re
import unicodedata

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ә": "a",
    "һ": "h",
    "ө": "o",
    "ү": "u",
    "ҹ": "j",
    "ј": "y",
}


def az_lower(text: str) -> str:
    """Lower-case with Azerbaijani rules: I -> ı and İ -> i (Python's str.lower() maps İ to 'i̇')."""
    return text.replace("I", "ı").replace("İ", "i").lower()


# Azerbaijani letters spelled out the way English and Russian transliterations write them.
_AZ_LETTERS = str.maketrans(
    {"ə": "a", "ä": "a", "ı": "i", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch", "ğ": "gh", "x": "kh", "q": "g"}
)
# Then every spelling of one sound becomes one symbol (upper case, so it cannot meet a later rule).
_SPELLINGS = [
    ("dzh", "J"),
    ("dj", "J"),
    ("zh", "J"),
    ("j", "J"),
    ("shch", "S"),
    ("sh", "S"),
    ("ch", "C"),
    ("c", "J"),
    ("kh", "K"),
    ("gh", "K"),
    ("ts", "s"),
    ("h", "K"),
    ("g", "K"),
    ("k", "K"),
    ("w", "v"),
]
_VOWELS = re.compile(r"[aeiouy]")


def _fold(word: str) -> str:
    word = "".join(_CYRILLIC.get(ch, ch) for ch in az_lower(word))
    word = unicodedata.normalize("NFKD", word.translate(_AZ_LETTERS))
    word = re.sub(r"[^a-z]", "", word)
    for spelling, sound in _SPELLINGS:
        word = word.replace(spelling, sound)
    if not word:
        return ""
    # The first letter stays (a leading vowel as 'a'); later vowels go; doubled letters collapse.
    head = "a" if _VOWELS.match(word[0]) else word[0]
    return re.sub(r"(.)\1+", r"\1", head + _VOWELS.sub("", word[1:])).lower()


def _drop_feminine_ending(word: str) -> str:
    # Məmmədova and Məmmədov are the same family name; the sex field tells them apart.
    return word[:-1] if len(word) > 3 and word.endswith("a") else word


def last_name_key(last_name: str) -> str:
    """The folded family name: the part of `person_name_key` before the bar, so a search can match its prefix."""
    return _fold(_drop_feminine_ending(az_lower(last_name.strip())))


def person_name_key(first_name: str, last_name: str) -> str:
    return f"{last_name_key(last_name)}|{_fold(first_name)}"


def fold_words(text: str) -> list[str]:
    """Each word of `text` folded like a family name, for spelling-insensitive search of institutions' names too
    (Təhlükəsizlik / Tahlukasizlik, Министерство / Ministerstvo)."""
    return [key for key in (_fold(word) for word in re.split(r"[\s\-/,.()«»\"']+", text)) if key]
