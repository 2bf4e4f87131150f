"""Sentence vectors: a multilingual encoder behind a small interface, stored per article."""
