"""rasd.kb"""
