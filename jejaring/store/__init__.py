"""Stores of the network: the embedded SQLite default and, later, Neo4j."""
