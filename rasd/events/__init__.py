"""rasd.events"""
