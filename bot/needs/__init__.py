"""Unmet needs and feedback: what the assistant could not answer, recorded without personal details."""
