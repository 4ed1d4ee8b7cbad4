"""Benchmarks and the realistic submission generator they use (`make bench`)."""
