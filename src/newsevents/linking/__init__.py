"""Linking articles that repeat each other: MinHash signatures of their text (``minhash.py``), which the store
uses to link a near-duplicate article to its original (``store/duplicates.py``)."""
