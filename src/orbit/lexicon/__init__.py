"""Domain knowledge shared by every stage, loaded from data files once (issue 18's lexicon
layer). Modules here read `orbit/data/` and import nothing from the pipeline's stages."""
