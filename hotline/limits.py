"""The hotline's rate limits (counted by core.ratelimit); rates can be changed in settings."""

from core.ratelimit import RateLimit

submissions = RateLimit("feedback-submit", "5/hour", "FEEDBACK_RATE_LIMIT")
lookups = RateLimit("feedback-lookup", "20/hour", "FEEDBACK_LOOKUP_RATE_LIMIT")
# Failed look-ups per tracking code, whoever makes them: stops guessing the 4 digits from many addresses.
code_failures = RateLimit("feedback-lookup-code", "10/day", "FEEDBACK_LOOKUP_CODE_FAILURE_LIMIT")
