"""Transcribes WAV files with faster-whisper for scripts/bench-voices.js; one JSON line per file.

   python3 scripts/whisper-transcribe.py WHISPER_DIR FILE.wav...
WHISPER_DIR is what scripts/install-whisper.sh made: site/ (the packages) and model/.
"""
import json
import sys

whisper_dir = sys.argv[1]
sys.path.insert(0, f"{whisper_dir}/site")
from faster_whisper import WhisperModel  # noqa: E402

model = WhisperModel(f"{whisper_dir}/model", device="cpu", compute_type="int8", cpu_threads=2)
for path in sys.argv[2:]:
    # Deterministic (beam search at temperature 0); each segment decoded without the previous text
    # as a prompt, so one misheard sentence does not steer the next.
    segments, _ = model.transcribe(path, language="en", beam_size=5, temperature=0, condition_on_previous_text=False, vad_filter=False)
    print(json.dumps({"file": path, "text": " ".join(segment.text.strip() for segment in segments)}), flush=True)
