"""Resolution stage: actor mentions to canonical actors and codes, toponyms to GeoNames, dates to the calendar."""
