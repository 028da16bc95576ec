"""Benchmarks and evaluations: `make bench`, `make eval` and the rest (docs/benchmarks.md).

They measure; the tests (tests/) assert. Their last numbers, with the command and the machine,
are written in docs/benchmarks.md.
"""
