"""Obligations per party (stub)."""
def extract_obligations(doc, segs, roles):
    return []
