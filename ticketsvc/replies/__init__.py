"""Canned replies: answers agents keep, their own or shared, and send again as comments."""
