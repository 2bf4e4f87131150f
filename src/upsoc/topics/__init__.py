"""Topic models per language and across languages, with model selection, stability and labels."""
