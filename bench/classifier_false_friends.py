"""Real words that the fallback's spelling correction would turn into a cue word.

    python bench/classifier_false_friends.py [/usr/share/dict/words]

Each word printed should go into fallback/vocabulary.py NEVER_CORRECTED, unless it is a
typo that should be corrected ("instal", "loosing"). Needs an English word list (Debian:
`apt-get install wamerican`); re-run after changing cue phrases.
"""

import sys

from ticketsvc.classifier.fallback import CUES
from ticketsvc.classifier.fallback.text import tokens_of


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/words"
    with open(path, encoding="utf-8") as dictionary:
        words = {line.strip().lower().replace("'", "") for line in dictionary}
    for word in sorted(w for w in words if w.isalpha()):
        tokens = tokens_of(word)
        if len(tokens) == 1 and (corrected := CUES.normalized(tokens[0])) != tokens[0]:
            print(f"{tokens[0]} -> {corrected}")


if __name__ == "__main__":
    main()
