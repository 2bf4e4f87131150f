"""Cross-lingual advice themes: clusters of sentence vectors read in all three languages."""
