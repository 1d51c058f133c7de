"""rasd.engine"""
