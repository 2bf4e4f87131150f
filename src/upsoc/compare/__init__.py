"""Comparing groups of articles (frame, origin, language) with honest uncertainty."""
