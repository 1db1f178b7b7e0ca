"""Events: clauses coded as PLOVER/CAMEO events with their actors, recipients, modes, date and place."""
