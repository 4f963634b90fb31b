"""The place finder's numbers and word lists: scores, bonuses and population floors (tuned
together on the seed article and the LGL / GeoWebNews dev splits), and the words that mark
a place in the syntax."""
from __future__ import annotations

from ...lexicon.words import PLACE_OVER_NAME_POPULATION, words

# -- tuning -----------------------------------------------------------------------
# Scores are log10(population) plus these bonuses; tuned together on the seed article and
# the LGL / GeoWebNews benchmark (bench/eval_geoparse.py), not on single sentences.
# a province loses to a city of its name unless the text says province ("Aleppo", "Zurich"):
# news names the city far more often
KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 1.5, "water": 1.5, "landmark": 0.5,
              "state": -0.5, "county": 0.0, "city": 0.0, "province": -1.5}
REGION_POPULATION = 10 ** 6  # regions file entries have no population: a middling prior
COUNTY_POPULATION = 30_000
PRIMARY_NAME_BONUS = 0.5  # the mention is the city's main name ("New York" for "New York City" too)
ALTERNATE_NAME_PENALTY = 1.0  # ... or only one of its alternate names (often a former name)
MENTIONED_COUNTRY_BONUS = 2.0  # the article names the candidate's country elsewhere
# by how many other places of the article resolved to that country (1, 2, 3+); a flat 1.5
# before, the steps as for states; chosen on the LGL / GeoWebNews dev split
RESOLVED_COUNTRY_BONUS = (1.5, 2.0, 2.5)
DATELINE_COUNTRY_BONUS = 1.5
MENTIONED_ADMIN1_BONUS = 2.0  # the article names the candidate's state elsewhere
RESOLVED_ADMIN1_BONUS = (1.5, 2.0, 2.5)  # by how many other places resolved to that state
CAPITAL_BONUS = 2.5  # a capital city in a story that mentions its country
CAPITAL_PLAIN_BONUS = 0.8  # a capital city anyway: "Washington" is the capital
EXPLICIT_CAPITAL_BONUS = 6.0  # "the Ukrainian capital, Kyiv"
# a choice feeds the next pass's context only when it beats every candidate elsewhere by this
CONFIDENT_MARGIN = 0.5
# weight of log10(population) for a name used for a local institution or resident ("Paris
# police", "a Lebanon woman"): a town's own police make the story local, so size says less
# about which town it is; 0.5 against 0.75 and 1.0 on the LGL dev split (GeoWebNews unchanged)
LOCAL_POPULATION_WEIGHT = 0.5
COHERENCE_PASSES = 3
# the gazetteer as a second source (areas.py): a town in the article's area is one in a
# state or province it names or resolved to, or within AREA_KM of a town it resolved to
# (of the first MAX_AREA_POINTS); 50 / 80 / 120 km compared on the LGL dev split
AREA_KM = 80.0
MAX_AREA_POINTS = 30
# a town within AREA_KM of a town the article's other places confidently resolved to
# ("Dublin" beside "Columbus, Ohio"); 1.0 / 1.5 / 2.5 compared on the LGL dev split
NEAR_BONUS = 1.5
# ... for a town by its own name and of this many people ("Mexico" is not Mexico City
# because it is near Puebla)
NEAR_MIN_POPULATION = 1_000
SURE = 99.0  # the margin of a choice without rivals
BIG_CITY = 1_000_000
# a PERSON/ORG entity is read as a place only if a city of at least this many people has
# the name (or the syntax says "city of ...")
MIN_POP_RELABEL = PLACE_OVER_NAME_POPULATION
# unknown toponyms are returned (without coordinates) only in these labels and contexts
UNKNOWN_LABELS = ("GPE", "LOC")

PLACE_CUE_WORDS = words("places.place_cue_words")
PLACE_NOUNS = words("places.place_nouns")
DIRECTIONS = words("places.directions")
# "South Philadelphia" is read as Philadelphia only when the city has this many people
DIRECTION_CITY_POPULATION = 100_000
# a single-word PERSON label that the NER keeps giving a city this big is read as its error
PERSON_LABEL_CITY = 50_000
PERSON_TITLES = words("places.person_titles")
COMPASS = words("places.compass")
PERSON_PREPS = words("places.person_preps")
MOTION_VERBS = words("places.motion_verbs")
MOTION_PREPS = words("places.motion_preps")
# words that name a kind of place, never a place on their own
GENERIC_PLACE_WORDS = words("places.generic_place_words")
DISEASE_WORDS = words("places.disease_words")
LIST_WORDS = {",", "and", "or", "&", "as", "well", "plus"}
# a candidate of the kind its list neighbours resolved to: "Georgia, Armenia and Azerbaijan"
LIST_KIND_BONUS = 1.5
STATE_HINT_BONUS = 3.0  # "Washington state", "Idlib province", "Harper and Kingman counties"
PROVINCE_WORDS = words("places.province_words")
# kinds whose admin1 code places them inside a state or province (scored and tallied by it)
ADMIN_KINDS = ("city", "county", "state", "province")
# ... and those whose confident reading makes its state or province one of the article's
# (tallied for its other places, and its area): also a province of the regions file, which
# carries its admin1 code ("Ontario", "Queensland")
AREA_KINDS = ADMIN_KINDS + ("region",)
# kinds of the regions file -> Place.kind
WATER_KINDS = {"river", "sea", "strait", "gulf", "ocean", "lake", "bay", "channel", "canal", "water"}
LANDMARK_KINDS = {"landmark", "mountain", "volcano", "dam", "bridge", "base", "airport"}



