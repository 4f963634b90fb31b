"""Quotations and reported speech, each with its speaker resolved to one of the document's actors.

One job per module:
  - marks: the quoted spans of the text (curly, straight, guillemets; a quote left open at a
    paragraph's end continues when the next paragraph opens with a mark);
  - direct: which quoted spans are statements (a short phrase with no finite verb that does
    not open its sentence is a scare quote unless a speech verb with a subject governs it) and
    the cue of each: a speech verb the quote hangs from or that hangs from it, the nearest
    speech verb in its sentences, an attribution the parser split off as a sentence of its
    own, a "He said:" just before it, or a label ("Maria Olsen, The Daily Ledger: “…”");
  - indirect: speech verbs with a content clause ("X said (that) …", "told reporters …"),
    "according to X, …", "…, X said.", object and complement ("called the memorandum an
    attack", "urged both governments to …"), a clause the parser took for the verb's object
    ("Obama says Trump modeling …"), and the topic of a statement ("warned of …");
  - stance: stance and report verbs (data/extract/stance_verbs.txt: "denied the reports",
    "accused X of Y", "polls show her ahead", "vowed to …") and reporting nouns
    (data/extract/noun_cues.txt: "allegations of fraud", "Trump's claim that …"), which
    PolNeAR counts as attributions; and reports in the passive with their source named by
    "by" ("the plan was first reported by The Harbour Gazette": the subject is what
    was reported);
  - labels: a statement under a name label ("Donald Trump Jr.: Women Who …", a headline or a
    transcript line): the name speaks, the colon is the cue; a quoted transcript
    ("“PARTICIPANT: … MS. CLINTON: …”") is one statement per label;
  - tail: a closing attribution the parse left loose ("…, FEC records show.", "…, the party's
    treasurer, Ann Lowe, told reporters."), read from word order;
  - speakers: the cue's subject (climbing from "saying" to the clause it modifies; the author
    of "a statement saying …"; the agent of a passive; the noun after an inverted cue),
    resolved to actors through orbit's mentions; an unresolved subject is kept as text;
  - core: find_quotes, the passes in order; a statement with no cue takes the speaker of the
    previous attributed quote of its own or the previous paragraph; a speaker named only as
    "the statement" or "the spokeswoman" is the earlier named speaker who made that statement
    or for whom a spokesperson speaks (the words stay the local ones).

No attribution crosses a paragraph break, whatever the parse says. A quote's text is the
quoted words without their marks, whitespace normalised; a reported clause that ends just
inside a quotation takes the quotation whole, so the quotation lies inside the clause.
Everything is a walk over the parse with per-document arrays: a few milliseconds per article.
"""
from .core import find_quotes
from .lexicon import noun_cues, speech_verbs, stance_verbs
from .marks import quoted_spans

__all__ = ["find_quotes", "noun_cues", "quoted_spans", "speech_verbs", "stance_verbs"]
