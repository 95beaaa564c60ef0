"""Read-side aggregates over programs: facets of the list, statistics, the source table's totals, the partner map."""
