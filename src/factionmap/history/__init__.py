"""The actor graph over time: validity intervals, corroboration grades, conflicts."""
