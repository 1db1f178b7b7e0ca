"""Knowledge: loaders of the data files under resources/ (actor KB, dictionaries, codes, gazetteer, ontology)."""
