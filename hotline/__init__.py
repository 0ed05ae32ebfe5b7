"""Hotline contacts and citizen feedback ("phản ánh, kiến nghị") with tracking."""
