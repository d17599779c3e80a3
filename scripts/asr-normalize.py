"""Puts texts in the form Whisper's word error rates are scored in, for scripts/bench-voices.js:
Whisper's English text normalizer (lower case, no punctuation, numbers as digits, "21st" and
"twenty-first" alike, British spellings made American). One JSON string per line in and out.

   python3 scripts/asr-normalize.py WHISPER_DIR < texts.jsonl
WHISPER_DIR is what scripts/install-whisper.sh made.
"""
import json
import sys

sys.path.insert(0, f"{sys.argv[1]}/site")
from whisper_normalizer.english import EnglishTextNormalizer  # noqa: E402

normalize = EnglishTextNormalizer()
for line in sys.stdin:
    # Curly apostrophes are read as word breaks, straight ones as "'s"; make them one.
    print(json.dumps(normalize(json.loads(line).replace("\u2019", "'"))), flush=True)
