"""rasd.text"""
