"""Stage 3: mention resolution and coreference (the actor dictionaries it reads are in
orbit/lexicon/)."""
