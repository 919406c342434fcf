"""Extraction stage: one module per thing extracted from the segmented minutes."""
