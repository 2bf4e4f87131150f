"""Annotation studies: seeded samples of sentences for human coders, their sheets and their agreement."""
