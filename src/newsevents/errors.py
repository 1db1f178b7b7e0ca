"""One catalogue of error messages: each has a code and says what to do next."""

from __future__ import annotations


class NewseventsError(Exception):
    """An error the user can act on; ``str()`` is the one-line message."""

    def __reduce__(self):
        # Pickle-safe across process boundaries (a worker's error reaches the parent): the subclasses take
        # (origin, message), not the one formatted string that Exception.__reduce__ would hand back.
        if hasattr(self, "origin") and hasattr(self, "message"):
            return (type(self), (self.origin, self.message))
        return (type(self), self.args)


class InputError(NewseventsError):
    """An input file or line that could not be read as an article."""

    def __init__(self, origin: str, message: str) -> None:
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}")


class KnowledgeError(NewseventsError):
    """A data file (a lexicon, dictionary or table under resources/, or a user's own) that cannot be used as it is;
    raised when the Coder is built, before any article is read."""

    def __init__(self, origin: str, message: str) -> None:
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}")


class InputWarning(InputError):
    """A problem in an input that still let it be read: reported, but the run does not count it as failed."""


E001 = "not valid JSON ({detail}); fix the line or remove it"
E002 = "no 'text' field (a string) in this JSON object; every article needs its text"
E003 = "binary file, not text; pass .txt, .jsonl, .html or a directory of them"
E004 = "not UTF-8 ({detail}); re-encode the file as UTF-8"
E005 = "cannot read the file ({detail})"
E006 = (
    "unsupported file type {suffix!r}; supported: .txt, .jsonl, .html, .htm, .rss, .atom, .xml (feeds), "
    ".urls (feed list), .warc, .warc.gz, .parquet"
)
E007 = "no main text found in the HTML page"
E008 = "the JSON line is not an object"
E009 = "'date' {value!r} is not YYYY-MM-DD; the publication date is left unset"
E010 = "not a readable RSS/Atom feed ({detail}); pass an RSS 2.0 or Atom file, or a .urls list of feeds"
E011 = "feed entry has no text (no content, summary or title); skipped"
E012 = "not a readable WARC archive ({detail}); pass a .warc or .warc.gz file"
E013 = "WARC record has no extractable main text; skipped"
E014 = "not a readable Parquet file ({detail}); it needs at least a 'text' column (and 'id')"
E015 = "internal error while coding this article ({detail}); it was skipped, please report it"


class _DatabaseMessage(str):
    """E016: the hint follows the cause DuckDB names (a lock, a damaged file, no permission), not a guess."""

    def format(self, *args: object, **kwargs: object) -> str:
        detail = str(kwargs.get("detail", ""))
        low = detail.lower()
        # DuckDB's own phrases (the detail names the path too, so a bare word such as "lock" could be in it)
        if "permission denied" in low or "read-only file system" in low:
            hint = "the file or its folder is not writable: give a --db you can write"
        elif "not a valid duckdb" in low or "read enough bytes" in low or "corrupt" in low or "checksum" in low:
            hint = "the file is truncated or damaged: restore it from a copy, or give another --db"
        elif "could not set lock" in low or "conflicting lock" in low:
            hint = "is another newsevents process (an ingest, or a server with writes on) using it?"
        else:
            hint = "check the path, or give another --db"
        return super().format(*args, **kwargs) + "; " + hint


E016 = _DatabaseMessage("cannot open the database ({detail})")
E017 = "not a directory of Parquet partitions ({detail}); pass the --parquet-dir of an `ingest --engine ray` run"
E018 = "id {doc_id!r} appears again at line {later}; the later article replaces this one, as it would in the store"
E019 = "expected {expected} tab-separated columns, got {got}; fix the line (see the header comment of the file)"
E020 = "unknown kind {kind!r} in the event lexicon; use one of {kinds}"
E021 = "unknown cue {cue!r} in the event lexicon; use one of {cues}"
E022 = "{value!r} is not a PLOVER 2.0 {what}; use one listed in resources/ontology/plover.json"
E023 = "{code!r} is not a CAMEO code; use one listed in resources/ontology/cameo.tsv"
E024 = "no such {what} file; check the path given in {where}"
E025 = "weight {value!r} is not a number; the file is written by scripts/learn_quote_cues.py: run it again"
E026 = "no {key!r} entry; the file needs every one of: {keys}"
E027 = "unknown use {use!r} in the intent table; use one of {uses}"
E028 = "{of!r} is neither * nor a mode of {event} nor a CAMEO code; fix the 'of' column"
E029 = "a second {use} row for {event} with 'of' {of!r}; keep one of them"
E030 = "the event model cannot be read ({error}); rebuild it with scripts/train_event_model.py"
E031 = "a code or synonym line before any actor phrase; put the actor's phrase (e.g. TALIBAN_) on a line above it"
E032 = "a code bracket that does not close; write a code as [CODE] or [CODE YYYYMMDD-YYYYMMDD]"
E033 = "the substitution set {marker} is not defined above this line; define it first: {marker} = WORD, WORD"
E034 = "agent code [{code}] has no ~; write [~{code}] (added after the actor's code) or [{code}~] (put before it)"
E035 = "no {kind} dictionary here (a file named *{kind}*.txt); check the path given in --{kind}"
E036 = "not a gold article ({detail}); docs/annotation.md gives the fields"
E037 = "cannot find the shared data (../shared/data beside the repository); give the folder with --data"
E038 = "{n} gold article(s) not in this corpus file ({ids}); is --data the right folder?"
E039 = "not a RAMS excerpt or gold line ({detail}); ../shared/data/README.md gives the fields"
E040 = ("article of {chars:,} characters, over the limit of {limit:,} (--max-chars); split it, or raise --max-chars "
        "(memory grows 2-3 MB per 1,000 characters, see docs/scaling.md)")
E041 = ("a worker process died ({how}) while coding this article; it was skipped, the others go on (too little memory? "
        "try fewer --workers or a lower --max-chars)")
E042 = "a worker process died ({how}) while coding a batch of {n} article(s); coding them again one at a time"
E043 = "empty file: no text to code; skipped"
E044 = "PDF bytes in an HTML file; convert the PDF to text first"
E045 = "broken symbolic link ({detail}); skipped"
E046 = ".json file skipped: pass JSON lines as .jsonl (one article object per line)"
E047 = "the file name is not valid UTF-8; the article id and origin show U+FFFD for the bad bytes"
E048 = "the archive ends inside a record (truncated); the records before it were read"
E049 = "id {doc_id!r} was stored earlier in this run; this article replaces that one (counted once)"
E050 = ("the articles are stored, but the event clusters were not brought up to date ({detail}); run "
        "`newsevents link` to rebuild them")
