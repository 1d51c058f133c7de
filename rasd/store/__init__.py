"""rasd.store"""
