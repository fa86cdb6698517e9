"""Invented regulator files in the real published layouts (`careqa demo-data`)."""
