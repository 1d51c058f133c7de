"""rasd.ingest"""
