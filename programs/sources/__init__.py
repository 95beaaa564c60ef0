"""The one-off import of the 2005–2021 source table (fixtures/sources/), and the reference records
that the other source documents state."""
